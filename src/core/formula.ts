/**
 * Reading the cells a total formula adds up: `=SUM(B2:B5)`, `=SOMME(B2:B5;B7)`, `=B2+B3+B4`,
 * `=SUM(B2:B4)+B6`, and a SUM wherever it sits in the formula (`=ROUND(SUM(B2:B5),2)`,
 * `=SUM(B2:B5)/2`). A formula with no sum in it (`=B7/B3`, `=IF(B7<>0,E7/B7,0)`) is not a total: null.
 */
import { parseRange, type RangeRef } from "./address";

const REF = String.raw`(?:'(?:[^']|'')+'!|[A-Za-z0-9_.\u00c0-\u024f]+!)?\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?`;
const REF_RE = new RegExp(`^${REF}$`);
const SUM_RE = new RegExp(`^(?:SUM|SOMME|_xlfn\\.SUM)\\((.*)\\)$`, "i");

type SheetRange = RangeRef & { sheet?: string };

/**
 * The ranges a total formula adds, with their sheet when one is named: those of a plain sum
 * (`=SUM(B2:B5)+B6`), else those of every SUM call anywhere in it; null when it adds nothing up
 * or a SUM holds something other than references.
 */
export function sumRanges(formula: string): SheetRange[] | null {
  const body = formula.trim().replace(/^=/, "").replace(/\s+/g, "");
  if (body === "") return null;
  return plainSum(body) ?? sumCalls(body);
}

/** The references of a formula that is only a sum: `SUM(…)` and references joined by `+`. */
function plainSum(body: string): SheetRange[] | null {
  const out: SheetRange[] = [];
  for (const term of splitTop(body, "+")) {
    const sum = SUM_RE.exec(term);
    const args = sum ? splitTop(sum[1], ",;") : [term];
    for (const arg of args) {
      if (!REF_RE.test(arg)) return null;
      // A lone term that is a range (`=B2:B5`) is not a sum.
      if (!sum && arg.includes(":")) return null;
      const r = parseRange(arg);
      if (!r) return null;
      out.push(r);
    }
  }
  return out;
}

const SUM_CALL = /(?<![A-Za-z0-9_.])(?:_xlfn\.)?(?:SUM|SOMME)\(/gi;

/** Where each SUM call sits in the formula's body: from its name to its closing parenthesis. */
function sumCallSpans(body: string): { start: number; open: number; close: number }[] | null {
  const spans: { start: number; open: number; close: number }[] = [];
  for (const m of body.matchAll(SUM_CALL)) {
    const open = m.index! + m[0].length;
    const close = closingParen(body, open);
    if (close < 0) return null;
    spans.push({ start: m.index!, open, close });
  }
  return spans;
}

/**
 * The ranges of every SUM call inside a larger formula (`ROUND(SUM(B2:B5),2)`), all together;
 * null when there is none or one holds something other than references.
 */
function sumCalls(body: string): SheetRange[] | null {
  const spans = sumCallSpans(body);
  if (!spans || spans.length === 0) return null;
  const out: SheetRange[] = [];
  for (const { open, close } of spans) {
    const ranges = plainSum(`SUM(${body.slice(open, close)})`);
    if (!ranges) return null;
    out.push(...ranges);
  }
  return out;
}

/**
 * The formula to propose once the right sum (`=SUM(B2:B6)`) is known: that sum when the formula
 * is a plain sum; the formula with its one SUM call replaced when the sum sits inside it
 * (`=ROUND(SUM(B2:B5),2)` → `=ROUND(SUM(B2:B6),2)`); undefined with several calls to choose from.
 */
export function withRightSum(formula: string, rightSum: string): string | undefined {
  const body = formula.trim().replace(/^=/, "");
  if (plainSum(body.replace(/\s+/g, ""))) return rightSum;
  const spans = sumCallSpans(body);
  if (!spans || spans.length !== 1) return undefined;
  const { start, close } = spans[0];
  return `=${body.slice(0, start)}${rightSum.replace(/^=/, "")}${body.slice(close + 1)}`;
}

/** Index of the parenthesis closing the one opened just before `from`; -1 when unbalanced. */
function closingParen(s: string, from: number): number {
  let depth = 1;
  let quote: string | undefined;
  for (let i = from; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Splits on separators outside parentheses and quotes. */
function splitTop(s: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (depth === 0 && separators.includes(ch)) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}
