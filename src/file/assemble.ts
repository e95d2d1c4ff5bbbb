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


/** A merged area, 1-based bounds. */
export interface Bounds {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One sheet row being read: its cells from column `base` (1-based) on, in the snapshot's four shapes. */
interface BuiltRow {
  row: number;
  base: number;
  v: CellValue[];
  /** Undefined while the row holds no formula: its formulas are then its values (the same array). */
  f: CellValue[] | undefined;
  n: string[];
  t: ValueType[];
  /** Whether `n` and `t` are shared rows (frozen): copied before a change. */
  shared: boolean;
  /**
   * While the row is read: `n` and `t` are the previous row's (shared), kept as long as each cell
   * matches them, so that a table's rows make no arrays of formats and types at all.
   */
  pattern: boolean;
  /** The first and last columns holding data. */
  first: number;
  last: number;
}

/**
 * Rows of number formats or value types, one array per distinct row, frozen: a table's rows all
 * show the same formats and types, so a million of them cost one array each instead of two
 * million (issue 14). The engine only reads them; core/evaluate.ts and core/patch.ts copy a row
 * before changing it.
 */
class RowPool<T> {
  private readonly byKey = new Map<string, readonly T[]>();
  private last: readonly T[] | undefined;

  /** The row interned last: the likely one for the next row. */
  get latest(): readonly T[] | undefined {
    return this.last;
  }

  intern(row: T[]): T[] {
    const last = this.last;
    if (last && sameRow(last, row)) return last as T[];
    const key = row.join("\u0000");
    const found = this.byKey.get(key);
    // The key may be ambiguous (a format holding U+0000): the row is kept as it is then.
    if (found && sameRow(found, row)) return (this.last = found) as T[];
    if (found) return row;
    Object.freeze(row);
    this.byKey.set(key, row);
    return (this.last = row) as T[];
  }
}

function sameRow<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether a cell at index `i` of a row read against a pattern (see BuiltRow) keeps to it, gaps included. */
function fitsPattern(r: BuiltRow, i: number, numFmt: string, type: ValueType): boolean {
  const length = r.v.length;
  if (i < length || i >= r.n.length || r.n[i] !== numFmt || r.t[i] !== type) return false;
  for (let g = length; g < i; g++) if (r.n[g] !== "General" || r.t[g] !== "Empty") return false;
  return true;
}

function padded<T>(row: readonly T[], before: number, length: number, fill: T): T[] {
  const out = new Array<T>(length);
  for (let i = 0; i < length; i++) {
    const j = i - before;
    out[i] = j >= 0 && j < row.length ? row[j] : fill;
  }
  return out;
}

/**
 * Builds a sheet snapshot straight from the cells as a reader meets them, with no object per
 * cell: the same snapshot as assembleSheet gives for the same cells (bounding box, rectangle or
 * ragged rows, merged areas), in a fraction of the memory. Cells may come in any order; the last
 * of two at one place is kept.
 */
export class SheetBuilder {
  private readonly rows: BuiltRow[] = [];
  private byNumber: Map<number, BuiltRow> | undefined;
  private current: BuiltRow | undefined;
  private lastRow = 0;
  private sorted = true;
  private readonly formats = new RowPool<string>();
  private readonly types = new RowPool<ValueType>();

  /** One cell that holds data (1-based row and column); `formula` undefined for a constant. */
  add(rowNumber: number, col: number, value: CellValue, formula: string | undefined, numFmt: string, type: ValueType): void {
    let r = this.current;
    if (!r || r.row !== rowNumber) r = this.rowFor(rowNumber);
    if (r.v.length === 0) r.base = col;
    if (r.pattern ? col < r.base || !fitsPattern(r, col - r.base, numFmt, type) : r.shared) {
      const length = r.v.length;
      r.n = r.n.slice(0, length);
      r.t = r.t.slice(0, length);
      r.shared = false;
      r.pattern = false;
    }
    if (col < r.base) {
      // A cell left of the row's first (a file out of order): the row moves right.
      const by = r.base - col;
      r.v = padded(r.v, by, r.v.length + by, "");
      if (r.f) r.f = padded(r.f, by, r.f.length + by, "");
      r.n = padded(r.n, by, r.n.length + by, "General");
      r.t = padded(r.t, by, r.t.length + by, "Empty");
      r.base = col;
    }
    const i = col - r.base;
    while (r.v.length < i) {
      r.v.push("");
      r.f?.push("");
      if (!r.pattern) {
        r.n.push("General");
        r.t.push("Empty");
      }
    }
    // The row's first formula: until now its formulas were its values.
    if (formula !== undefined && !r.f) r.f = r.v.slice();
    r.v[i] = value;
    if (r.f) r.f[i] = formula ?? value;
    if (!r.pattern) {
      r.n[i] = numFmt;
      r.t[i] = type;
    }
    if (col < r.first) r.first = col;
    if (col > r.last) r.last = col;
  }

  private rowFor(rowNumber: number): BuiltRow {
    this.finishRow();
    let r = rowNumber > this.lastRow ? undefined : this.index().get(rowNumber);
    if (!r) {
      const n = this.formats.latest;
      const t = this.types.latest;
      const pattern = n !== undefined && t !== undefined;
      r = { row: rowNumber, base: 0, v: [], f: undefined, n: (n ?? []) as string[], t: (t ?? []) as ValueType[], shared: pattern, pattern, first: Infinity, last: 0 };
      if (rowNumber < this.lastRow) this.sorted = false;
      this.lastRow = Math.max(this.lastRow, rowNumber);
      this.rows.push(r);
      this.byNumber?.set(rowNumber, r);
    }
    this.current = r;
    return r;
  }

