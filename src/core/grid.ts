/**
 * A read-only view of one snapshot sheet addressed by absolute row and column. Table finders and
 * checks read cells only through it.
 *
 * Cost per cell matters: a report has 700 000 cells and a sheet may have a million rows. So the
 * finders' scans ask for a cell's kind or text (`kind`, `text`, `reading`), which allocate nothing
 * for numbers and empties and share one reading per distinct string; only the cells a table keeps
 * (its lines' amounts, its labels) become `GridCell` objects, each made once, its A1 address
 * worked out when asked.
 */
import { a1 } from "./address";
import { type CellValue, type SheetSnapshot, type ValueType } from "./model";
import { mayBeNumberText, readCell, type CellReading } from "./numbers";

export interface GridCell {
  sheet: string;
  row: number;
  column: number;
  /** A1 address without the sheet. */
  readonly address: string;
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

/**
 * The cells `SheetGrid.cell` makes: a position on its grid. Value, formula and number format are
 * read from the snapshot when asked, the address derived, the reading made on first use: a table
 * of 100 000 lines keeps its cells without copying what the snapshot already holds.
 */
export class SheetCell implements GridCell {
  uncomputed?: true;
  /** @internal The cell's cents once worked out (src/core/amounts.ts); null when not an amount. */
  cents?: number | null;
  private known?: CellReading;

  constructor(
    private readonly grid: SheetGrid,
    readonly row: number,
    readonly column: number,
  ) {}

  get sheet(): string {
    return this.grid.name;
  }

  get address(): string {
    return a1(this.row, this.column);
  }

  get value(): CellValue {
    return this.grid.value(this.row, this.column);
  }

  get formula(): string | undefined {
    return this.grid.formula(this.row, this.column);
  }

  get numberFormat(): string {
    return this.grid.numberFormat(this.row, this.column);
  }

