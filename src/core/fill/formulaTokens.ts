/**
 * A lossless tokenizer of Excel formulas (English syntax), for rewriting the formulas of a
 * template when its rows are repeated. `src/core/evaluate.ts` has a tokenizer too, but it only
 * accepts the arithmetic it can compute and throws on anything else (strings, functions other
 * than SUM, errors, arrays), and it keeps no text to write back; this one keeps every character
 * (joining the tokens gives the formula back) and reads references as rows and columns:
 * quoted sheet names (`'Rapport 2023'!E5`, with `''` inside), `$`, ranges (`E5:E9`, `$E$5:E9`,
 * `E:E`, `5:9`), strings (`"a""b"`), error literals, structured references (`T[Col]`).
 * It is a single left-to-right scan with no regular expression over the formula.
 */

export type Token =
  | { t: "ref"; text: string; ref: Reference }
  | { t: "func"; text: string; name: string }
  | { t: "open" | "close" | "sep" | "op" | "space" | "string" | "number" | "error" | "name" | "other"; text: string };

/** One end of a reference: a row and/or a column, each maybe absolute. */
export interface RefEnd {
  row?: number;
  rowAbs?: boolean;
  column?: number;
  columnAbs?: boolean;
}

export interface Reference {
  /** The sheet as written, without quotes; undefined for the formula's own sheet. */
  sheet?: string;
  start: RefEnd;
  /** The other corner of a range; undefined for one cell. */
  end?: RefEnd;
}

function isLetter(c: string): boolean {
  return (c >= "A" && c <= "Z") || (c >= "a" && c <= "z");
}
function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}
function isWordChar(c: string): boolean {
  return isLetter(c) || isDigit(c) || c === "_" || c === "." || c === "$" || c === "\\" || (c >= "\u00c0" && c <= "\u024f");
}

/** `$E$5` / `E5` / `$E` / `5` → a reference end; undefined when the word is not one. */
export function parseRefEnd(word: string, allow: { cell?: boolean; column?: boolean; row?: boolean } = { cell: true }): RefEnd | undefined {
  let i = 0;
  const end: RefEnd = {};
  let abs = false;
  if (word[i] === "$") {
    abs = true;
    i++;
  }
  const ls = i;
  while (i < word.length && isLetter(word[i])) i++;
  const letters = word.slice(ls, i);
  if (letters.length > 3) return undefined;
  if (letters) {
    let col = 0;
    for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    if (col > 16384) return undefined;
    end.column = col - 1;
    end.columnAbs = abs;
    abs = false;
    if (word[i] === "$") {
      abs = true;
      i++;
    }
  }
  const ds = i;
  while (i < word.length && isDigit(word[i])) i++;
  const digits = word.slice(ds, i);
  if (i !== word.length) return undefined;
  if (digits) {
    if (digits[0] === "0") return undefined;
    const row = Number(digits);
    if (row > 1_048_576) return undefined;
    end.row = row - 1;
    end.rowAbs = abs;
  } else if (abs) return undefined;
  if (end.row !== undefined && end.column !== undefined) return allow.cell ? end : undefined;
  if (end.column !== undefined) return allow.column ? end : undefined;
  if (end.row !== undefined) return allow.row ? end : undefined;
  return undefined;
}

/** Writes a reference end back: `$E$5`, `E5`, `E`, `5`. */
export function refEndText(e: RefEnd): string {
  let s = "";
  if (e.column !== undefined) {
    let n = e.column + 1;
    let letters = "";
    while (n > 0) {
      const r = (n - 1) % 26;
      letters = String.fromCharCode(65 + r) + letters;
      n = Math.floor((n - 1) / 26);
    }
    s += (e.columnAbs ? "$" : "") + letters;
  }
  if (e.row !== undefined) s += (e.rowAbs ? "$" : "") + String(e.row + 1);
  return s;
}

/** `'Rapport 2023'` when the name needs quotes, else the name. */
export function sheetPrefix(sheet: string): string {
  return /^[A-Za-z_\u00c0-\u024f][A-Za-z0-9_.\u00c0-\u024f]*$/.test(sheet) && !parseRefEnd(sheet, { cell: true, column: true, row: true })
    ? `${sheet}!`
    : `'${sheet.replace(/'/g, "''")}'!`;
}

export function referenceText(r: Reference): string {
  const base = refEndText(r.start) + (r.end ? `:${refEndText(r.end)}` : "");
  return (r.sheet !== undefined ? sheetPrefix(r.sheet) : "") + base;
}

