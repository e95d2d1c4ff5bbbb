import type { UnreadSummary } from "../../../core/engine";
import type { Finding, Lang, Severity } from "../../../core/findings";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../../core/model";
import type { ComputedValues } from "../../computedValues";
import type { GridSelection } from "../../fileHost";

export interface SheetGridProps {
  lang: Lang;
  snapshot: WorkbookSnapshot;
  /**
   * What the engine computed for formulas with no cached value, shown where the snapshot has
   * nothing (as Excel shows them once it recalculates); a cached value is always shown as read.
   * @default none
   */
  computed?: ComputedValues;
  /** Findings whose cells are marked. */
  marks: readonly Finding[];
  /** Ranges holding numbers that no check covered: their cells are marked « non contrôlé ». @default [] */
  unread?: readonly Pick<UnreadSummary, "sheet" | "range">[];
  /** @default true */
  marksVisible?: boolean;
  /** The cell to show: the grid switches to its sheet, scrolls to it and outlines it. */
  selection?: GridSelection;
  /** A marked cell was clicked: the page selects its card. */
  onMarkClick?: (sheet: string, cell: string) => void;
  /** Height of the scrolling area in CSS pixels; by default it fills its container (which must give it a height). */
  height?: number;
}

/** One marked cell: the worst severity of its findings and their messages. */
export interface CellMark {
  severity: Severity;
  messages: string[];
}

/** A cell as the grid shows it. */
export interface GridCell {
  /** The snapshot's value, or the engine's for a formula with no cached value. */
  value?: CellValue;
  format?: string;
  /** Empty cells to its right that its text overflows into (0: none). */
  overflow: number;
  /** Under a text overflowing from the left: `through` when the text goes on into the next cell. */
  under?: "through" | "end";
}

/** The rows the grid renders: a window around the scroll position, with spacers for the rest. */
export interface RowWindow {
  first: number;
  /** Exclusive. */
  last: number;
}

export interface SheetGridState {
  /** Sheets shown as tabs (the settings sheet left out). */
  sheets: SheetSnapshot[];
  active?: SheetSnapshot;
  activeName?: string;
  setActiveName: (name: string) => void;
  /** Absolute 0-based row and column counts of the active sheet's used area. */
  rowCount: number;
  columnCount: number;
  /** Columns rendered (wide sheets are cut). */
  shownColumns: number;
  visibleRows: RowWindow;
  /** The cells of one row of the active sheet, as shown, for the columns rendered. */
  rowCells: (row: number) => GridCell[];
  /** Marks of the active sheet, by `row,column`. */
  marks: Map<string, CellMark>;
  /** The unread range covering a cell of the active sheet (`B3:F40`), if any. */
  unreadAt: (row: number, column: number) => string | undefined;
  /** Some range is marked « non contrôlé » (the legend says what the hatching means). */
  hasUnread: boolean;
  /** Marked cells per sheet and their worst severity, for the tabs. */
  markCounts: Map<string, { count: number; severity: Severity }>;
  /** The selected cell on the active sheet, 0-based. */
  selected?: { row: number; column: number };
  scrollRef: React.RefObject<HTMLDivElement>;
  onScroll: () => void;
  /** Announced to screen readers when a finding's cell is shown. */
  announcement: string;
}
