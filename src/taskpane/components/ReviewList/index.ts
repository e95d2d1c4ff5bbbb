export { ReviewList, cardDomId } from "./ReviewList";
export type { ReviewListProps } from "./ReviewList.types";
