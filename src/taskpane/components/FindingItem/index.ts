export { FindingItem, fixText } from "./FindingItem";
export type { FindingItemProps, FixAvailability } from "./FindingItem.types";
