/**
 * French (and English) formatting of money and percentages, by hand so that every host prints the
 * same characters whatever its ICU, as `Intl.NumberFormat("fr-FR")` writes them: a narrow
 * no-break space (U+202F) between thousands and before `%`, a no-break space (U+00A0) before `€`.
 */
import type { Lang, Quantity } from "./findings";

export const NNBSP = "\u202f";
export const NBSP = "\u00a0";

function group(integer: string, separator: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** What is printed for a figure that is not a finite number: never `NaN` nor `Infinity`. */
const OUT_OF_RANGE: Record<Lang, string> = { fr: "(montant hors limites)", en: "(amount out of range)" };

/**
 * `700000` cents → `7 000,00 €` (fr) or `€7,000.00` (en). Beyond 2^53 cents the units are not
 * exact: the whole euros the number holds are printed, never cents it does not know.
 */
export function formatMoney(cents: number, lang: Lang = "fr", options: { wholeEuros?: boolean } = {}): string {
  if (!Number.isFinite(cents)) return OUT_OF_RANGE[lang];
  const negative = cents < 0;
  const exact = Math.abs(cents) <= Number.MAX_SAFE_INTEGER;
  const big = BigInt(Math.abs(Math.round(cents)));
  const euros = (big / 100n).toString();
  const rest = (big % 100n).toString().padStart(2, "0");
  const showCents = exact && !(options.wholeEuros && rest === "00");
  if (lang === "en") {
    return `${negative ? "-" : ""}€${group(euros, ",")}${showCents ? "." + rest : ""}`;
  }
  return `${negative ? "-" : ""}${group(euros, NNBSP)}${showCents ? "," + rest : ""}${NBSP}€`;
}

/** Rounds half-up to `decimals` and formats: `37.4398…` → `37,44 %`. */
export function formatPercent(points: number, decimals: number, lang: Lang = "fr"): string {
  const d = Math.min(decimals, 10);
  return lang === "en" ? `${formatNumber(points, d, "en")}%` : `${formatNumber(points, d)}${NNBSP}%`;
}

/** A plain figure rounded half-up to `decimals`: `1 234,5` (fr), `1,234.5` (en). */
export function formatNumber(value: number, decimals: number, lang: Lang = "fr"): string {
  if (!Number.isFinite(value)) return OUT_OF_RANGE[lang].replace(lang === "fr" ? "montant" : "amount", lang === "fr" ? "nombre" : "number");
  // toFixed writes 1e21 and beyond as `1e+21`: a power of ten the way people write it.
  if (Math.abs(value) >= 1e21) {
    const [mantissa, exponent] = value.toExponential().split("e");
    return `${lang === "fr" ? mantissa.replace(".", ",") : mantissa} × 10^${Number(exponent)}`;
  }
  const d = Math.max(0, Math.min(decimals, 12));
  const factor = 10 ** d;
  const rounded = Math.round((Math.abs(value) + Number.EPSILON * Math.abs(value)) * factor) / factor;
  const [i, f] = rounded.toFixed(d).split(".");
  const sign = value < 0 && rounded !== 0 ? "-" : "";
  if (lang === "en") return `${sign}${group(i, ",")}${f ? "." + f : ""}`;
  return `${sign}${group(i, NNBSP)}${f ? "," + f : ""}`;
}

export function formatQuantity(q: Quantity, lang: Lang = "fr"): string {
  switch (q.kind) {
    case "money":
      return formatMoney(q.cents, lang);
    case "percent":
      return formatPercent(q.points, q.decimals, lang);
    case "count":
      return lang === "fr" ? group(String(q.value), NNBSP) : group(String(q.value), ",");
    case "number":
      return formatNumber(q.value, q.decimals, lang);
    case "text":
      return q.text;
    case "list":
      return q.items.map((i) => formatQuantity(i, lang)).join(" ; ");
  }
}

/** A quantity as JSON wants it (DOMAIN.md): money in euros, rates as fractions. */
export function quantityToJson(q: Quantity): number | string | (number | string)[] {
  switch (q.kind) {
    case "money":
      return q.cents / 100;
    case "percent":
      return Number((q.points / 100).toPrecision(12));
    case "count":
      return q.value;
    case "number":
      return Number(q.value.toFixed(Math.min(Math.max(q.decimals, 0), 15)));
    case "text":
      return q.text;
    case "list":
      return q.items.map((i) => quantityToJson(i) as number | string);
  }
}

export const money = (cents: number): Quantity => ({ kind: "money", cents });
export const percent = (points: number, decimals: number): Quantity => ({ kind: "percent", points, decimals });
export const text = (t: string): Quantity => ({ kind: "text", text: t });
export const count = (value: number): Quantity => ({ kind: "count", value });
export const figure = (value: number, decimals: number): Quantity => ({ kind: "number", value, decimals });
