export { SheetGrid } from "./SheetGrid";
export { useSheetGrid, rowWindow, sheetExtent, sheetRowCells, ROW_HEIGHT, COLUMN_WIDTH, MAX_COLUMNS } from "./useSheetGrid";
export { overflowSpans } from "./overflow";
export { cellText } from "./cellText";
export type { SheetGridProps, SheetGridState, CellMark, GridCell, RowWindow } from "./SheetGrid.types";
export type { OverflowKind } from "./overflow";
