/**
 * The workbook snapshot every host hands to the engine, in the shapes Office.js returns
 * (`range.values`, `range.formulas`, `range.numberFormat`, `range.valueTypes`), so that the
 * Office adapter only copies arrays and the file adapter imitates them.
 *
 * Coordinates are 0-based inside the arrays; `origin` places the top-left array cell on the
 * sheet (row 0, column 0 is A1).
 */

/** A cell value as Office.js returns it: "" for an empty cell, error values as their text (`#REF!`). */
export type CellValue = string | number | boolean;

/** Office.js `Excel.RangeValueType`, the subset the engine reads. */
export type ValueType = "Empty" | "String" | "Double" | "Integer" | "Boolean" | "Error" | "Unknown" | "RichValue";

/** An Excel table (ListObject) on a sheet. `range` is its A1 address without the sheet, header row included. */
export interface ListObjectSnapshot {
  name: string;
  range: string;
}

export interface SheetSnapshot {
  /** The sheet's name as the workbook stores it (may exceed Excel's 31 characters in real files). */
  name: string;
  /** Where `values[0][0]` sits on the sheet, 0-based. */
  origin: { row: number; column: number };
  /** Displayed values (cached results for formulas). Rows may be ragged; missing cells are empty. */
  values: CellValue[][];
  /** Formulas (`=SUM(B2:B5)`) or, for constants, the same value as `values`. Optional: no formulas known. */
  formulas?: CellValue[][];
  /** Number formats (`0.00%`, `#,##0.00 €`, `General`, `@`). Optional: all `General`. */
  numberFormats?: string[][];
  /** Office.js value types; when absent, a string that is an Excel error literal counts as an error. */
  valueTypes?: ValueType[][];
  /** Excel tables on the sheet. */
  listObjects?: ListObjectSnapshot[];
  /** Merged areas, A1 ranges without the sheet; values sit in their top-left cell, as in Office.js. */
  merges?: string[];
  /** Hidden or very hidden sheets are still checked; `_pointage` (settings) is skipped. */
  visibility?: "Visible" | "Hidden" | "VeryHidden";
}

/** A workbook-level or sheet-level defined name, as `workbook.names` / `worksheet.names` give it. */
export interface DefinedNameSnapshot {
  name: string;
  /** What the name refers to, in Excel's English syntax with its `=` (`=Rapport!$D$2`, `=0.2`). */
  formula: string;
  /** Its value when it is a single cell or a constant, as Office.js `NamedItem.value` reads. */
  value?: CellValue;
  /** The sheet a sheet-scoped name belongs to; absent for a workbook name. */
  scope?: string;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  /** Defined names, when the host read them (templates use them as fields). */
  names?: DefinedNameSnapshot[];
}

/** Excel's error literals, as Office.js and ExcelJS spell them. */
export const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
]);

/** Name of the very hidden sheet where Pointage keeps workbook settings (ignored findings, header map). */
export const SETTINGS_SHEET = "_pointage";
