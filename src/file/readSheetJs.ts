/**
 * Reads legacy Excel 97-2003 (.xls, BIFF8 in an OLE2 compound file) and Excel binary (.xlsb)
 * workbooks into the same snapshot as an .xlsx, and converts them (and .ods) to .xlsx bytes for
 * the checked copy.
 *
 * Why a library: both formats are binary record streams with hundreds of record types (shared
 * and array formulas as parsed tokens, string tables split across CONTINUE records, number
 * formats by index, RC4 encryption flags…). SheetJS Community Edition (`@e965/xlsx`, the current
 * release; the `xlsx` package on npm stopped at 0.18.5) reads them well, and a hand-written
 * reader would be thousands of lines. It is loaded with a dynamic `import()`, so that the
 * browser page downloads it only when a user opens such a file (webpack puts it in its own
 * chunk), and the CLI only when it reads one.
 *
 * Limits (limits.ts), checked before SheetJS spends memory: MAX_BINARY_MB as stored, MAX_UNZIPPED_MB for a
 * zip's declared contents (.xlsb, .ods). After parsing, a sheet beyond Excel's 1 048 576 rows or
 * 16 384 columns is refused (never iterated). No Node built-ins: this runs in the browser too.
 */
import type * as SheetJs from "@e965/xlsx";
import { excelSerial } from "../core/address";
import { EXCEL_ERRORS, type CellValue, type SheetSnapshot, type ValueType, type WorkbookSnapshot } from "../core/model";
import type { ReadProgress } from "../host/HostApi";
import { assembleSheet, type CellRecord, type RowRecord } from "./assemble";
import { UnusableFileError } from "./errors";
import { MAX_BINARY_MB, MAX_CELLS_PER_SHEET, MAX_COLUMNS, MAX_ROWS, MAX_UNZIPPED_MB, MB, type LimitKind } from "./limits";
import { displayFormula, formatAddress } from "./formula";
import { declaredUnzippedSize } from "./zipSize";

export { declaredUnzippedSize } from "./zipSize";

/** The formats read through SheetJS. */
export type SheetJsFormat = "xls" | "xlsb";

export interface ReadSheetJsOptions {
  /** Called after each sheet, in rows read so far and in all. */
  onProgress?: (progress: ReadProgress) => void;
}

/** A sheet beyond a limit: refused with the file's and the sheet's names. */
function beyond(kind: LimitKind, fileName: string, sheet: string): UnusableFileError {
  return new UnusableFileError("too-large", fileName, undefined, { kind, sheet });
}

let library: Promise<typeof SheetJs> | undefined;

/** SheetJS, loaded once, on first use. */
function loadSheetJs(): Promise<typeof SheetJs> {
  library ??= import(/* webpackChunkName: "sheetjs" */ "@e965/xlsx");
  return library;
}

/** Excel's error codes (BIFF8 and XLSB store the code, not the text). */
const ERROR_TEXT: Readonly<Record<number, string>> = {
  0x00: "#NULL!",
  0x07: "#DIV/0!",
  0x0f: "#VALUE!",
  0x17: "#REF!",
  0x1d: "#NAME?",
  0x24: "#NUM!",
  0x2a: "#N/A",
  0x2b: "#GETTING_DATA",
};

/** Refuses a file beyond the stated limits before any parsing. */
function checkSize(bytes: Uint8Array, fileName: string): void {
  if (bytes.length > MAX_BINARY_MB * MB) throw new UnusableFileError("too-large", fileName, undefined, { kind: "file-size" });
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip && (declaredUnzippedSize(bytes) ?? 0) > MAX_UNZIPPED_MB * MB) throw new UnusableFileError("too-large", fileName, undefined, { kind: "unzipped-size" });
}

/** What SheetJS's messages say, mapped to a code; never shown to the user. */
function failure(error: unknown, fileName: string): UnusableFileError {
  const text = error instanceof Error ? error.message : String(error);
  if (/password/i.test(text)) return new UnusableFileError("password", fileName, error);
  return new UnusableFileError("corrupt", fileName, error);
}

/**
 * Whether an OLE2 file's workbook stream is cut short: SheetJS reads what is there and may
 * return a workbook with fewer sheets, or none, without a word.
 */
function truncatedOle2(bytes: Uint8Array, XLSX: typeof SheetJs): boolean {
  if (bytes[0] !== 0xd0 || bytes[1] !== 0xcf) return false;
  const container = XLSX.CFB.read(bytes, { type: "array" });
  const stream = XLSX.CFB.find(container, "Workbook") ?? XLSX.CFB.find(container, "Book");
  return !stream || stream.content.length < stream.size;
}

