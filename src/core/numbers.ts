/**
 * Reading numbers the way users paste them (DOMAIN.md, "Reading numbers"): real numbers, and text
 * in French or English form, with ordinary, no-break or narrow no-break spaces, `€` glued or
 * spaced, parentheses or a minus for negatives, `%` signs. Money is integer cents; every rounding
 * is half-up on the exact decimal value (« arrondi commercial »).
 */
import { serialDate } from "./address";
import { EXCEL_ERRORS, type CellValue, type ValueType } from "./model";

/** What a cell holds, once read. */
export type CellReading =
  | { kind: "empty" }
  | { kind: "error"; text: string }
  | { kind: "text"; text: string }
  | { kind: "boolean"; value: boolean }
  | NumberReading;

export interface NumberReading {
  kind: "number";
  /** The number as read: euros for money, the raw figure for percentages (0.3198 or 31.98). */
  value: number;
  /** Its exact decimal form, e.g. "-43056.00" → "-43056.00"; used for exact cents. */
  decimal: string;
  /** Decimals shown: from the number format, or from the text as typed. */
  shownDecimals: number;
  /** True when the cell held text that reads as a number (NUM-TEXTE). */
  fromText: boolean;
  /** True when the cell is shown as a percentage: a `%` in its text or in its number format. */
  percent: boolean;
}

/**
 * A character that no number typed as text holds: anything but digits, spaces, marks (`.,'’`),
 * parentheses, signs, `%`, `€` and the letters of `eur`/`euros`.
 */
