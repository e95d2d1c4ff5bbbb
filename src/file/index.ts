/** The file adapter (.xlsx with ExcelJS, .ods read by hand, .xls and .xlsb with SheetJS): bytes in, snapshot, checked copy or filled copy (the original package plus Pointage's additions; a checked copy of an .xls, .xlsb or .ods is an .xlsx) out. Works in Node and in the browser. */
export { readXlsx } from "./readWorkbook";
export { readOds } from "./readOds";
export { readSheetJs, convertToXlsx } from "./readSheetJs";
export { workbookFormat } from "./open";
export type { WorkbookFormat } from "./open";
export type { ReadOdsOptions } from "./readOds";
export type { ReadOptions } from "./readWorkbook";
export { writeCheckedCopy, isMacroWorkbook, SEVERITY_FILL } from "./writeChecked";
export type { WriteOptions } from "./writeChecked";
export { UnusableFileError, unusableMessage, isUnusableFileError } from "./errors";
export type { UnusableFileCode } from "./errors";
export { fillWorkbook, type FillFileOptions } from "./fill";
