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

/** A message text cut into its literal pieces and its placeholders. */
type Piece = string | { name: string; singular?: string; plural?: string };

/**
 * Message texts cut once each: a check's few texts are filled for each of its findings (a
 * thousand wrong Soldes are one text filled a thousand times, not a thousand regular-expression
 * replacements).
 */
const PIECES = new Map<string, readonly Piece[]>();

function piecesOf(template: string): readonly Piece[] {
  let pieces = PIECES.get(template);
  if (pieces) return pieces;
  const out: Piece[] = [];
  let from = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index! > from) out.push(template.slice(from, m.index));
    out.push({ name: m[1], singular: m[2], plural: m[3] });
    from = m.index! + m[0].length;
  }
  if (from < template.length) out.push(template.slice(from));
  if (PIECES.size >= 10_000) PIECES.clear();
  PIECES.set(template, (pieces = out));
  return pieces;
}

/** Fills `{{name}}` from `valueOf` (singular/plural forms by the count); an unfilled placeholder is a bug. */
function fill(template: string, valueOf: (name: string) => Quantity | string | number | undefined, lang: Lang): string {
  let out = "";
  for (const piece of piecesOf(template)) {
    if (typeof piece === "string") {
      out += piece;
      continue;
    }
    const { name, singular, plural } = piece;
    const value = valueOf(name);
    if (value === undefined) throw new Error(`placeholder {{${name}}} has no value`);
    if (singular === undefined) {
      out += show(value, lang);
      continue;
    }
    const n = typeof value === "number" ? value : typeof value === "object" && value.kind === "count" ? value.value : Number.NaN;
    const one = lang === "fr" ? Math.abs(n) < 2 : n === 1;
    out += one ? singular : plural!;
  }
  return out;
}

/** The finding's message in `lang`, from its check's catalogue. */
export function messageOf(check: Check, finding: Pick<Finding, "messageId" | "data" | "actual" | "expected">, lang: Lang): string {
  const entry = check.messages[finding.messageId];
  if (!entry) throw new Error(`${check.id}: unknown messageId ${finding.messageId}`);
  // `actual` and `expected` are placeholders too, over any of the data's own (no copy of the data).
  const { data, actual, expected } = finding;
  return fill(entry[lang], (name) => (name === "actual" && actual) || (name === "expected" && expected) || data[name], lang);
}
