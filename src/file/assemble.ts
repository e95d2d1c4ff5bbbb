/**
 * Builds a sheet snapshot (the arrays Office.js returns for a used range) from the cells that
 * hold data, whatever file format they were read from.
 */
import type { CellValue, SheetSnapshot, ValueType } from "../core/model";

/**
 * Beyond this many cells (rows × columns of the data's bounding box), rows are left ragged
 * (each ends at its last value) instead of padded to a rectangle: one stray cell in XFD1 must not
 * make 16 384 columns for every row.
 */
const RECTANGLE_CELL_LIMIT = 4_000_000;

/** One cell that holds data (1-based column). */
export interface CellRecord {
  col: number;
  value: CellValue;
  formula: CellValue;
  numFmt: string;
  type: ValueType;
}

/** The cells of one sheet row that hold data, in column order (1-based row and columns). */
export interface RowRecord {
  row: number;
  cells: CellRecord[];
}

/**
 * A sheet snapshot from its rows of data (sorted by row, cells by column): the arrays cover the
 * data's bounding box, padded to a rectangle unless that would be huge (see RECTANGLE_CELL_LIMIT).
 */
export function assembleSheet(base: Omit<SheetSnapshot, "origin" | "values" | "formulas" | "numberFormats" | "valueTypes">, rows: RowRecord[]): SheetSnapshot {
  let top = Infinity;
  let bottom = 0;
  let left = Infinity;
  let right = 0;
  for (const r of rows) {
    if (r.cells.length === 0) continue;
    top = Math.min(top, r.row);
    bottom = Math.max(bottom, r.row);
    left = Math.min(left, r.cells[0].col);
    right = Math.max(right, r.cells[r.cells.length - 1].col);
  }
  const sheet: SheetSnapshot = {
    ...base,
    origin: { row: 0, column: 0 },
    values: [],
    formulas: [],
    numberFormats: [],
    valueTypes: [],
  };
  rows = rows.filter((r) => r.cells.length > 0);
  if (rows.length === 0) return sheet;

  sheet.origin = { row: top - 1, column: left - 1 };
  const height = bottom - top + 1;
  const width = right - left + 1;
  const rectangular = height * width <= RECTANGLE_CELL_LIMIT;
  const values: CellValue[][] = new Array(height);
  const formulas: CellValue[][] = new Array(height);
  const numberFormats: string[][] = new Array(height);
  const valueTypes: ValueType[][] = new Array(height);
  const emptyRow = (length: number) => {
    return {
      v: new Array<CellValue>(length).fill(""),
      f: new Array<CellValue>(length).fill(""),
      n: new Array<string>(length).fill("General"),
      t: new Array<ValueType>(length).fill("Empty"),
    };
  };
  let next = 0;
  for (let r = 0; r < height; r++) {
    const record = rows[next]?.row === top + r ? rows[next++] : undefined;
    const length = rectangular ? width : record ? record.cells[record.cells.length - 1].col - left + 1 : 0;
    const row = emptyRow(length);
    if (record) {
      for (const c of record.cells) {
        const i = c.col - left;
        row.v[i] = c.value;
        row.f[i] = c.formula;
        row.n[i] = c.numFmt;
        row.t[i] = c.type;
      }
    }
    values[r] = row.v;
    formulas[r] = row.f;
    numberFormats[r] = row.n;
    valueTypes[r] = row.t;
  }
  sheet.values = values;
  sheet.formulas = formulas;
  sheet.numberFormats = numberFormats;
  sheet.valueTypes = valueTypes;
  return sheet;
}

