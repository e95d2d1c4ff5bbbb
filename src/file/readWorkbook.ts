/**
 * Reads an .xlsx (bytes) into the snapshot the engine checks, imitating what Office.js returns
 * for each sheet's used range (`values`, `formulas`, `numberFormat`, `valueTypes`). Works in
 * Node and in the browser: bytes in, snapshot out, no file system.
 */
import * as ExcelJS from "exceljs";
import { excelSerial } from "../core/address";
import type { CellValue, ListObjectSnapshot, SheetSnapshot, ValueType, WorkbookSnapshot } from "../core/model";
import type { ReadProgress } from "../host/HostApi";
import { assembleSheet, type CellRecord, type RowRecord } from "./assemble";
import { displayFormula, formatAddress, translateFormula } from "./formula";
import { isUnusableFileError } from "./errors";
import { loadWorkbook, realSheetName, toBytes, type LoadedWorkbook } from "./open";
import { readOds } from "./readOds";
import { readSheetJs } from "./readSheetJs";

export { displayFormula } from "./formula";

export interface ReadOptions {
  /** Called after each sheet with the rows read so far and in all. */
  onProgress?: (progress: ReadProgress) => void;
}


/** Text of a rich text value or of a hyperlink's text. */
function plainText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object") {
    const v = value as { richText?: { text?: unknown }[]; text?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((run) => (typeof run.text === "string" ? run.text : "")).join("");
    if (v.text !== undefined) return plainText(v.text);
  }
  return String(value);
}

interface ReadCell {
  value: CellValue;
  type: ValueType;
}

/** Converts a constant or a formula result as ExcelJS gives it. */
function convertValue(raw: unknown, date1904: boolean): ReadCell {
  if (raw === null || raw === undefined) return { value: "", type: "Empty" };
  if (typeof raw === "number") return Number.isFinite(raw) ? { value: raw, type: "Double" } : { value: "#NUM!", type: "Error" };
  if (typeof raw === "boolean") return { value: raw, type: "Boolean" };
  if (typeof raw === "string") return { value: raw, type: raw === "" ? "Empty" : "String" };
  if (raw instanceof Date) {
    const serial = excelSerial(raw, date1904);
    return Number.isFinite(serial) ? { value: serial, type: "Double" } : { value: "", type: "Empty" };
  }
  if (typeof raw === "object") {
    const v = raw as { error?: unknown };
    if (typeof v.error === "string") return { value: v.error, type: "Error" };
    const text = plainText(raw);
    return { value: text, type: text === "" ? "Empty" : "String" };
  }
  return { value: String(raw), type: "String" };
}


interface FormulaModel {
  formula?: string;
  sharedFormula?: string;
  result?: unknown;
}

/** The formula of a formula cell, translated from its master for shared-formula cells. */
function formulaOf(worksheet: ExcelJS.Worksheet, cell: ExcelJS.Cell): string | undefined {
  const model = cell.value as FormulaModel;
  if (typeof model.formula === "string" && model.formula !== "") return model.formula;
  if (typeof model.sharedFormula === "string") {
    // ExcelJS's findCell takes an address too, though its types only say (row, column).
    const findCell = worksheet.findCell.bind(worksheet) as unknown as (address: string) => ExcelJS.Cell | undefined;
    const master = findCell(model.sharedFormula);
    const masterFormula = master && (master.value as FormulaModel | null)?.formula;
    if (typeof masterFormula === "string") return translateFormula(masterFormula, model.sharedFormula, cell.address);
  }
  // Last resort: ExcelJS's own translation.
  return typeof cell.formula === "string" && cell.formula !== "" ? cell.formula : undefined;
}

/** Reads one cell into a record, or undefined when it holds nothing. */
function readCell(worksheet: ExcelJS.Worksheet, cell: ExcelJS.Cell, date1904: boolean): CellRecord | undefined {
  const numFmt = typeof cell.numFmt === "string" && cell.numFmt !== "" ? cell.numFmt : "General";
  const col = Number(cell.col);
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
      return undefined;
    case ExcelJS.ValueType.Merge:
      // ExcelJS repeats the master's value on every cell of a merged area; Office.js does not.
      return undefined;
    case ExcelJS.ValueType.Formula: {
      const formula = formulaOf(worksheet, cell);
      const result = convertValue(cell.result, date1904);
      // A formula always counts as data, even with no cached result (`=""` or never calculated).
      return { col, value: result.value, formula: formula === undefined ? result.value : `=${displayFormula(formula)}`, numFmt, type: result.type };
    }
    default: {
      const read = convertValue(cell.value, date1904);
      if (read.type === "Empty") return undefined;
      return { col, value: read.value, formula: read.value, numFmt, type: read.type };
    }
  }
}

