/**
 * Formulas with no cached value (files written by scripts, some exports store `<f>E2*2</f>` and
 * no `<v>`): their value is "" and they would be read as empty, so a Proposition `=E2*2` over its
 * Disponible would pass in silence. This computes the ones that are arithmetic over cells —
 * numbers, references (`E2`, `$E$2`, `'Rapport 1'!E2`), `+ − × ÷`, parentheses, unary signs and
 * `SUM`/`SOMME`, `MIN`, `MAX` of cells and ranges, `ROUND`/`ARRONDI` and `ABS` (the subsidy due
 * of a bilan or a compte rendu: `MIN(B7,ROUND(B7*B9/B8,2))`, `MAX(0,B12-B11)`) — from the snapshot's values, recursively (depth limit, cycle
 * detection, a budget of cells read). Whatever it cannot compute stays empty and is listed, so
 * that the engine reports it as not checked (NUM-ILLISIBLE, `formuleNonCalculee`), unless the
 * workbook was calculated by a spreadsheet (then an empty result is a real "").
 *
 * The tokenizer and parser are written by hand: the one formula engine in the dependencies
 * (hyperformula) is GPL-licensed and used by tests only, and a regular expression over workbook
 * text could backtrack. Each formula is scanned once, left to right, and nesting is bounded.
 */
import { columnIndex, MAX_COLUMNS, MAX_ROWS } from "./address";
import { EXCEL_ERRORS, type CellValue, type SheetSnapshot, type ValueType, type WorkbookSnapshot } from "./model";
import { quotedSheetName } from "./fill/formulaTokens";
import type { WorkMeter } from "./workMeter";

/** How deep parentheses and signs may nest in one formula, and references chain across formulas. */
const MAX_NESTING = 100;
const MAX_CHAIN = 64;
/** Cells a whole workbook's evaluation may read (ranges of SUMs included), so that it stays bounded. */
const MAX_CELLS_READ = 5_000_000;
/** Excel's last row and column. */

/** A reference to one cell or a rectangle, 0-based; `sheet` as written, undefined for the formula's own. */
interface Ref {
  sheet?: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

type Node =
  | { t: "num"; v: number }
  | { t: "ref"; ref: Ref }
  | { t: "neg"; e: Node }
  /** `a + b − c` or `a × b ÷ c`, flat: a chain of 60 000 terms is a list, not a tree that deep. */
  | { t: "chain"; first: Node; rest: { op: "+" | "-" | "*" | "/"; e: Node }[] }
  | { t: "sum"; args: Node[] }
  /** `MIN`, `MAX` over cells and ranges as SUM reads them; `ROUND(x, n)`, `ABS(x)` of one value each. */
  | { t: "fn"; name: NumericFunction; args: Node[] };

type NumericFunction = "MIN" | "MAX" | "ROUND" | "ABS";
/** The functions computed besides SUM, by their English and French names, with their number of arguments. */
const NUMERIC_FUNCTIONS: Record<string, { name: NumericFunction; min: number; max: number }> = {
  MIN: { name: "MIN", min: 1, max: 255 },
  MAX: { name: "MAX", min: 1, max: 255 },
  ROUND: { name: "ROUND", min: 2, max: 2 },
  ARRONDI: { name: "ROUND", min: 2, max: 2 },
  ABS: { name: "ABS", min: 1, max: 1 },
};

type Token =
  | { t: "num"; v: number }
  | { t: "ref"; ref: Ref }
  | { t: "fn"; name: string }
  | { t: "op"; v: "+" | "-" | "*" | "/" | "(" | ")" | "," };

/** Thrown for anything outside the supported arithmetic; the cell is then left uncomputed. */
class Unsupported extends Error {}

/** Thrown when references chain deeper than MAX_CHAIN: tried again once the cells below are known. */
class TooDeep extends Error {}

/** A computed value: a number, or an Excel error text that propagates (`#DIV/0!`, `#REF!`). */
type Value = number | { error: string };

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Characters of a bare word: a sheet name, a function name or a cell address (`$` kept). */
function isWordChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95 || c === 46 || c === 36 || (c >= 0xc0 && c <= 0x24f);
}