/** A word (maybe `Sheet!A1:B2`) read as a reference; undefined when it is a name or a number. */
function asReference(sheet: string | undefined, body: string): Reference | undefined {
  const colon = body.indexOf(":");
  if (colon < 0) {
    const start = parseRefEnd(body);
    return start ? { sheet, start } : undefined;
  }
  const a = body.slice(0, colon);
  const b = body.slice(colon + 1);
  for (const allow of [{ cell: true }, { column: true }, { row: true }]) {
    const start = parseRefEnd(a, allow);
    const end = parseRefEnd(b, allow);
    if (start && end) return { sheet, start, end };
  }
  return undefined;
}

/**
 * The quoted sheet name opening at `i` (`'l''an 2023!'`): the name with each `''` read as `'`,
 * and the index just past its closing quote; undefined when the quote is never closed. The one
 * reading of quoted sheet names (the tokenizer, evaluate.ts, the séance's renaming).
 */
export function quotedSheetName(formula: string, i: number): { name: string; end: number } | undefined {
  let name = "";
  let j = i + 1;
  while (j < formula.length) {
    if (formula[j] === "'") {
      if (formula[j + 1] !== "'") return { name, end: j + 1 };
      name += "'";
      j += 2;
    } else name += formula[j++];
  }
  return undefined;
}

