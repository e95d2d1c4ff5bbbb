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
import { isDateFormat, mayBeNumberText, readCell, type CellReading } from "./numbers";
import { mayOpenWith } from "./text";

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
 * What `SheetGrid` knows of each cell once it has looked at the sheet: one byte per cell, the kind
 * of its reading (`KINDS[flags & KIND]`) and five facts. The finders ask these of every cell
 * several times over; reading them from a byte keeps them from re-reading values, value types,
 * formats and regular expressions each time.
 */
const KINDS: readonly CellReading["kind"][] = ["empty", "number", "text", "boolean", "error"];
const KIND = 7;
const NUMBER = 1;
const TEXT = 2;
const BOOLEAN = 3;
const ERROR = 4;
/** Not blank: something other than nothing or spaces (`isEmpty` is false). */
const FILLED = 8;
/** A number shown as a date or a time by its format. */
const DATE = 16;
/** A number typed as text (`1 234,56 €`): its value is a string. */
const NUMBER_TEXT = 32;
/**
 * A text whose first word may open with `t` / with `s` (`mayOpenWith`): it may say `Total`,
 * `Sous-total`, `S/Total`. The finders ask it of every label cell of a sheet; most cannot.
 */
const OPENS_T = 64;
const OPENS_S = 128;

/** The cells' flags, row by row: row `i`'s cells at `rowStart[i]`…`rowStart[i + 1] - 1`, as many as the snapshot's row holds. */
interface CellFacts {
  rowStart: Int32Array;
  flags: Uint8Array;
}

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
  /** Every cell's flags, worked out on the first question about a cell's kind (`facts`). */
  private known?: CellFacts;

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
    for (let i = 0; i < snapshot.values.length; i++) width = Math.max(width, snapshot.values[i]?.length ?? 0);
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
    return (this.flagsAt(row, column) & FILLED) === 0;
  }

  /** True when every cell of the row between the two columns (inclusive) is empty. */
  rowEmpty(row: number, fromColumn = this.firstColumn, toColumn = this.endColumn - 1): boolean {
    const i = row - this.firstRow;
    if (i < 0 || i >= this.snapshot.values.length) return true;
    const { rowStart, flags } = this.facts();
    const from = rowStart[i] + Math.max(0, fromColumn - this.firstColumn);
    const to = Math.min(rowStart[i + 1] - 1, rowStart[i] + toColumn - this.firstColumn);
    for (let at = from; at <= to; at++) if (flags[at] & FILLED) return false;
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
    return KINDS[this.flagsAt(row, column) & KIND];
  }

  /** A number (typed or as text) whose number format shows a date or a time (`isDateFormat`). */
  isDate(row: number, column: number): boolean {
    return (this.flagsAt(row, column) & (KIND | DATE)) === (NUMBER | DATE);
  }

  /**
   * Whether the cell is text whose first word may open with one of `initials` (`t` for `Total`,
   * `st` for a sub-total too), as `mayOpenWith` says of its text: read from its byte.
   */
  mayOpenTotal(row: number, column: number, initials: "t" | "st"): boolean {
    const f = this.flagsAt(row, column);
    return (f & KIND) === TEXT && (f & (initials === "t" ? OPENS_T : OPENS_T | OPENS_S)) !== 0;
  }

  /** A number typed as text (`1 234,56 €`, `0045`), not stored as a number. */
  isNumberText(row: number, column: number): boolean {
    return (this.flagsAt(row, column) & (KIND | NUMBER_TEXT)) === (NUMBER | NUMBER_TEXT);
  }

  /** The cell's text when it reads as text (not as a number), "" otherwise; as typed, untrimmed. */
  text(row: number, column: number): string {
    return (this.flagsAt(row, column) & KIND) === TEXT ? (this.value(row, column) as string) : "";
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

  /** How many cells from the first column the snapshot holds for the row (past them, all is empty). */
  rowLength(row: number): number {
    const i = row - this.firstRow;
    if (i < 0 || i >= this.snapshot.values.length) return 0;
    const { rowStart } = this.facts();
    return rowStart[i + 1] - rowStart[i];
  }

  /**
   * Sets in `words`, from `words[at]` on, one bit per cell of the row that is not empty (bit `b` of
   * word `w`: column `firstColumn + 32 w + b`): a sheet's occupancy in one pass over its flags.
   */
  markFilled(row: number, words: Int32Array, at: number): void {
    const i = row - this.firstRow;
    if (i < 0 || i >= this.snapshot.values.length) return;
    const { rowStart, flags } = this.facts();
    const start = rowStart[i];
    for (let j = 0; j < rowStart[i + 1] - start; j++) if (flags[start + j] & FILLED) words[at + (j >>> 5)] |= 1 << (j & 31);
  }

  private flagsAt(row: number, column: number): number {
    const { rowStart, flags } = this.facts();
    const i = row - this.firstRow;
    const j = column - this.firstColumn;
    if (i < 0 || j < 0 || i >= this.snapshot.values.length) return 0;
    const at = rowStart[i] + j;
    return at < rowStart[i + 1] ? flags[at] : 0;
  }

  private facts(): CellFacts {
    return (this.known ??= this.readFacts());
  }

  /** One pass over the sheet: each cell's flags, as `kind`, `isEmpty`, `isDate` and `isNumberText` define them. */
  private readFacts(): CellFacts {
    const { values, valueTypes, numberFormats } = this.snapshot;
    const rowStart = new Int32Array(values.length + 1);
    let total = 0;
    for (let i = 0; i < values.length; i++) {
      rowStart[i] = total;
      total += values[i]?.length ?? 0;
    }
    rowStart[values.length] = total;
    const flags = new Uint8Array(total);
    // A column repeats its strings and its formats from row to row (labels, `65748/93043`, the
    // amounts' format): the last of each column is read again without a look-up.
    const width = this.endColumn - this.firstColumn;
    const lastString: (string | undefined)[] = new Array<string | undefined>(width).fill(undefined);
    const lastType: (ValueType | undefined)[] = new Array<ValueType | undefined>(width).fill(undefined);
    const lastFlags: number[] = new Array<number>(width).fill(0);
    const lastFormat: (string | null | undefined)[] = new Array<string | undefined>(width).fill(undefined);
    const lastDate: number[] = new Array<number>(width).fill(-1);
    for (let i = 0; i < values.length; i++) {
      const row = values[i];
      if (!row) continue;
      const types = valueTypes?.[i];
      const formats = numberFormats?.[i];
      for (let j = 0; j < row.length; j++) {
        const v = row[j] as CellValue | null | undefined;
        if (v === "" || v === null || v === undefined) continue;
        const type = types?.[j];
        let f: number;
        if (typeof v === "string" && type !== "Error") {
          if (v === lastString[j] && type === lastType[j]) f = lastFlags[j];
          else {
            f = this.stringFlags(v, type);
            lastString[j] = v;
            lastType[j] = type;
            lastFlags[j] = f;
          }
        } else if (type === "Error") f = ERROR | (isBlank(v) ? 0 : FILLED);
        else if (typeof v === "number") f = (Number.isFinite(v) ? NUMBER : ERROR) | FILLED;
        else if (typeof v === "boolean") f = BOOLEAN | FILLED;
        else f = this.stringFlags(v, type);
        if ((f & KIND) === NUMBER) {
          const format = formats?.[j];
          if (format !== lastFormat[j] || lastDate[j] < 0) {
            lastFormat[j] = format;
            lastDate[j] = isDateFormat(format ?? undefined) ? DATE : 0;
          }
          f |= lastDate[j];
        }
        flags[rowStart[i] + j] = f;
      }
    }
    return { rowStart, flags };
  }

  /** The flags of a string that is not an error by its value type. */
  private stringFlags(v: string, type: ValueType | undefined): number {
    const filled = isBlank(v) ? 0 : FILLED;
    const kind = isPlainText(v, type) ? TEXT : KINDS.indexOf(this.stringReading(v, type).kind);
    if (kind === TEXT) return TEXT | filled | (mayOpenWith(v, "t") ? OPENS_T : 0) | (mayOpenWith(v, "s") ? OPENS_S : 0);
    return kind | filled | (kind === NUMBER ? NUMBER_TEXT : 0);
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