  get reading(): CellReading {
    return (this.known ??= this.grid.reading(this.row, this.column));
  }
}

/** The same cell read otherwise (a sentence's amount in a text cell): a new cell, the original untouched. */
export function withReading(cell: GridCell, reading: CellReading): GridCell {
  const out: GridCell = { sheet: cell.sheet, row: cell.row, column: cell.column, address: cell.address, value: cell.value, formula: cell.formula, numberFormat: cell.numberFormat, reading };
  if (cell.uncomputed) out.uncomputed = true;
  return out;
}

/** Distinct strings whose readings a grid keeps at once. */
const STRING_MEMO = 50_000;

/** Text that `label` changes: spaces at either end, or a run of spaces that is not one plain space. */
const UNTIDY = /^\s|\s$|\s\s|[^\S ]/;

const EMPTY: CellReading = Object.freeze({ kind: "empty" });

/**
 * A string that reads as text for certain, without parsing it: not an error (every error literal
 * has a `#`), holding a character no number has (so not blank either).
 */
function isPlainText(value: string, type: ValueType | undefined): boolean {
  return type !== "Error" && value.indexOf("#") < 0 && !mayBeNumberText(value);
}

function isBlank(v: CellValue | null | undefined): boolean {
  return v === "" || v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

export class SheetGrid {
  readonly name: string;
  readonly firstRow: number;
  readonly firstColumn: number;
  /** One past the last row / column holding anything. */
  readonly endRow: number;
  readonly endColumn: number;
  /** Cells made so far, by row and column relative to the origin: each cell is one object. */
  private readonly cache: (SheetCell | undefined)[][] = [];
  /**
   * Readings of strings, by string, for cells of no value type and of a non-error one (an error's
   * text reads as an error there): a column of repeated labels is read once. Readings are shared,
   * never changed.
   */
  private readonly strings = new Map<string, CellReading>();
  private readonly typedStrings = new Map<string, CellReading>();
  /** Readings of numbers, by number format then number. */
  private readonly numbers = new Map<string, Map<number, CellReading>>();
  /** Labels with their spaces tidied (`label`), by text. */
  private readonly labels = new Map<string, string>();

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
    return isBlank(this.value(row, column));
  }

  /** True when every cell of the row between the two columns (inclusive) is empty. */
  rowEmpty(row: number, fromColumn = this.firstColumn, toColumn = this.endColumn - 1): boolean {
    const r = this.snapshot.values[row - this.firstRow];
    if (!r) return true;
    for (let c = fromColumn; c <= toColumn; c++) if (!isBlank(r[c - this.firstColumn])) return false;
    return true;
  }

  /** The number format, `General` where none is known. */
  numberFormat(row: number, column: number): string {
    return this.snapshot.numberFormats?.[row - this.firstRow]?.[column - this.firstColumn] ?? "General";
  }

  private valueType(row: number, column: number): ValueType | undefined {
    return this.snapshot.valueTypes?.[row - this.firstRow]?.[column - this.firstColumn];
  }

  /** What `cell(row, column).reading.kind` says, without reading the number or making the cell. */
  kind(row: number, column: number): CellReading["kind"] {
    const v = this.value(row, column);
    if (v === "") return "empty";
    const type = this.valueType(row, column);
    if (type === "Error") return "error";
    if (typeof v === "number") return Number.isFinite(v) ? "number" : "error";
    if (typeof v === "boolean") return "boolean";
    if (isPlainText(v, type)) return "text";
    return this.stringReading(v, type).kind;
  }

  /** The cell's text when it reads as text (not as a number), "" otherwise; as typed, untrimmed. */
  text(row: number, column: number): string {
    const v = this.value(row, column);
    if (typeof v !== "string" || v === "") return "";
    const type = this.valueType(row, column);
    if (isPlainText(v, type)) return v;
    const r = this.stringReading(v, type);
    return r.kind === "text" ? r.text : "";
  }

  /**
   * The cell's text with its runs of spaces and line breaks made one space, trimmed: how a label
   * or a header reads. "" for anything but text.
   */
  label(row: number, column: number): string {
    const text = this.text(row, column);
    if (text === "" || !UNTIDY.test(text)) return text;
    let tidy = this.labels.get(text);
    if (tidy === undefined) {
      tidy = text.replace(/\s+/g, " ").trim();
      if (this.labels.size >= STRING_MEMO) this.labels.clear();
      this.labels.set(text, tidy);
    }
    return tidy;
  }

  /** The formula (`=E5-F5`) when the cell holds one. */
  formula(row: number, column: number): string | undefined {
    const f = this.snapshot.formulas?.[row - this.firstRow]?.[column - this.firstColumn];
    return typeof f === "string" && f.startsWith("=") ? f : undefined;
  }

  /** What `cell(row, column).reading` says, without making the cell. */
  reading(row: number, column: number): CellReading {
    const value = this.value(row, column);
    if (value === "") return EMPTY;
    const type = this.valueType(row, column);
    if (typeof value === "string") return this.stringReading(value, type);
    const format = this.numberFormat(row, column);
    if (typeof value !== "number" || type === "Error") return readCell(value, format, type);
    // A number's reading depends on its format only: one per distinct number and format (a
    // column of amounts repeats its figures; a memo that fills up starts again).
    let byValue = this.numbers.get(format);
    if (!byValue) this.numbers.set(format, (byValue = new Map()));
    let r = byValue.get(value);
    if (r === undefined) {
      r = readCell(value, format, type);
      if (byValue.size >= STRING_MEMO) byValue.clear();
      byValue.set(value, r);
    }
    return r;
  }

  /**
   * A string's reading does not depend on its number format: one per distinct string that could
   * be a number or an error (the others are words, read at once).
   */
  private stringReading(value: string, type: ValueType | undefined): CellReading {
    if (isPlainText(value, type)) return { kind: "text", text: value };
    if (type === "Error") return readCell(value, undefined, type);
    const memo = type === undefined ? this.strings : this.typedStrings;
    let r = memo.get(value);
    if (r === undefined) {
      r = readCell(value, undefined, type);
      if (r.kind === "empty") r = EMPTY;
      // Distinct strings (codes, one per line) would fill it for nothing: it stays small.
      if (memo.size >= STRING_MEMO) memo.clear();
      memo.set(value, r);
    }
    return r;
  }

  cell(row: number, column: number): GridCell {
    const i = row - this.firstRow;
    const j = column - this.firstColumn;
    const inside = i >= 0 && j >= 0 && i < this.snapshot.values.length;
    const cached = inside ? this.cache[i]?.[j] : undefined;
    if (cached) return cached;
    const cell = new SheetCell(this, row, column);
    if (inside && this.uncomputed.size > 0 && this.uncomputed.has(`${i}:${j}`)) cell.uncomputed = true;
    if (inside) (this.cache[i] ??= [])[j] = cell;
    return cell;
  }
}
