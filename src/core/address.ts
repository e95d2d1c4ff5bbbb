/** A1 addresses. Rows and columns are 0-based inside Pointage, as in the snapshot arrays. */

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

/** `Feuil1!A1` or `'Rapport 2023'!A1`: quoted when the name needs it, as Excel writes it. */
export function qualified(sheet: string, address: string): string {
  const needsQuotes = !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) || /^[A-Za-z]{1,3}\d+$/.test(sheet);
  return `${needsQuotes ? `'${sheet.replace(/'/g, "''")}'` : sheet}!${address}`;
}
