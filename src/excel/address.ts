/**
 * A1 address helpers for the Office adapter. Pure: no Office or Excel globals.
 * Rows and columns are 0-based here, as in `model.ts` (`origin`).
 */

/** Excel's last row and column (1 048 576 rows, XFD = 16 384 columns). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** Column letters and indexes are the engine's own (0-based). */
export { columnIndex, columnLetter as columnLetters } from "../core/address";
import { columnLetter as columnLetters, parseA1 } from "../core/address";

/** The address without its sheet (`'Feuil 1'!$B$3:F20` → `B3:F20`). */
export function localAddress(address: string): string {
  const bang = address.lastIndexOf("!");
  return (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "");
}

export interface CellPosition {
  row: number;
  column: number;
}

/** Parses one A1 cell (`G4`, `$G$4`); throws on anything else. */
export function parseCell(a1: string): CellPosition {
  const cell = parseA1(a1);
  if (!cell) throw new Error(`Not an A1 cell address: ${a1}`);
  return cell;
}

export interface RangePosition {
  start: CellPosition;
  rowCount: number;
  columnCount: number;
}

/** Parses an A1 range with or without sheet (`Feuil1!B3:F20`, `B3`). */
export function parseRange(address: string): RangePosition {
  const [a, b] = localAddress(address).split(":");
  const start = parseCell(a);
  const end = b === undefined ? start : parseCell(b);
  return {
    start: { row: Math.min(start.row, end.row), column: Math.min(start.column, end.column) },
    rowCount: Math.abs(end.row - start.row) + 1,
    columnCount: Math.abs(end.column - start.column) + 1,
  };
}

/** The A1 address of a block: `rangeA1(2, 1, 3, 2)` → `B3:C5`, one cell → `B3`. */
export function rangeA1(row: number, column: number, rowCount: number, columnCount: number): string {
  const first = `${columnLetters(column)}${row + 1}`;
  if (rowCount === 1 && columnCount === 1) return first;
  return `${first}:${columnLetters(column + columnCount - 1)}${row + rowCount}`;
}

/** A sheet name quoted for a reference (`Feuil 1` → `'Feuil 1'`, `l'an` → `'l''an'`); always quoted. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A sheet-qualified reference for links: `'Rapport'!G4`. */
export function qualifiedAddress(sheet: string, cell: string): string {
  return `${quoteSheet(sheet)}!${localAddress(cell)}`;
}