/** `$E$2` → row and column, 0-based; undefined when the word is not a cell address. */
function cellAddress(word: string): { row: number; column: number } | undefined {
  let i = 0;
  if (word[i] === "$") i++;
  const lettersStart = i;
  while (i < word.length && isLetter(word.charCodeAt(i))) i++;
  const letters = word.slice(lettersStart, i);
  if (letters.length < 1 || letters.length > 3) return undefined;
  if (word[i] === "$") i++;
  const digitsStart = i;
  while (i < word.length && isDigit(word.charCodeAt(i))) i++;
  const digits = word.slice(digitsStart, i);
  if (i !== word.length || digits.length < 1 || digits.length > 7) return undefined;
  const row = Number(digits) - 1;
  const column = columnIndex(letters);
  if (row < 0 || row >= MAX_ROWS || column >= MAX_COLUMNS) return undefined;
  return { row, column };
}

/** Reads a bare word from `i`; `meter` counts its characters. */
function wordAt(s: string, i: number, meter?: WorkMeter): number {
  let j = i;
  while (j < s.length && isWordChar(s.charCodeAt(j))) j++;
  if (meter) meter.work += j - i;
  return j;
}

/**
 * Splits a formula (without `=`) into tokens, in one pass; throws Unsupported on anything else.
 * `meter` counts the characters read (a word's twice: once found, once read as an address).
 */
export function tokenize(formula: string, meter?: WorkMeter): Token[] {
  const s = formula;
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (meter) meter.work++;
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t" || ch === "\u00a0") {
      i++;
    } else if ("+-*/(),;".includes(ch)) {
      out.push({ t: "op", v: (ch === ";" ? "," : ch) as "+" | "-" | "*" | "/" | "(" | ")" | "," });
      i++;
    } else if (isDigit(c) || (ch === "." && isDigit(s.charCodeAt(i + 1)))) {
      let j = i;
      while (j < s.length && isDigit(s.charCodeAt(j))) j++;
      if (s[j] === ".") {
        j++;
        while (j < s.length && isDigit(s.charCodeAt(j))) j++;
      }
      if ((s[j] === "e" || s[j] === "E") && (isDigit(s.charCodeAt(j + 1)) || ((s[j + 1] === "+" || s[j + 1] === "-") && isDigit(s.charCodeAt(j + 2))))) {
        j += 2;
        while (j < s.length && isDigit(s.charCodeAt(j))) j++;
      }
      if (meter) meter.work += j - i;
      // A number glued to letters (`2023A1`, `12abc`) is no number.
      if (j < s.length && isWordChar(s.charCodeAt(j)) && s[j] !== ".") throw new Unsupported();
      out.push({ t: "num", v: Number(s.slice(i, j)) });
      i = j;
    } else if (ch === "'") {
      // A quoted sheet name: '' is a quote inside it; then `!` and a reference.
      const quoted = quotedSheetName(s, i);
      // Read to its closing quote, or to the end of the formula when there is none.
      if (meter) meter.work += (quoted ? quoted.end : s.length) - i;
      if (!quoted || s[quoted.end] !== "!") throw new Unsupported();
      i = reference(s, quoted.end + 1, quoted.name, out, meter);
    } else if (isWordChar(c)) {
      const j = wordAt(s, i, meter);
      const word = s.slice(i, j);
      if (s[j] === "!") {
        i = reference(s, j + 1, word, out, meter);
      } else if (s[j] === "(") {
        out.push({ t: "fn", name: word.toUpperCase() });
        i = j;
      } else {
        i = reference(s, i, undefined, out, meter);
      }
    } else {
      // Strings, comparisons, `&`, `^`, `%`, arrays, external books `[1]`…: not arithmetic over cells.
      throw new Unsupported();
    }
  }
  return out;
}