/** A1 range of 1-based bounds. */
function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  const tl = formatAddress(top, left);
  const br = formatAddress(bottom, right);
  return tl === br ? tl : `${tl}:${br}`;
}

/** Merged areas, from ExcelJS's private map (the public `model` getter rebuilds every row). */
function mergesOf(worksheet: ExcelJS.Worksheet): string[] {
  const merges = (worksheet as unknown as { _merges?: Record<string, { model?: { top: number; left: number; bottom: number; right: number } }> })._merges;
  if (!merges) return [];
  const out: string[] = [];
  for (const merge of Object.values(merges)) {
    const m = merge?.model;
    if (m && m.top > 0 && m.left > 0) out.push(rangeAddress(m.top, m.left, m.bottom, m.right));
  }
  return out;
}

/** Excel tables of a loaded sheet (ExcelJS keeps the loaded XML model in `table.table`). */
function listObjectsOf(worksheet: ExcelJS.Worksheet): ListObjectSnapshot[] {
  const tables = (worksheet as unknown as { tables?: Record<string, unknown> }).tables ?? {};
  const out: ListObjectSnapshot[] = [];
  for (const [key, table] of Object.entries(tables)) {
    const t = table as { table?: Record<string, unknown>; model?: Record<string, unknown> } | undefined;
    const model = t?.table ?? t?.model ?? {};
    const ref = typeof model.tableRef === "string" ? model.tableRef : typeof model.ref === "string" ? model.ref : undefined;
    if (!ref) continue;
    const name =
      typeof model.displayName === "string" && model.displayName !== ""
        ? model.displayName
        : typeof model.name === "string"
          ? model.name
          : key;
    out.push({ name, range: ref.replace(/\$/g, "").toUpperCase() });
  }
  return out;
}

function visibilityOf(worksheet: ExcelJS.Worksheet): SheetSnapshot["visibility"] {
  switch (worksheet.state) {
    case "hidden":
      return "Hidden";
    case "veryHidden":
      return "VeryHidden";
    default:
      return "Visible";
  }
}

/** One worksheet's used range: only the rows and columns that hold data. */
function readSheet(loaded: LoadedWorkbook, worksheet: ExcelJS.Worksheet, date1904: boolean): SheetSnapshot {
  const rows: RowRecord[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellRecord[] = [];
    row.eachCell({ includeEmpty: false }, (cell) => {
      const record = readCell(worksheet, cell, date1904);
      if (record) cells.push(record);
    });
    if (cells.length === 0) return;
    rows.push({ row: rowNumber, cells });
  });

  return assembleSheet(
    {
      name: realSheetName(loaded, worksheet),
      listObjects: listObjectsOf(worksheet),
      merges: mergesOf(worksheet),
      visibility: visibilityOf(worksheet),
    },
    rows,
  );
}

/**
 * Reads an .xlsx, an .ods (see readOds), an .xls or an .xlsb (see readSheetJs) into a snapshot;
 * the format is told by the bytes, not the name. Throws UnusableFileError (one French line naming
 * the file) for anything else or unreadable: empty, Word, password, truncated…
 */
export async function readXlsx(data: Uint8Array | ArrayBuffer, fileName: string, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  let loaded: LoadedWorkbook;
  try {
    loaded = await loadWorkbook(data, fileName);
  } catch (error) {
    if (!isUnusableFileError(error)) throw error;
    // An OpenDocument spreadsheet (LibreOffice): read it with the ODF reader instead.
    if (error.code === "ods") return readOds(toBytes(data), fileName, options);
    // A legacy .xls (OLE2) or an .xlsb (zip with xl/workbook.bin): read them with SheetJS.
    if (error.code === "xls" || error.code === "xlsb") return readSheetJs(toBytes(data), fileName, options);
    throw error;
  }
  const { workbook } = loaded;
  const date1904 = Boolean(workbook.properties?.date1904);
  const worksheets = workbook.worksheets.filter(Boolean);
  // Progress in rows; never 0 in all, so that done / total is always a number.
  const total = Math.max(1, worksheets.reduce((sum, ws) => sum + ws.actualRowCount, 0));
  let done = 0;
  const sheets: SheetSnapshot[] = [];
  worksheets.forEach((worksheet, i) => {
    sheets.push(readSheet(loaded, worksheet, date1904));
    done += worksheet.actualRowCount;
    options.onProgress?.({ done: i === worksheets.length - 1 ? total : Math.min(done, total), total });
  });
  return { sheets };
}
