export { UnreadRanges, unreadReasonText } from "./UnreadRanges";
export type { UnreadRangesProps } from "./UnreadRanges.types";
