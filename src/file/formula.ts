/**
 * Translates a shared formula from its master cell to another cell of the shared range, as
 * Excel does: relative references move by the offset, `$` parts stay. ExcelJS 4.4 has its own
 * (`slideFormula`), but it also shifts text inside string literals (`="B1"`), quoted sheet names
 * (`'Q1 data'!A1`) and structured references (`T1[Q1]`); this one skips them.
 */

import { a1, columnIndex, columnLetter, MAX_COLUMNS, MAX_ROWS, parseA1 } from "../core/address";


/** 1-based column number of letters (`A` → 1, `XFD` → 16384): ExcelJS counts from 1. */
export const columnNumber = (letters: string): number => columnIndex(letters) + 1;

/** Letters of a 1-based column number. */
export const columnLetters = (column: number): string => columnLetter(column - 1);

/** Parses `G4` / `$G$4` into 1-based row and column, or undefined. */
export function parseAddress(address: string): { row: number; col: number } | undefined {
  const cell = parseA1(address);
  if (!cell || cell.row + 1 > MAX_ROWS || cell.column + 1 > MAX_COLUMNS || cell.row < 0) return undefined;
  return { row: cell.row + 1, col: cell.column + 1 };
}

/** An A1 address from 1-based row and column. */
export const formatAddress = (row: number, col: number): string => a1(row - 1, col - 1);

/** A character that continues a name, a number or a reference. */
function isWordChar(c: string): boolean {
  return /[\p{L}\p{N}_.$\\?]/u.test(c);
}

const CELL_REF = /^(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)$/;
const COLUMN_REF = /^(\$?)([A-Za-z]{1,3})$/;
const ROW_REF = /^(\$?)([0-9]+)$/;

/** Moves one token that may be a reference; returns undefined when it is not one. */
function shiftToken(token: string, dRow: number, dCol: number, beside: boolean): string | undefined {
  let m = CELL_REF.exec(token);
  if (m) {
    const col = columnNumber(m[2]);
    const row = Number(m[4]);
    if (col > MAX_COLUMNS || row < 1 || row > MAX_ROWS) return undefined;
    const newCol = m[1] ? col : col + dCol;
    const newRow = m[3] ? row : row + dRow;
    if (newCol < 1 || newCol > MAX_COLUMNS || newRow < 1 || newRow > MAX_ROWS) return "#REF!";
    return m[1] + columnLetters(newCol) + m[3] + newRow;
  }
  if (!beside) return undefined;
  // Whole columns (A:C) and whole rows (3:5) only count as references around a colon.
  m = COLUMN_REF.exec(token);
  if (m) {
    const col = columnNumber(m[2]);
    if (col > MAX_COLUMNS) return undefined;
    const newCol = m[1] ? col : col + dCol;
    if (newCol < 1 || newCol > MAX_COLUMNS) return "#REF!";
    return m[1] + columnLetters(newCol);
  }
  m = ROW_REF.exec(token);
  if (m) {
    const row = Number(m[2]);
    if (row < 1 || row > MAX_ROWS) return undefined;
    const newRow = m[1] ? row : row + dRow;
    if (newRow < 1 || newRow > MAX_ROWS) return "#REF!";
    return m[1] + newRow;
  }
  return undefined;
}

/** Skips a delimited run (`"…"` with `""`, `'…'` with `''`) starting at i; returns the index after it. */
function skipQuoted(formula: string, i: number, quote: string): number {
  let j = i + 1;
  while (j < formula.length) {
    if (formula[j] === quote) {
      if (formula[j + 1] === quote) j += 2;
      else return j + 1;
    } else j++;
  }
  return j;
}

/** Skips a bracketed run (`[…]`, nested for structured references); returns the index after it. */
function skipBrackets(formula: string, i: number, open: string, close: string): number {
  let depth = 0;
  let j = i;
  while (j < formula.length) {
    const c = formula[j];
    if (c === open) depth++;
    else if (c === close) {
      depth--;
      if (depth === 0) return j + 1;
    } else if (c === '"') {
      j = skipQuoted(formula, j, '"');
      continue;
    }
    j++;
  }
  return j;
}

/**
 * The formula of a shared-formula cell at `to`, from the master's formula at `from` (A1
 * addresses, formulas without the leading `=`).
 */
export function translateFormula(formula: string, from: string, to: string): string {
  const a = parseAddress(from);
  const b = parseAddress(to);
  if (!a || !b) return formula;
  const dRow = b.row - a.row;
  const dCol = b.col - a.col;
  if (dRow === 0 && dCol === 0) return formula;

  let out = "";
  let i = 0;
  while (i < formula.length) {
    const c = formula[i];
    if (c === '"') {
      const j = skipQuoted(formula, i, '"');
      out += formula.slice(i, j);
      i = j;
    } else if (c === "'") {
      // A quoted sheet name; the reference after its `!` is moved as usual.
      const j = skipQuoted(formula, i, "'");
      out += formula.slice(i, j);
      i = j;
    } else if (c === "[") {
      const j = skipBrackets(formula, i, "[", "]");
      out += formula.slice(i, j);
      i = j;
    } else if (c === "{") {
      const j = skipBrackets(formula, i, "{", "}");
      out += formula.slice(i, j);
      i = j;
    } else if (isWordChar(c)) {
      let j = i + 1;
      while (j < formula.length && isWordChar(formula[j])) j++;
      const token = formula.slice(i, j);
      const next = formula[j];
      const previous = out[out.length - 1];
      // A function name, a sheet name, a table name or part of a number is not a reference.
      const notReference = next === "(" || next === "!" || next === "[" || /^[0-9.]+[eE]$/.test(token);
      const beside = next === ":" || previous === ":";
      const shifted = notReference ? undefined : shiftToken(token, dRow, dCol, beside);
      out += shifted ?? token;
      i = j;
      // An exponent's sign and digits (1E+5) are copied as they are.
      if (/^[0-9.]+[eE]$/.test(token) && (formula[i] === "+" || formula[i] === "-")) {
        let k = i + 1;
        while (k < formula.length && /[0-9]/.test(formula[k])) k++;
        out += formula.slice(i, k);
        i = k;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * A formula as Excel shows it: the file stores newer functions with a `_xlfn.` prefix
 * (`_xlfn.XLOOKUP`, `_xlfn._xlws.FILTER`, `_xlpm.` for LAMBDA parameters); Office.js drops it.
 */
export function displayFormula(formula: string): string {
  if (!formula.includes("_xl")) return formula;
  // Even pieces are outside string literals.
  return formula
    .split('"')
    .map((piece, i) => (i % 2 === 0 ? piece.replace(/_xl(?:fn|ws|pm)\./gi, "") : piece))
    .join('"');
}