/** Reads `A1` or `A1:B9` at `i` (after any sheet prefix) and pushes it; returns where it ends. */
function reference(s: string, i: number, sheet: string | undefined, out: Token[], meter?: WorkMeter): number {
  const j = wordAt(s, i, meter);
  const start = cellAddress(s.slice(i, j));
  if (!start) throw new Unsupported();
  let end = start;
  let k = j;
  if (s[j] === ":") {
    k = wordAt(s, j + 1, meter);
    const second = cellAddress(s.slice(j + 1, k));
    if (!second) throw new Unsupported();
    end = second;
  }
  out.push({
    t: "ref",
    ref: {
      sheet,
      top: Math.min(start.row, end.row),
      left: Math.min(start.column, end.column),
      bottom: Math.max(start.row, end.row),
      right: Math.max(start.column, end.column),
    },
  });
  return k;
}

/**
 * Recursive descent over the tokens: expr := term (± term)*; term := unary (×÷ unary)*.
 * `meter` counts the looks at a token.
 */
export function parse(tokens: readonly Token[], meter?: WorkMeter): Node {
  let at = 0;
  let depth = 0;
  const peek = () => {
    if (meter) meter.work++;
    return tokens[at];
  };
  const isOp = (v: string) => {
    const t = peek();
    return t !== undefined && t.t === "op" && t.v === v;
  };
  const enter = () => {
    if (++depth > MAX_NESTING) throw new Unsupported();
  };
  function expr(): Node {
    enter();
    const first = term();
    const rest: { op: "+" | "-"; e: Node }[] = [];
    while (isOp("+") || isOp("-")) {
      const op = (tokens[at++] as { v: "+" | "-" }).v;
      rest.push({ op, e: term() });
    }
    depth--;
    return rest.length ? { t: "chain", first, rest } : first;
  }
  function term(): Node {
    const first = unary();
    const rest: { op: "*" | "/"; e: Node }[] = [];
    while (isOp("*") || isOp("/")) {
      const op = (tokens[at++] as { v: "*" | "/" }).v;
      rest.push({ op, e: unary() });
    }
    return rest.length ? { t: "chain", first, rest } : first;
  }
  function unary(): Node {
    if (isOp("-") || isOp("+")) {
      const negative = isOp("-");
      at++;
      enter();
      const e = unary();
      depth--;
      return negative ? { t: "neg", e } : e;
    }
    return primary();
  }
  function primary(): Node {
    const t = peek();
    if (!t) throw new Unsupported();
    at++;
    if (t.t === "num") return { t: "num", v: t.v };
    if (t.t === "ref") return { t: "ref", ref: t.ref };
    if (t.t === "fn") {
      const name = t.name.replace(/^_XLFN\./, "");
      const numeric = NUMERIC_FUNCTIONS[name];
      if (name !== "SUM" && name !== "SOMME" && !numeric) throw new Unsupported();
      if (!isOp("(")) throw new Unsupported();
      at++;
      const args: Node[] = [];
      if (!isOp(")")) {
        args.push(expr());
        while (isOp(",")) {
          at++;
          args.push(expr());
        }
      }
      if (!isOp(")")) throw new Unsupported();
      at++;
      if (!numeric) return { t: "sum", args };
      if (args.length < numeric.min || args.length > numeric.max) throw new Unsupported();
      return { t: "fn", name: numeric.name, args };
    }
    if (t.v === "(") {
      const e = expr();
      if (!isOp(")")) throw new Unsupported();
      at++;
      return e;
    }
    throw new Unsupported();
  }
  const root = expr();
  if (at !== tokens.length) throw new Unsupported();
  return root;
}

/** A formula with no cached value that could not be computed, by sheet index and 0-based array position. */
export interface Uncomputed {
  sheet: number;
  i: number;
  j: number;
}