  private index(): Map<number, BuiltRow> {
    if (!this.byNumber) this.byNumber = new Map(this.rows.map((r) => [r.row, r]));
    return this.byNumber;
  }

  /** The row read so far shares its formats and types with the rows like it. */
  private finishRow(): void {
    const r = this.current;
    if (!r || (r.shared && !r.pattern)) return;
    // Exact copies: an array grown cell by cell keeps room for 17 or more.
    r.v = r.v.slice();
    if (r.f) r.f = r.f.slice();
    if (r.pattern) {
      r.pattern = false;
      // Its cells matched the previous row's formats and types, but the row may end sooner.
      if (r.v.length === r.n.length) return;
      r.n = r.n.slice(0, r.v.length);
      r.t = r.t.slice(0, r.v.length);
    }
    r.n = this.formats.intern(r.n);
    r.t = this.types.intern(r.t);
    r.shared = true;
  }

  /** The sheet; in a merged area only the top-left cell keeps its value, as Office.js reads it. */
  build(base: Omit<SheetSnapshot, "origin" | "values" | "formulas" | "numberFormats" | "valueTypes">, merges: readonly Bounds[]): SheetSnapshot {
    this.finishRow();
    this.current = undefined;
    const rows = this.rows;
    if (!this.sorted) rows.sort((a, b) => a.row - b.row);
    if (merges.length > 0) this.dropMerged(merges);
    let top = Infinity;
    let bottom = 0;
    let left = Infinity;
    let right = 0;
    for (const r of rows) {
      if (r.first > r.last) continue;
      top = Math.min(top, r.row);
      bottom = Math.max(bottom, r.row);
      left = Math.min(left, r.first);
      right = Math.max(right, r.last);
    }
    const sheet: SheetSnapshot = { ...base, origin: { row: 0, column: 0 }, values: [], formulas: [], numberFormats: [], valueTypes: [] };
    if (bottom === 0) return sheet;
    sheet.origin = { row: top - 1, column: left - 1 };
    const height = bottom - top + 1;
    const width = right - left + 1;
    const rectangular = height * width <= RECTANGLE_CELL_LIMIT;
    const values: CellValue[][] = new Array(height);
    const formulas: CellValue[][] = new Array(height);
    const numberFormats: string[][] = new Array(height);
    const valueTypes: ValueType[][] = new Array(height);
    let next = 0;
    while (next < rows.length && (rows[next].row < top || rows[next].first > rows[next].last)) next++;
    for (let i = 0; i < height; i++) {
      const record = rows[next]?.row === top + i ? rows[next] : undefined;
      if (record) {
        next++;
        while (next < rows.length && rows[next].first > rows[next].last) next++;
      }
      const length = rectangular ? width : record ? record.last - left + 1 : 0;
      if (!record) {
        const v = new Array<CellValue>(length).fill("");
        values[i] = v;
        formulas[i] = v;
        numberFormats[i] = this.formats.intern(new Array<string>(length).fill("General"));
        valueTypes[i] = this.types.intern(new Array<ValueType>(length).fill("Empty"));
        continue;
      }
      const before = record.base - left;
      const fits = before === 0 && record.v.length === length;
      const v = fits ? record.v : padded(record.v, before, length, "");
      values[i] = v;
      formulas[i] = record.f ? (fits ? record.f : padded(record.f, before, length, "")) : v;
      numberFormats[i] = fits ? record.n : this.formats.intern(padded(record.n, before, length, "General"));
      valueTypes[i] = fits ? record.t : this.types.intern(padded(record.t, before, length, "Empty"));
    }
    this.rows.length = 0;
    this.byNumber = undefined;
    sheet.values = values;
    sheet.formulas = formulas;
    sheet.numberFormats = numberFormats;
    sheet.valueTypes = valueTypes;
    return sheet;
  }

  /** Empties the cells of merged areas but their top-left one, and finds each row's data again. */
  private dropMerged(merges: readonly Bounds[]): void {
    const index = new Map<number, BuiltRow>();
    for (const r of this.rows) index.set(r.row, r);
    const touched = new Set<BuiltRow>();
    for (const m of merges) {
      if (m.top === m.bottom && m.left === m.right) continue;
      for (let rowNumber = m.top; rowNumber <= m.bottom; rowNumber++) {
        const r = index.get(rowNumber);
        if (!r) continue;
        if (r.shared) {
          r.n = r.n.slice();
          r.t = r.t.slice();
          r.shared = false;
        }
        for (let col = Math.max(m.left, r.base); col <= m.right && col - r.base < r.v.length; col++) {
          if (rowNumber === m.top && col === m.left) continue;
          const i = col - r.base;
          r.v[i] = "";
          if (r.f) r.f[i] = "";
          r.n[i] = "General";
          r.t[i] = "Empty";
        }
        touched.add(r);
      }
    }
    for (const r of touched) {
      r.first = Infinity;
      r.last = 0;
      for (let i = 0; i < r.v.length; i++) {
        const holds = r.v[i] !== "" || r.t[i] !== "Empty" || (r.f !== undefined && r.f[i] !== "");
        if (!holds) continue;
        r.first = Math.min(r.first, r.base + i);
        r.last = Math.max(r.last, r.base + i);
      }
      r.n = this.formats.intern(r.n);
      r.t = this.types.intern(r.t);
      r.shared = true;
    }
  }
}