/** The tokens of a formula, with or without its leading `=` (kept as an `op` token). */
export function tokenize(formula: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const c = formula[i];
    if (c === '"') {
      let j = i + 1;
      while (j < n) {
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out.push({ t: "string", text: formula.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    if (c === "'") {
      // A quoted sheet name, then `!` and a reference.
      const quoted = quotedSheetName(formula, i);
      if (!quoted) {
        out.push({ t: "other", text: formula.slice(i) });
        break;
      }
      const sheet = quoted.name;
      const j = quoted.end - 1;
      if (formula[j + 1] === "!") {
        let k = j + 2;
        while (k < n && (isWordChar(formula[k]) || formula[k] === ":")) k++;
        const body = formula.slice(j + 2, k);
        const ref = asReference(sheet, body);
        if (ref) out.push({ t: "ref", text: formula.slice(i, k), ref });
        else out.push({ t: "name", text: formula.slice(i, k) });
        i = k;
      } else {
        out.push({ t: "other", text: formula.slice(i, j + 1) });
        i = j + 1;
      }
      continue;
    }
    if (c === "#") {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9/!?_]/.test(formula[j])) {
        j++;
        if (formula[j - 1] === "!" || formula[j - 1] === "?") break;
      }
      if (formula.slice(i, j) === "#N/A" || j > i + 1) {
        out.push({ t: "error", text: formula.slice(i, j) });
        i = j;
        continue;
      }
    }
    if (c === " " || c === "\n" || c === "\r" || c === "\t") {
      let j = i;
      while (j < n && " \n\r\t".includes(formula[j])) j++;
      out.push({ t: "space", text: formula.slice(i, j) });
      i = j;
      continue;
    }
    if (c === "(") {
      out.push({ t: "open", text: c });
      i++;
      continue;
    }
    if (c === ")") {
      out.push({ t: "close", text: c });
      i++;
      continue;
    }
    if (c === "," || c === ";") {
      out.push({ t: "sep", text: c });
      i++;
      continue;
    }
    if (c === "{") {
      // An array constant is kept whole: nothing in it is a reference.
      let j = i + 1;
      while (j < n && formula[j] !== "}") j++;
      out.push({ t: "other", text: formula.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    if (isDigit(c) && !startsReference(formula, i)) {
      let j = i;
      while (j < n && (isDigit(formula[j]) || formula[j] === ".")) j++;
      if ((formula[j] === "E" || formula[j] === "e") && /[+\-0-9]/.test(formula[j + 1] ?? "")) {
        j += 2;
        while (j < n && isDigit(formula[j])) j++;
      }
      out.push({ t: "number", text: formula.slice(i, j) });
      i = j;
      continue;
    }
    if (isWordChar(c)) {
      let j = i;
      while (j < n && isWordChar(formula[j])) j++;
      let word = formula.slice(i, j);
      // `Sheet!A1`, `Sheet!A1:B2`, `A1:B2`, `E:E`, `5:9`.
      if (formula[j] === "!") {
        let k = j + 1;
        while (k < n && (isWordChar(formula[k]) || formula[k] === ":")) k++;
        const ref = asReference(word, formula.slice(j + 1, k));
        out.push(ref ? { t: "ref", text: formula.slice(i, k), ref } : { t: "name", text: formula.slice(i, k) });
        i = k;
        continue;
      }
      if (formula[j] === ":") {
        let k = j + 1;
        while (k < n && isWordChar(formula[k])) k++;
        const ref = asReference(undefined, formula.slice(i, k));
        if (ref) {
          out.push({ t: "ref", text: formula.slice(i, k), ref });
          i = k;
          continue;
        }
      }
      if (formula[j] === "[") {
        // A structured reference: `Table1[Montant]`, `T[[#Totals],[Montant]]`.
        let depth = 0;
        let k = j;
        while (k < n) {
          if (formula[k] === "[") depth++;
          else if (formula[k] === "]" && --depth === 0) break;
          k++;
        }
        out.push({ t: "name", text: formula.slice(i, k + 1) });
        i = k + 1;
        continue;
      }
      if (formula[j] === "(") {
        out.push({ t: "func", text: word, name: word.toUpperCase().replace(/^_XLFN\.(_XLWS\.)?/, "") });
        i = j;
        continue;
      }
      const ref = asReference(undefined, word);
      if (ref) out.push({ t: "ref", text: word, ref });
      else {
        word = formula.slice(i, j);
        out.push({ t: isDigit(word[0]) ? "number" : "name", text: word });
      }
      i = j;
      continue;
    }
    // Operators, `=` included; two-character comparisons kept together.
    const two = formula.slice(i, i + 2);
    if (two === "<>" || two === "<=" || two === ">=") {
      out.push({ t: "op", text: two });
      i += 2;
      continue;
    }
    out.push({ t: "op", text: c });
    i++;
  }
  return out;
}

/** A row range `5:9` starts with a digit: tell it from a number. */
function startsReference(formula: string, i: number): boolean {
  let j = i;
  while (j < formula.length && (isDigit(formula[j]) || formula[j] === "$")) j++;
  if (formula[j] !== ":") return false;
  let k = j + 1;
  if (formula[k] === "$") k++;
  return isDigit(formula[k] ?? "");
}

export function untokenize(tokens: readonly Token[]): string {
  return tokens.map((t) => t.text).join("");
}

/**
 * Functions added to Excel after 2007, which a file must store with the `_xlfn.` prefix (Excel
 * shows `#NAME?` otherwise); Office.js takes them without it.
 */
const FUTURE_FUNCTIONS = new Set([
  "CONCAT", "TEXTJOIN", "IFS", "SWITCH", "MAXIFS", "MINIFS", "XLOOKUP", "XMATCH", "IFNA", "FILTER", "SORT", "SORTBY", "UNIQUE",
  "SEQUENCE", "LET", "LAMBDA", "STDEV.S", "STDEV.P", "VAR.S", "VAR.P", "CEILING.MATH", "FLOOR.MATH", "DAYS", "ISOWEEKNUM",
  "NUMBERVALUE", "PERCENTILE.INC", "PERCENTILE.EXC", "QUARTILE.INC", "QUARTILE.EXC", "MODE.SNGL", "RANK.EQ", "RANK.AVG",
  "AGGREGATE", "FORMULATEXT", "ISFORMULA", "SHEET", "SHEETS", "TEXTBEFORE", "TEXTAFTER", "TEXTSPLIT", "VSTACK", "HSTACK",
  "CHOOSECOLS", "CHOOSEROWS", "TAKE", "DROP", "TOCOL", "TOROW", "WRAPROWS", "WRAPCOLS", "EXPAND", "ARRAYTOTEXT", "VALUETOTEXT",
]);

/** Spreadsheet functions that live in the `_xlws.` namespace as well. */
const WORKSHEET_NAMESPACE = new Set(["FILTER", "SORT"]);

/** The formula as a file stores it: `_xlfn.` before the functions that need it (`_xlfn._xlws.` for FILTER, SORT). */
export function withFilePrefixes(formula: string): string {
  return untokenize(
    tokenize(formula).map((t) => {
      if (t.t !== "func" || !FUTURE_FUNCTIONS.has(t.name) || /^_xlfn\./i.test(t.text)) return t;
      return { ...t, text: `_xlfn.${WORKSHEET_NAMESPACE.has(t.name) ? "_xlws." : ""}${t.text}` };
    }),
  );
}

/** The formula as Office.js and people write it: the `_xlfn.` / `_xlws.` prefixes removed. */
export function withoutFilePrefixes(formula: string): string {
  return untokenize(tokenize(formula).map((t) => (t.t === "func" ? { ...t, text: t.text.replace(/^_xlfn\.(_xlws\.)?/i, "") } : t)));
}
