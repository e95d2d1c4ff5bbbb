/**
 * The placeholder language of templates (README, « Modèles »): `{champ}`, `{liste.champ}`,
 * formatters after `|` with French names (`{proposition|euros}`, `{beneficiaire|majuscules}`),
 * and the block markers `{début lignes}` / `{fin lignes}`. A cell's text is read into literal
 * text and placeholders by a single scan (no regular expression over workbook text).
 */
import { formatNumber, NBSP, NNBSP } from "../format";
import { montantEnLettres, nombreEnLettres } from "../lettres";
import { serialDate } from "../address";

/** A field's value. Money in integer cents; a rate as a fraction (0.3744 for 37,44 %). */
export type FieldValue =
  | { kind: "money"; cents: number }
  | { kind: "percent"; fraction: number; decimals?: number }
  | { kind: "number"; value: number; decimals?: number; numberFormat?: string }
  | { kind: "date"; serial: number }
  | { kind: "text"; text: string };

export interface Placeholder {
  /** As typed, braces included. */
  raw: string;
  /** The field's key, folded (`Bénéficiaire` → `beneficiaire`, `coût total` → `cout_total`). */
  key: string;
  /** As typed, without braces or formatters, for messages. */
  name: string;
  formatters: string[];
}

export type Segment = { text: string } | { placeholder: Placeholder };

export const FORMATTERS = ["euros", "montant", "entier", "pct", "date", "lettres", "majuscules"] as const;
export type Formatter = (typeof FORMATTERS)[number];

