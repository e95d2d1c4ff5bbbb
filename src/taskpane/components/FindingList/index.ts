export { FindingList } from "./FindingList";
export { groupFindings, useFindingList } from "./useFindingList";
export type { FindingListProps, FindingListState, SheetGroup, TableGroup } from "./FindingList.types";
