export { ResolvedTrace, ReviewList, cardDomId, fixText } from "./ReviewList";
export type { FixAvailability, ReviewListProps } from "./ReviewList.types";
