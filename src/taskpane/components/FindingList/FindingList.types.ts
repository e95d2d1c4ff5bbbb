import type { TableSummary } from "../../../core/engine";
import type { Finding, Lang } from "../../../core/findings";
import type { FixAvailability } from "../FindingItem";

export interface FindingListProps {
  /** Findings in the engine's order (sheet, row, column). */
  findings: readonly Finding[];
  tables: readonly TableSummary[];
  lang: Lang;
  /** How each finding can be fixed. */
  fixOf: (finding: Finding) => FixAvailability;
  /** @default false */
  disabled?: boolean;
  onGoTo: (finding: Finding) => void;
  onFix: (finding: Finding) => void;
  onIgnore: (finding: Finding) => void;
}

/** The findings of one table of a sheet, or the sheet's findings outside any table. */
export interface TableGroup {
  /** Undefined for "other findings". */
  table?: TableSummary;
  findings: Finding[];
}

export interface SheetGroup {
  sheet: string;
  groups: TableGroup[];
}

export interface FindingListState {
  sheets: SheetGroup[];
}
