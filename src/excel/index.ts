export { createExcelHost } from "./excelHost";
export type { ExcelHostOptions } from "./excelHost";
export { REPORT_SHEET } from "./report";
export { MARK_FORMULA, SEVERITY_FILL } from "./highlight";
