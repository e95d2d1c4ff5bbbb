/** Turning a check's messageId and data into the sentence a user reads, in French or English. */
import type { Finding, Lang, Quantity } from "./findings";
import { formatQuantity } from "./format";
import type { Check } from "./checks/types";

/** `{{name}}`, or `{{name:singular|plural}}` to agree a word with a count (French: 0 and 1 are singular). */
const PLACEHOLDER = /\{\{\s*(\w+)\s*(?::([^|}]*)\|([^}]*))?\}\}/g;

/** The placeholders a message text uses. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

function show(value: Quantity | string | number, lang: Lang): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return formatQuantity(value, lang);
}

/** Fills `{{name}}` from the data (and `actual`/`expected`); an unfilled placeholder is a bug. */
export function interpolate(template: string, data: Record<string, Quantity | string | number>, lang: Lang): string {
  return template.replace(PLACEHOLDER, (_, name: string, singular?: string, plural?: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`placeholder {{${name}}} has no value`);
    if (singular === undefined) return show(value, lang);
    const n = typeof value === "number" ? value : typeof value === "object" && value.kind === "count" ? value.value : Number.NaN;
    const one = lang === "fr" ? Math.abs(n) < 2 : n === 1;
    return one ? singular : plural!;
  });
}

/** The finding's message in `lang`, from its check's catalogue. */
export function messageOf(check: Check, finding: Pick<Finding, "messageId" | "data" | "actual" | "expected">, lang: Lang): string {
  const entry = check.messages[finding.messageId];
  if (!entry) throw new Error(`${check.id}: unknown messageId ${finding.messageId}`);
  const data = { ...finding.data };
  if (finding.actual) data.actual = finding.actual;
  if (finding.expected) data.expected = finding.expected;
  return interpolate(entry[lang], data, lang);
}