export interface Evaluated {
  /** The snapshot with the computed values filled in (the same object when nothing needed it). */
  snapshot: WorkbookSnapshot;
  /**
   * Formula cells with no cached value left empty: Pointage could not compute them. Empty when
   * the workbook was calculated by a spreadsheet (see `calculated`).
   */
  uncomputed: Uncomputed[];
  /**
   * Whether some formula of the workbook has a stored result: the file was calculated by Excel or
   * LibreOffice, which store a result for every formula, so an empty one is a real "" (`=IF(…,"")`,
   * which readers cannot tell from a missing one) and is not reported. A file written by a script
   * has none.
   */
  calculated: boolean;
}

/**
 * Whether a cell is a formula with no cached value: value "" and a formula `=…`, and not a text
 * result: a formula that gives "" (`=IF(A1>0,A1,"")`) has the value type `String` in Office.js
 * and in the file reader when the file stores its empty result.
 */
function uncached(sheet: SheetSnapshot, i: number, j: number): string | undefined {
  const v = sheet.values[i]?.[j];
  if (v !== "" && v !== undefined && v !== null) return undefined;
  if (sheet.valueTypes?.[i]?.[j] === "String") return undefined;
  const f = sheet.formulas?.[i]?.[j];
  return typeof f === "string" && f.startsWith("=") && f.length > 1 ? f.slice(1) : undefined;
}