const NOT_A_NUMBER = /[^\d\s.,'’()%€+\-−–eurosEUROS]/;
/**
 * False when the text holds a character no written number has: most texts are words or codes,
 * told apart at once. True does not make it a number (`parseNumberText` decides).
 */
export function mayBeNumberText(text: string): boolean {
  return !NOT_A_NUMBER.test(text);
}

const SPACES = /[\s\u00a0\u202f\u2007\u2009\u200a\u2002\u2003]/g;
const GROUPED = /^\d{1,3}([ .,'’]\d{3})+$/;

/**
 * Parses a number typed as text. Returns null when the text is not a number.
 * `1 234,56`, `1 234,56 €`, `800,00€`, `4500 €`, `43,056.00`, `(1 234,00)`, `-1 234,00`, `31,98 %`.
 */
export function parseNumberText(raw: string): { decimal: string; decimals: number; percent: boolean } | null {
  if (!mayBeNumberText(raw)) return null;
  let s = raw.trim();
  if (s === "") return null;
  let negative = false;
  let percent = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  // Currency and percent marks, on either side, glued or spaced.
  s = s.replace(/^(€|eur\b|euros?\b)\s*/i, "").replace(/\s*(€|eur|euros?)$/i, "");
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  s = s.replace(/\s*(€|eur|euros?)$/i, "");
  if (/^[-−–]/.test(s)) {
    if (negative) return null;
    negative = true;
    s = s.slice(1).trim();
  } else if (/^\+/.test(s)) {
    s = s.slice(1).trim();
  }
  if (s === "" || /[^\d\s\u00a0\u202f\u2007\u2009\u200a\u2002\u2003.,'’]/.test(s)) return null;

  let integer: string;
  let fraction = "";
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  // Grouping marks: spaces always; `'`; then whichever of `,`/`.` is not the decimal mark.
  if (lastComma >= 0 && lastDot >= 0) {
    const decimalMark = lastComma > lastDot ? "," : ".";
    const groupMark = decimalMark === "," ? "." : ",";
    const at = s.lastIndexOf(decimalMark);
    integer = s.slice(0, at);
    fraction = s.slice(at + 1);
    if (!isGrouped(integer, groupMark)) return null;
    integer = integer.split(groupMark).join("");
  } else if (lastComma >= 0 || lastDot >= 0) {
    const mark = lastComma >= 0 ? "," : ".";
    const parts = s.split(mark);
    if (parts.length > 2) {
      // `1.234.567` or `1,234,567`: grouping only.
      if (!GROUPED.test(s.replace(SPACES, ""))) return null;
      integer = parts.join("");
    } else {
      // One mark: the decimal mark (French `43 056,00`, English `43056.00`).
      integer = parts[0];
      fraction = parts[1];
    }
  } else {
    integer = s;
  }
  if (!isGrouped(integer, "")) return null;
  integer = integer.replace(SPACES, "").replace(/['’]/g, "");
  fraction = fraction.replace(SPACES, "");
  if (!/^\d+$/.test(integer || "0") || (fraction !== "" && !/^\d+$/.test(fraction))) return null;
  if (integer === "" && fraction === "") return null;
  const decimal = `${negative ? "-" : ""}${integer || "0"}${fraction ? "." + fraction : ""}`;
  return { decimal, decimals: fraction.length, percent };
}

/** Space- or apostrophe-grouped integers must group by three: `3 750` yes, `12 34` no. */
function isGrouped(integer: string, extraMark: string): boolean {
  const pieces = integer
    .split(extraMark ? new RegExp(`[\\s\\u00a0\\u202f\\u2007\\u2009\\u200a\\u2002\\u2003'’${escapeRe(extraMark)}]+`) : /[\s\u00a0\u202f\u2007\u2009\u200a\u2002\u2003'’]+/)
    .filter((p) => p !== "");
  if (pieces.length <= 1) return true;
  return pieces.slice(1).every((p) => p.length === 3) && pieces[0].length <= 3;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The shortest exact decimal form of a JavaScript number (`0.1` → "0.1", `1e21` → "1000000000000000000000"). */
export function numberToDecimal(v: number): string {
  const s = String(v);
  if (!/e/i.test(s)) return s;
  const [mant, expPart] = s.toLowerCase().split("e");
  const exp = Number(expPart);
  const neg = mant.startsWith("-");
  const [i, f = ""] = (neg ? mant.slice(1) : mant).split(".");
  const digits = i + f;
  const point = i.length + exp;
  let out: string;
  if (point <= 0) out = "0." + "0".repeat(-point) + digits;
  else if (point >= digits.length) out = digits + "0".repeat(point - digits.length);
  else out = digits.slice(0, point) + "." + digits.slice(point);
  return (neg ? "-" : "") + out;
}

/** Number of decimals a number format shows (`0.00%` → 2, `#,##0 €` → 0); null for General. */
export function formatDecimals(numberFormat: string | undefined): number | null {
  if (!numberFormat || /^general$/i.test(numberFormat) || numberFormat === "@") return null;
  const section = stripFormatLiterals(numberFormat.split(";")[0]);
  const m = /\.([0#?]+)/.exec(section);
  return m ? m[1].length : 0;
}

/** True when the number format shows a percentage. */
export function formatIsPercent(numberFormat: string | undefined): boolean {
  return !!numberFormat && stripFormatLiterals(numberFormat.split(";")[0]).includes("%");
}

/**
 * What a number format shows (formatDecimals, formatIsPercent), worked out once per distinct
 * format: every number cell asks, and a workbook has a handful of formats.
 */
function shownFormat(numberFormat: string | undefined): { decimals: number | null; percent: boolean } {
  const key = numberFormat ?? "";
  let known = SHOWN_FORMATS.get(key);
  if (known === undefined) {
    known = { decimals: formatDecimals(numberFormat), percent: formatIsPercent(numberFormat) };
    if (SHOWN_FORMATS.size >= 10_000) SHOWN_FORMATS.clear();
    SHOWN_FORMATS.set(key, known);
  }
  return known;
}

const SHOWN_FORMATS = new Map<string, { decimals: number | null; percent: boolean }>();

/** `formatIsPercent`, worked out once per distinct format (asked for every amount of a column). */
export function formatShowsPercent(numberFormat: string | undefined): boolean {
  return shownFormat(numberFormat).percent;
}

function stripFormatLiterals(section: string): string {
  return section
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "")
    .replace(/_./g, "");
}

/** Decimals of an exact decimal form, trailing zeros included (`"24000.50"` → 2). */
export function decimalsOf(decimal: string): number {
  const at = decimal.indexOf(".");
  return at < 0 ? 0 : decimal.length - at - 1;
}

/** Reads one cell: its value, its number format and (when the host gives it) its value type. */
export function readCell(value: CellValue | null | undefined, numberFormat?: string, valueType?: ValueType): CellReading {
  if (value === null || value === undefined || value === "") return { kind: "empty" };
  if (valueType === "Error" || (typeof value === "string" && valueType === undefined && EXCEL_ERRORS.has(value.trim()))) {
    return { kind: "error", text: String(value) };
  }
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { kind: "error", text: "#NUM!" };
    const decimal = numberToDecimal(value);
    const shown = shownFormat(numberFormat);
    return { kind: "number", value, decimal, shownDecimals: shown.decimals ?? decimalsOf(decimal), fromText: false, percent: shown.percent };
  }
  const text = String(value);
  if (text.trim() === "") return { kind: "empty" };
  const parsed = parseNumberText(text);
  if (!parsed) return { kind: "text", text };
  return {
    kind: "number",
    value: Number(parsed.decimal),
    decimal: parsed.decimal,
    shownDecimals: parsed.decimals,
    fromText: true,
    percent: parsed.percent,
  };
}

/**
 * The largest number of cents integer arithmetic holds exactly (2^53 − 1, that is
 * 90 071 992 547 409,91 €). Beyond it, a sum or a difference of cents loses units: such an amount
 * is reported as too large to check (NUM-ILLISIBLE) and left out of every check.
 */
export const MAX_EXACT_CENTS = Number.MAX_SAFE_INTEGER;

/**
 * Cents of a decimal string, rounded half-up (away from zero on the half), and whether they are
 * exact (|cents| ≤ 2^53 − 1). Up to 13 integer digits doubles hold the cents exactly; 14 to 16
 * digits go through a BigInt; beyond, the amount is too large whatever its digits, and a cell of
 * 100 000 digits is not converted to find it out.
 */
function decimalCents(decimal: string): { cents: number; exact: boolean } {
  const neg = decimal.startsWith("-");
  const [rawInteger, f = ""] = (neg ? decimal.slice(1) : decimal).split(".");
  let start = 0;
  while (start < rawInteger.length - 1 && rawInteger[start] === "0") start++;
  const i = rawInteger.slice(start) || "0";
  const padded = (f + "000").slice(0, 3);
  const roundUp = Number(padded[2]) >= 5 ? 1 : 0;
  if (i.length <= 13) {
    const cents = Number(i) * 100 + Number(padded.slice(0, 2)) + roundUp;
    return { cents: neg ? -cents : cents, exact: true };
  }
  if (i.length > 16) return { cents: (neg ? -1 : 1) * Number(i) * 100, exact: false };
  const big = BigInt(i) * 100n + BigInt(padded.slice(0, 2)) + BigInt(roundUp);
  return { cents: Number(neg ? -big : big), exact: big <= BigInt(MAX_EXACT_CENTS) };
}

/**
 * Exact cents of a decimal string, rounded half-up (away from zero on the half, as Excel's ROUND)
 * when it has more than two decimals. Beyond `MAX_EXACT_CENTS` the result is not exact: see
 * `toCents`'s `exact`.
 */
export function decimalToCents(decimal: string): number {
  return decimalCents(decimal).cents;
}

/**
 * Cents of a number reading; `extraDecimals` when it had more than two (NUM-CENTIMES); `exact`
 * false when they exceed what integer arithmetic holds exactly (|cents| > 2^53 − 1).
 */
export function toCents(n: NumberReading): { cents: number; extraDecimals: boolean; exact: boolean } {
  // Most amounts are whole euros well within 13 digits: their cents need no string work.
  if (n.value !== 0 && Number.isInteger(n.value) && Math.abs(n.value) < 1e13 && n.decimal.indexOf(".") < 0) return { cents: n.value * 100, extraDecimals: false, exact: true };
  const at = n.decimal.indexOf(".");
  const fraction = at < 0 ? "" : n.decimal.slice(at + 1).replace(/0+$/, "");
  const { cents, exact } = decimalCents(n.decimal);
  // Floating noise from formulas (24000.000000000004) is not a third decimal anyone typed.
  const extraDecimals = exact && fraction.length > 2 && !isFloatNoise(n.value);
  return { cents, extraDecimals, exact };
}

/**
 * Whether a number format shows a date or a time (`dd/mm/yyyy`, `m/d/yy h:mm`), quoted text,
 * brackets and escapes aside; a number with such a format is a date, never an amount.
 */
export function isDateFormat(numberFormat: string | undefined): boolean {
  if (!numberFormat || /^general$/i.test(numberFormat) || numberFormat === "@") return false;
  // Asked for every amount cell, of a handful of distinct formats: each format read once.
  let known = DATE_FORMATS.get(numberFormat);
  if (known === undefined) {
    const bare = numberFormat.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").replace(/\\./g, "");
    known = /[dmyhs]/i.test(bare.replace(/[eE][+-]/g, "")) && !/[#0?]/.test(bare.replace(/[dmyhs]/gi, ""));
    if (DATE_FORMATS.size >= 10_000) DATE_FORMATS.clear();
    DATE_FORMATS.set(numberFormat, known);
  }
  return known;
}

const DATE_FORMATS = new Map<string, boolean>();

/** An Excel date serial as an ISO date (`45292` → `2024-01-01`); undefined outside Excel's range. */
export function serialToIsoDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return undefined;
  return serialDate(Math.floor(serial)).toISOString().slice(0, 10);
}

/** A double that is within 1e-9 relative of a whole number of cents is formula noise. */
function isFloatNoise(v: number): boolean {
  const c = v * 100;
  return Math.abs(c - Math.round(c)) <= Math.max(1e-6, Math.abs(c) * 1e-12);
}

/** round(numerator ÷ denominator) half-up on the exact fraction, for integers (BigInt inside). */
export function divideHalfUp(numerator: number | bigint, denominator: number | bigint): number {
  let n = BigInt(numerator);
  let d = BigInt(denominator);
  if (d === 0n) throw new RangeError("division by zero");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (2n * a + d) / (2n * d);
  return Number(neg ? -q : q);
}
