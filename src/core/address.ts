/**
 * A1 addresses, sheet references and Excel date serials: the one definition every host uses.
 * Rows and columns are 0-based inside Pointage, as in the snapshot arrays.
 */

/** Excel's last row and column (1 048 576 rows, XFD = 16 384 columns). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(column: number): string {
  let n = column + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A → 0, AA → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function a1(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

export interface CellRef {
  row: number;
  column: number;
}

/** Parses `B12` or `$B$12`; null when it is not a cell address. */
export function parseA1(address: string): CellRef | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!m) return null;
  return { row: Number(m[2]) - 1, column: columnIndex(m[1]) };
}

export interface RangeRef {
  start: CellRef;
  end: CellRef;
}

/** The columns of a range, left to right. */
export function rangeColumns(range: RangeRef): number[] {
  const cols: number[] = [];
  for (let c = range.start.column; c <= range.end.column; c++) cols.push(c);
  return cols;
}

/** Parses `A1:C9`, `$A$1:$C$9` or a single cell, optionally prefixed by a sheet (`'Feuil 1'!A1:C9`). */
export function parseRange(address: string): (RangeRef & { sheet?: string }) | null {
  let rest = address.trim();
  let sheet: string | undefined;
  const bang = rest.lastIndexOf("!");
  if (bang >= 0) {
    sheet = rest.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
    rest = rest.slice(bang + 1);
  }
  const [a, b] = rest.split(":");
  const start = parseA1(a);
  const end = b === undefined ? start : parseA1(b);
  if (!start || !end) return null;
  return {
    sheet,
    start: { row: Math.min(start.row, end.row), column: Math.min(start.column, end.column) },
    end: { row: Math.max(start.row, end.row), column: Math.max(start.column, end.column) },
  };
}

export function rangeA1(r: RangeRef): string {
  const s = a1(r.start.row, r.start.column);
  const e = a1(r.end.row, r.end.column);
  return s === e ? s : `${s}:${e}`;
}

/** The address without its sheet or `$` signs (`'Feuil 1'!$B$3:F20` → `B3:F20`). */
export function localAddress(address: string): string {
  const bang = address.lastIndexOf("!");
  return (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "");
}

/** A sheet name quoted for a reference (`Feuil 1` → `'Feuil 1'`, `l'an` → `'l''an'`); always quoted. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** `Feuil1!A1` or `'Rapport 2023'!A1`: quoted when the name needs it, as Excel writes it. */
export function qualified(sheet: string, address: string): string {
  const needsQuotes = !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) || /^[A-Za-z]{1,3}\d+$/.test(sheet);
  return `${needsQuotes ? quoteSheet(sheet) : sheet}!${address}`;
}

/** A reference always quoted, for links: `'Rapport'!G4` (from `G4` or `$G$4`). */
export function quotedReference(sheet: string, cell: string): string {
  return `${quoteSheet(sheet)}!${localAddress(cell)}`;
}

// Excel date serials: days since 30 December 1899 (the 1900 system, its leap-year bug folded in),
// or since 1 January 1904 in the 1904 system.

export const MS_PER_DAY = 86_400_000;
/** Day 0 of Excel's 1900 date system, in UTC milliseconds. */
export const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Days between the 1900 and the 1904 systems' day 0. */
const DAYS_1900_TO_1904 = 1462;

/** The serial number of a date (read as UTC), in the workbook's date system. */
export function excelSerial(date: Date, date1904 = false): number {
  const serial = (date.getTime() - EXCEL_EPOCH_MS) / MS_PER_DAY - (date1904 ? DAYS_1900_TO_1904 : 0);
  // Dates are whole milliseconds; undo the binary noise of the division.
  return Math.round(serial * 1e10) / 1e10;
}

/** The UTC date of a 1900-system serial number, to the millisecond. */
export function serialDate(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * MS_PER_DAY));
}