/** Parses the bytes with SheetJS; throws UnusableFileError (password, corrupt) when it cannot. */
async function parse(bytes: Uint8Array, fileName: string, extra: SheetJs.ParsingOptions = {}): Promise<SheetJs.WorkBook> {
  checkSize(bytes, fileName);
  const XLSX = await loadSheetJs();
  // SheetJS adds a read cursor and methods to the array it is given: give it a view of its own.
  bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let workbook: SheetJs.WorkBook;
  try {
    if (truncatedOle2(bytes, XLSX)) throw new Error("truncated workbook stream");
    workbook = XLSX.read(bytes, {
      type: "array",
      dense: true,
      cellFormula: true,
      cellNF: true,
      cellDates: false,
      cellStyles: false,
      cellHTML: false,
      cellText: false,
      ...extra,
    });
  } catch (error) {
    throw failure(error, fileName);
  }
  if (workbook.SheetNames.length === 0) throw new UnusableFileError("corrupt", fileName);
  return workbook;
}

/** A dense SheetJS cell: value, type, formula, number format, array formula range. */
interface DenseCell {
  t?: string;
  v?: unknown;
  f?: string;
  F?: string;
  z?: string | number;
}

function numberFormat(cell: DenseCell, XLSX: typeof SheetJs): string {
  if (typeof cell.z === "string" && cell.z !== "") return cell.z;
  if (typeof cell.z === "number") return XLSX.SSF.get_table()[cell.z] ?? "General";
  return "General";
}

/** A cell's value as Office.js returns it (errors as their text, dates as serial numbers). */
function valueOf(cell: DenseCell, date1904: boolean): { value: CellValue; type: ValueType } {
  const v = cell.v;
  switch (cell.t) {
    case "n":
      return typeof v === "number" && Number.isFinite(v) ? { value: v, type: "Double" } : { value: "#NUM!", type: "Error" };
    case "b":
      return { value: Boolean(v), type: "Boolean" };
    case "e": {
      const text = typeof v === "number" ? ERROR_TEXT[v] : typeof v === "string" && EXCEL_ERRORS.has(v) ? v : undefined;
      return { value: text ?? "#N/A", type: "Error" };
    }
    case "d": {
      const serial = v instanceof Date ? excelSerial(v, date1904) : NaN;
      return Number.isFinite(serial) ? { value: serial, type: "Double" } : { value: "", type: "Empty" };
    }
    case "s": {
      const text = v === undefined || v === null ? "" : String(v);
      return { value: text, type: text === "" ? "Empty" : "String" };
    }
    default:
      return { value: "", type: "Empty" };
  }
}

/** The cell of a dense sheet at 0-based row and column. */
function denseCell(data: (DenseCell[] | undefined)[], row: number, col: number): DenseCell | undefined {
  return data[row]?.[col];
}

/** The formula of a cell: its own, or its array formula's (kept on the range's top-left cell). */
function formulaOf(cell: DenseCell, data: (DenseCell[] | undefined)[], XLSX: typeof SheetJs): string | undefined {
  if (typeof cell.f === "string" && cell.f !== "") return cell.f;
  if (typeof cell.F === "string" && cell.F !== "") {
    const top = XLSX.utils.decode_range(cell.F).s;
    const master = denseCell(data, top.r, top.c);
    if (master && typeof master.f === "string" && master.f !== "") return master.f;
  }
  return undefined;
}

/** One cell into a record, or undefined when it holds nothing. */
function readCell(cell: DenseCell, col: number, data: (DenseCell[] | undefined)[], XLSX: typeof SheetJs, date1904: boolean): CellRecord | undefined {
  const formula = formulaOf(cell, data, XLSX);
  const read = valueOf(cell, date1904);
  if (formula === undefined && read.type === "Empty") return undefined;
  const numFmt = numberFormat(cell, XLSX);
  // A formula always counts as data, even when its cached result is empty.
  return { col, value: read.value, formula: formula === undefined ? read.value : `=${displayFormula(formula)}`, numFmt, type: read.type };
}

function visibilityOf(workbook: SheetJs.WorkBook, index: number): SheetSnapshot["visibility"] {
  switch (workbook.Workbook?.Sheets?.[index]?.Hidden) {
    case 1:
      return "Hidden";
    case 2:
      return "VeryHidden";
    default:
      return "Visible";
  }
}

/** A sheet's merged areas as A1 ranges. */
function mergesOf(sheet: SheetJs.WorkSheet): string[] {
  return (sheet["!merges"] ?? []).map((m) => {
    const tl = formatAddress(m.s.r + 1, m.s.c + 1);
    const br = formatAddress(m.e.r + 1, m.e.c + 1);
    return tl === br ? tl : `${tl}:${br}`;
  });
}