/** Computes the snapshot's formulas that have no cached value; see the file's comment. */
/** Computes the uncached arithmetic formulas of `snapshot`; `meter` counts the tokenizing and parsing work. */
export function evaluateUncachedFormulas(snapshot: WorkbookSnapshot, meter?: WorkMeter): Evaluated {
  const pending: Uncomputed[] = [];
  let calculated = false;
  // A formula with no cached value is a cell with no value: looked for among the values, so the
  // formulas of the cells that hold one (nearly all, and hosts may put every constant in
  // `formulas` too) are not read here.
  snapshot.sheets.forEach((sheet, s) => {
    const formulas = sheet.formulas;
    if (!formulas) return;
    for (let i = 0; i < formulas.length; i++) {
      const row = formulas[i];
      if (!row) continue;
      const values = sheet.values[i];
      for (let j = 0; j < row.length; j++) {
        const v = values?.[j];
        if (v !== "" && v !== undefined && v !== null) continue;
        if (uncached(sheet, i, j) !== undefined) pending.push({ sheet: s, i, j });
      }
    }
  });
  // Calculated: some other formula has a stored result. The first one found says so, and the
  // formulas after it are not read.
  for (let s = 0; s < snapshot.sheets.length && !calculated; s++) {
    const sheet = snapshot.sheets[s];
    const formulas = sheet.formulas ?? [];
    for (let i = 0; i < formulas.length && !calculated; i++) {
      const row = formulas[i];
      for (let j = 0; row && j < row.length; j++) {
        const f = row[j];
        if (typeof f !== "string" || f.charCodeAt(0) !== 61 /* = */) continue;
        if (sheet.values[i]?.[j] !== "" && uncached(sheet, i, j) === undefined) {
          calculated = true;
          break;
        }
      }
    }
  }
  if (pending.length === 0) return { snapshot, uncomputed: [], calculated };

  const byName = new Map<string, number>();
  snapshot.sheets.forEach((sh, s) => {
    const key = sh.name.toLowerCase();
    if (!byName.has(key)) byName.set(key, s);
  });
  /** Computed values by `sheet:i:j`; null for a cell that cannot be computed. */
  const memo = new Map<string, Value | null>();
  const visiting = new Set<string>();
  let cellsRead = 0;
  let chain = 0;

  /** The value of one cell for arithmetic (`inSum`: text and booleans are skipped as SUM does). */
  function cellValue(s: number, row: number, column: number, inSum: boolean): Value | "skip" {
    if (++cellsRead > MAX_CELLS_READ) throw new Unsupported();
    const sheet = snapshot.sheets[s];
    const i = row - sheet.origin.row;
    const j = column - sheet.origin.column;
    if (i < 0 || j < 0) return inSum ? "skip" : 0;
    const formula = uncached(sheet, i, j);
    if (formula !== undefined) {
      const got = compute(s, i, j, formula);
      if (got === null) throw new Unsupported();
      return got;
    }
    const v: CellValue | undefined | null = sheet.values[i]?.[j];
    const type: ValueType | undefined = sheet.valueTypes?.[i]?.[j];
    if (v === undefined || v === null || v === "") return inSum ? "skip" : 0;
    if (type === "Error" || (typeof v === "string" && type === undefined && EXCEL_ERRORS.has(v.trim()))) return { error: String(v).trim() };
    if (typeof v === "number") return Number.isFinite(v) ? v : { error: "#NUM!" };
    if (inSum) return "skip";
    if (typeof v === "boolean") return v ? 1 : 0;
    // Text in arithmetic: Excel's own conversion depends on the locale; Pointage does not guess.
    throw new Unsupported();
  }

  function sheetOf(ref: Ref, own: number): number {
    if (ref.sheet === undefined) return own;
    const s = byName.get(ref.sheet.toLowerCase());
    if (s === undefined) throw new Unsupported();
    return s;
  }

  function rangeSum(ref: Ref, own: number): Value {
    let total = 0;
    const stop = eachNumber(ref, own, (v) => {
      total += v;
    });
    return stop ?? total;
  }

  /** Calls `f` with each number of a range (text and empty cells skipped, as SUM does); an error stops it and is returned. */
  function eachNumber(ref: Ref, own: number, f: (v: number) => void): { error: string } | undefined {
    const s = sheetOf(ref, own);
    const sheet = snapshot.sheets[s];
    // Only the stored part of the range can hold anything.
    const top = Math.max(ref.top, sheet.origin.row);
    const bottom = Math.min(ref.bottom, sheet.origin.row + sheet.values.length - 1);
    for (let row = top; row <= bottom; row++) {
      const width = sheet.values[row - sheet.origin.row]?.length ?? 0;
      const left = Math.max(ref.left, sheet.origin.column);
      const right = Math.min(ref.right, sheet.origin.column + width - 1);
      for (let column = left; column <= right; column++) {
        const v = cellValue(s, row, column, true);
        if (v === "skip") continue;
        if (typeof v !== "number") return v;
        f(v);
      }
    }
    return undefined;
  }

  /** MIN, MAX, ROUND, ABS as Excel computes them (ROUND half away from zero on the 15 digits Excel shows). */
  function numericFunction(node: { name: NumericFunction; args: Node[] }, own: number): Value {
    if (node.name === "MIN" || node.name === "MAX") {
      const min = node.name === "MIN";
      let best: number | undefined;
      const take = (v: number) => {
        if (best === undefined || (min ? v < best : v > best)) best = v;
      };
      for (const arg of node.args) {
        if (arg.t === "ref") {
          const stop = eachNumber(arg.ref, own, take);
          if (stop) return stop;
          continue;
        }
        const v = value(arg, own);
        if (typeof v !== "number") return v;
        take(v);
      }
      // Excel gives 0 for a MIN or MAX over no number.
      return best ?? 0;
    }
    const x = value(node.args[0], own);
    if (typeof x !== "number") return x;
    if (node.name === "ABS") return Math.abs(x);
    const n = value(node.args[1], own);
    if (typeof n !== "number") return n;
    const digits = Math.trunc(n);
    if (Math.abs(digits) > 15) throw new Unsupported();
    const scale = 10 ** Math.abs(digits);
    const scaled = Number((Math.abs(x) * (digits >= 0 ? scale : 1 / scale)).toPrecision(15));
    const rounded = Math.round(scaled);
    return Math.sign(x) * (digits >= 0 ? rounded / scale : rounded * scale);
  }

  function value(node: Node, own: number): Value {
    switch (node.t) {
      case "num":
        return node.v;
      case "ref": {
        const r = node.ref;
        // A range outside a SUM (`=E2:E5`) spills or intersects: not plain arithmetic.
        if (r.top !== r.bottom || r.left !== r.right) throw new Unsupported();
        const v = cellValue(sheetOf(r, own), r.top, r.left, false);
        return v === "skip" ? 0 : v;
      }
      case "neg": {
        const v = value(node.e, own);
        return typeof v === "number" ? -v : v;
      }
      case "chain": {
        let a = value(node.first, own);
        for (const { op, e } of node.rest) {
          if (typeof a !== "number") return a;
          const b = value(e, own);
          if (typeof b !== "number") return b;
          if (op === "+") a += b;
          else if (op === "-") a -= b;
          else if (op === "*") a *= b;
          else if (b === 0) return { error: "#DIV/0!" };
          else a /= b;
        }
        return a;
      }
      case "sum": {
        let total = 0;
        for (const arg of node.args) {
          const v = arg.t === "ref" ? rangeSum(arg.ref, own) : value(arg, own);
          if (typeof v !== "number") return v;
          total += v;
        }
        return total;
      }
      case "fn":
        return numericFunction(node, own);
    }
  }

  /**
   * The value of the uncached formula at (s, i, j), memoised; null when it cannot be computed (a
   * cycle included). A chain deeper than MAX_CHAIN throws TooDeep, memoised nowhere on the way up.
   */
  function compute(s: number, i: number, j: number, formula: string): Value | null {
    const key = `${s}:${i}:${j}`;
    if (memo.has(key)) return memo.get(key)!;
    if (visiting.has(key)) return null;
    if (chain >= MAX_CHAIN) throw new TooDeep();
    visiting.add(key);
    chain++;
    let result: Value | null;
    try {
      const v = value(parse(tokenize(formula, meter), meter), s);
      result = typeof v === "number" && !Number.isFinite(v) ? { error: "#NUM!" } : v;
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      result = null;
    } finally {
      chain--;
      visiting.delete(key);
    }
    memo.set(key, result);
    return result;
  }

  // Top to bottom, so that a running balance (each Solde from the one above) never chains deep;
  // a cell whose chain went too deep is tried again once the later cells are known.
  let todo = pending;
  for (let pass = 0; pass < 8 && todo.length; pass++) {
    const again: Uncomputed[] = [];
    for (const p of todo) {
      try {
        compute(p.sheet, p.i, p.j, uncached(snapshot.sheets[p.sheet], p.i, p.j)!);
      } catch (e) {
        if (!(e instanceof TooDeep)) throw e;
        chain = 0;
        visiting.clear();
        again.push(p);
      }
    }
    if (again.length === todo.length) break;
    todo = again;
  }

  // Copies of the rows that change only: a large sheet is not duplicated for one formula.
  const sheets = [...snapshot.sheets];
  const uncomputed: Uncomputed[] = [];
  for (const p of pending) {
    const v = memo.get(`${p.sheet}:${p.i}:${p.j}`);
    if (v === null || v === undefined) {
      uncomputed.push(p);
      continue;
    }
    let sheet = sheets[p.sheet];
    if (sheet === snapshot.sheets[p.sheet]) {
      sheet = { ...sheet, values: [...sheet.values], valueTypes: sheet.valueTypes ? [...sheet.valueTypes] : undefined };
      sheets[p.sheet] = sheet;
    }
    const original = snapshot.sheets[p.sheet];
    if (sheet.values[p.i] === original.values[p.i]) sheet.values[p.i] = [...original.values[p.i]];
    sheet.values[p.i][p.j] = typeof v === "number" ? v : v.error;
    if (sheet.valueTypes && original.valueTypes?.[p.i]) {
      if (sheet.valueTypes[p.i] === original.valueTypes[p.i]) sheet.valueTypes[p.i] = [...original.valueTypes[p.i]];
      sheet.valueTypes[p.i][p.j] = typeof v === "number" ? "Double" : "Error";
    }
  }
  return { snapshot: { ...snapshot, sheets }, uncomputed: calculated ? [] : uncomputed, calculated };
}