/** Folds a field or formatter name: accents, case, spaces and hyphens (`Coût total` → `cout_total`). */
export function fieldKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim()
    .replace(/[\s'’-]+/g, "_");
}

/** The text and placeholders of a cell's text; a `{` with no closing `}` is text. */
export function parseCellText(text: string): Segment[] {
  const out: Segment[] = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{", i);
    if (open < 0) break;
    const close = text.indexOf("}", open + 1);
    const nested = text.indexOf("{", open + 1);
    if (close < 0) break;
    if (nested >= 0 && nested < close) {
      literal += text.slice(i, nested);
      i = nested;
      continue;
    }
    const inner = text.slice(open + 1, close);
    if (inner.trim() === "") {
      literal += text.slice(i, close + 1);
      i = close + 1;
      continue;
    }
    literal += text.slice(i, open);
    if (literal) out.push({ text: literal });
    literal = "";
    const [name, ...formatters] = inner.split("|");
    out.push({ placeholder: { raw: text.slice(open, close + 1), key: fieldKey(name), name: name.trim(), formatters: formatters.map(fieldKey) } });
    i = close + 1;
  }
  literal += text.slice(i);
  if (literal) out.push({ text: literal });
  return out;
}

/** `{début lignes}` → `{ start: "lignes" }`, `{fin lignes}` → `{ end: "lignes" }`. */
export function blockMarker(text: string): { start?: string; end?: string } | undefined {
  const segments = parseCellText(text.trim());
  if (segments.length !== 1 || !("placeholder" in segments[0])) return undefined;
  const key = segments[0].placeholder.key;
  const m = /^(debut|fin)_(.+)$/.exec(key);
  if (!m) return undefined;
  return m[1] === "debut" ? { start: m[2] } : { end: m[2] };
}

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function group(integer: string, separator: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** `938000` → `9 380 €`, `938050` → `9 380,50 €`: whole euros without cents, as the seeds write them. */
export function eurosText(cents: number, lang: "fr" | "en" = "fr"): string {
  const negative = cents < 0;
  const abs = Math.abs(Math.round(cents));
  const euros = Math.floor(abs / 100).toString();
  const rest = abs % 100;
  const sign = negative ? "-" : "";
  if (lang === "en") return `${sign}€${group(euros, ",")}${rest ? "." + String(rest).padStart(2, "0") : ""}`;
  return `${sign}${group(euros, NNBSP)}${rest ? "," + String(rest).padStart(2, "0") : ""}${NBSP}€`;
}

function dateText(serial: number, lang: "fr" | "en"): string {
  const d = serialDate(serial);
  const day = d.getUTCDate();
  if (lang === "en") return `${MONTHS_EN[d.getUTCMonth()]} ${day}, ${d.getUTCFullYear()}`;
  return `${day === 1 ? "1er" : day} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function numberOf(v: FieldValue): number | undefined {
  switch (v.kind) {
    case "money":
      return v.cents / 100;
    case "percent":
      return v.fraction;
    case "number":
      return v.value;
    case "date":
      return v.serial;
    default:
      return undefined;
  }
}

/** Why a formatter does not apply to a value (`lettres` of a text). */
export class FormatterMismatch extends Error {}

/** A value as a sentence shows it, after its formatters. */
export function formatText(v: FieldValue, formatters: readonly string[], lang: "fr" | "en" = "fr"): string {
  let text: string | undefined;
  let value = v;
  for (const f of formatters) {
    if (text !== undefined) {
      if (f === "majuscules") text = text.toLocaleUpperCase("fr-FR");
      else throw new FormatterMismatch(f);
      continue;
    }
    const n = numberOf(value);
    switch (f) {
      case "euros":
        if (n === undefined) throw new FormatterMismatch(f);
        text = eurosText(value.kind === "money" ? value.cents : Math.round(n * 100), lang);
        break;
      case "montant":
        if (n === undefined) throw new FormatterMismatch(f);
        text = formatNumber(value.kind === "money" ? value.cents / 100 : n, 2, lang);
        break;
      case "entier":
        if (n === undefined) throw new FormatterMismatch(f);
        text = formatNumber(n, 0, lang);
        break;
      case "pct":
        if (n === undefined) throw new FormatterMismatch(f);
        text = `${formatNumber(n * 100, value.kind === "percent" ? (value.decimals ?? 2) : 2, lang)}${lang === "fr" ? NNBSP : ""}%`;
        break;
      case "date":
        if (value.kind === "text" || n === undefined) throw new FormatterMismatch(f);
        text = dateText(n, lang);
        break;
      case "lettres":
        if (value.kind === "money") text = montantEnLettres(value.cents);
        else if (value.kind === "number" && Number.isInteger(value.value)) text = nombreEnLettres(value.value);
        else throw new FormatterMismatch(f);
        break;
      case "majuscules":
        value = { kind: "text", text: formatText(value, [], lang).toLocaleUpperCase("fr-FR") };
        text = value.text;
        break;
      default:
        throw new FormatterMismatch(f);
    }
  }
  if (text !== undefined) return text;
  switch (value.kind) {
    case "money":
      return eurosText(value.cents, lang);
    case "percent":
      return formatText(value, ["pct"], lang);
    case "number":
      // A bare number as typed (a year: 2023, not 2 023); `entier` or `montant` group thousands.
      return value.decimals !== undefined ? formatNumber(value.value, value.decimals, lang) : String(value.value).replace(".", lang === "fr" ? "," : ".");
    case "date":
      return dateText(value.serial, lang);
    case "text":
      return value.text;
  }
}

/**
 * A cell holding only one placeholder of a number becomes a number with the format that shows it
 * as the formatter would (`#,##0\ "€"` for whole euros): undefined when it must be text (a text
 * value, `lettres`, `majuscules`).
 */
export function numberCell(v: FieldValue, formatters: readonly string[]): { value: number; numberFormat: string } | undefined {
  if (v.kind === "text" || formatters.length > 1) return undefined;
  const f = formatters[0];
  if (f === "lettres" || f === "majuscules") return undefined;
  const n = numberOf(v)!;
  switch (f) {
    case "euros": {
      const cents = v.kind === "money" ? v.cents : Math.round(n * 100);
      return { value: cents / 100, numberFormat: cents % 100 === 0 ? '#,##0\\ "€"' : '#,##0.00\\ "€"' };
    }
    case "montant":
      return { value: v.kind === "money" ? v.cents / 100 : n, numberFormat: "#,##0.00" };
    case "entier":
      return { value: Math.round(n), numberFormat: "#,##0" };
    case "pct":
      return { value: n, numberFormat: "0.00%" };
    case "date":
      return { value: n, numberFormat: "[$-40C]d mmmm yyyy" };
    default:
      break;
  }
  switch (v.kind) {
    case "money":
      return { value: v.cents / 100, numberFormat: "#,##0.00" };
    case "percent":
      return { value: v.fraction, numberFormat: v.decimals === 0 ? "0%" : "0.00%" };
    case "date":
      return { value: v.serial, numberFormat: "dd/mm/yyyy" };
    default:
      return { value: n, numberFormat: v.kind === "number" && v.numberFormat ? v.numberFormat : "General" };
  }
}

/** Levenshtein distance, for « vouliez-vous dire … ? ». */
export function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = prev[j];
      prev[j] = next;
    }
  }
  return prev[b.length];
}

/** The closest name, when close enough to be a typo (at most a third of its letters, 3 at most). */
export function closest(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.min(3, Math.max(1, Math.floor(name.length / 3))) ? best : undefined;
}
