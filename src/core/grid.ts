/**
 * A read-only view of one snapshot sheet addressed by absolute row and column, with each cell's
 * reading computed once. Table finders and checks read cells only through it.
 */
import { a1 } from "./address";
import type { CellValue, SheetSnapshot } from "./model";
import { readCell, type CellReading } from "./numbers";

export interface GridCell {
  sheet: string;
  row: number;
  column: number;
  /** A1 address without the sheet. */
  address: string;
  value: CellValue;
  /** The formula (`=E5-F5`) when the cell holds one. */
  formula?: string;
  numberFormat: string;
  reading: CellReading;
  /**
   * A formula the file stores with no result that Pointage could not compute (src/core/evaluate.ts):
   * its value is empty, and it is reported as not checked.
   */
  uncomputed?: true;
}

export class SheetGrid {
  readonly name: string;
  readonly firstRow: number;
  readonly firstColumn: number;
  /** One past the last row / column holding anything. */
  readonly endRow: number;
  readonly endColumn: number;
  /** Cells read so far, by row and column relative to the origin. */
  private readonly cache: (GridCell | undefined)[][] = [];

  /**
   * `uncomputed`: positions (`i:j`, 0-based in the snapshot's arrays) of formulas with no cached
   * value that could not be computed.
   */
  constructor(
    readonly snapshot: SheetSnapshot,
    private readonly uncomputed: ReadonlySet<string> = new Set(),
  ) {
    this.name = snapshot.name;
    this.firstRow = snapshot.origin.row;
    this.firstColumn = snapshot.origin.column;
    this.endRow = this.firstRow + snapshot.values.length;
    let width = 0;
    for (const row of snapshot.values) width = Math.max(width, row.length);
    this.endColumn = this.firstColumn + width;
  }

  /** The formulas with no cached value that could not be computed, top to bottom, left to right. */
  uncomputedCells(): GridCell[] {
    return [...this.uncomputed]
      .map((key) => key.split(":").map(Number))
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map(([i, j]) => this.cell(this.firstRow + i, this.firstColumn + j));
  }

  /** The raw value, "" outside the used range. */
  value(row: number, column: number): CellValue {
    const r = this.snapshot.values[row - this.firstRow];
    const v = r ? r[column - this.firstColumn] : undefined;
    return v === undefined || v === null ? "" : v;
  }

  isEmpty(row: number, column: number): boolean {
    const v = this.value(row, column);
    return v === "" || (typeof v === "string" && v.trim() === "");
  }

  /** True when every cell of the row between the two columns (inclusive) is empty. */
  rowEmpty(row: number, fromColumn = this.firstColumn, toColumn = this.endColumn - 1): boolean {
    for (let c = fromColumn; c <= toColumn; c++) if (!this.isEmpty(row, c)) return false;
    return true;
  }

  cell(row: number, column: number): GridCell {
    const i = row - this.firstRow;
    const j = column - this.firstColumn;
    const inside = i >= 0 && j >= 0 && i < this.snapshot.values.length;
    const cached = inside ? this.cache[i]?.[j] : undefined;
    if (cached) return cached;
    const value = this.value(row, column);
    const f = this.snapshot.formulas?.[i]?.[j];
    const numberFormat = this.snapshot.numberFormats?.[i]?.[j] ?? "General";
    const valueType = this.snapshot.valueTypes?.[i]?.[j];
    const cell: GridCell = {
      sheet: this.name,
      row,
      column,
      address: a1(row, column),
      value,
      formula: typeof f === "string" && f.startsWith("=") ? f : undefined,
      numberFormat,
      reading: readCell(value, numberFormat, valueType),
    };
    if (inside && this.uncomputed.size > 0 && this.uncomputed.has(`${i}:${j}`)) cell.uncomputed = true;
    if (inside) (this.cache[i] ??= [])[j] = cell;
    return cell;
  }
}