/** The rows of a dense sheet, refused when beyond Excel's size (a damaged or crafted file). */
function denseRows(sheet: SheetJs.WorkSheet, fileName: string, name: string): (DenseCell[] | undefined)[] {
  const data = (sheet["!data"] ?? []) as (DenseCell[] | undefined)[];
  if (data.length > MAX_ROWS) throw beyond("rows", fileName, name);
  return data;
}

function readSheet(workbook: SheetJs.WorkBook, index: number, XLSX: typeof SheetJs, fileName: string, date1904: boolean): SheetSnapshot {
  const name = workbook.SheetNames[index];
  const sheet = workbook.Sheets[name];
  const data = denseRows(sheet, fileName, name);
  const rows: RowRecord[] = [];
  let count = 0;
  data.forEach((row, r) => {
    if (!row) return;
    if (row.length > MAX_COLUMNS) throw beyond("columns", fileName, name);
    const cells: CellRecord[] = [];
    row.forEach((cell, c) => {
      const record = cell && readCell(cell, c + 1, data, XLSX, date1904);
      if (!record) return;
      if (++count > MAX_CELLS_PER_SHEET) throw beyond("cells", fileName, name);
      cells.push(record);
    });
    if (cells.length > 0) rows.push({ row: r + 1, cells });
  });
  return assembleSheet({ name, listObjects: [], merges: mergesOf(sheet), visibility: visibilityOf(workbook, index) }, rows);
}

/**
 * Reads an .xls or .xlsb into a snapshot: cached values, formulas in A1 with `=`, number formats,
 * value types, merged areas and hidden sheets. Throws UnusableFileError (password, corrupt,
 * too-large) with one line naming the file.
 */
export async function readSheetJs(bytes: Uint8Array, fileName: string, options: ReadSheetJsOptions = {}): Promise<WorkbookSnapshot> {
  // SheetJS stops one row past Excel's last: a sheet beyond is then refused, never cut off.
  const workbook = await parse(bytes, fileName, { sheetRows: MAX_ROWS + 1 });
  const XLSX = await loadSheetJs();
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  const count = workbook.SheetNames.length;
  const rowsOf = (i: number) => ((workbook.Sheets[workbook.SheetNames[i]]?.["!data"] as unknown[] | undefined) ?? []).length;
  const total = Math.max(1, workbook.SheetNames.reduce((sum, _n, i) => sum + rowsOf(i), 0));
  let done = 0;
  const sheets: SheetSnapshot[] = [];
  for (let i = 0; i < count; i++) {
    if (!workbook.Sheets[workbook.SheetNames[i]]) continue;
    try {
      sheets.push(readSheet(workbook, i, XLSX, fileName, date1904));
    } catch (error) {
      if (error instanceof UnusableFileError) throw error;
      throw failure(error, fileName);
    }
    done += rowsOf(i);
    options.onProgress?.({ done: i === count - 1 ? total : Math.min(done, total), total });
  }
  return { sheets };
}

/**
 * Gives every row of a dense sheet's range an array: SheetJS 0.20.3's .xlsx writer stops on a
 * missing row ("Cannot read properties of undefined") in dense mode.
 */
function fillRowHoles(sheet: SheetJs.WorkSheet | undefined, name: string, fileName: string, XLSX: typeof SheetJs): void {
  if (!sheet?.["!ref"]) return;
  const data = denseRows(sheet, fileName, name);
  const range = XLSX.utils.decode_range(sheet["!ref"]);
  if (range.e.r >= MAX_ROWS) throw beyond("rows", fileName, name);
  if (range.e.c >= MAX_COLUMNS) throw beyond("columns", fileName, name);
  for (let r = range.s.r; r <= range.e.r; r++) data[r] ??= [];
  sheet["!data"] = data as SheetJs.CellObject[][];
}

/**
 * The workbook (.xls, .xlsb or .ods) saved as .xlsx bytes by SheetJS: values, formulas, number
 * formats, merges and hidden sheets survive; cell styles, charts and macros do not. The input is
 * not modified.
 */
export async function convertToXlsx(bytes: Uint8Array, fileName: string): Promise<Uint8Array> {
  const workbook = await parse(bytes, fileName, { cellStyles: true, cellText: false });
  const XLSX = await loadSheetJs();
  for (const name of workbook.SheetNames) fillRowHoles(workbook.Sheets[name], name, fileName, XLSX);
  try {
    const out: unknown = XLSX.write(workbook, { type: "array", bookType: "xlsx", compression: true });
    return out instanceof Uint8Array ? out : new Uint8Array(out as ArrayBuffer);
  } catch (error) {
    throw new UnusableFileError("unsupported", fileName, error);
  }
}
