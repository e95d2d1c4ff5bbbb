/**
 * Reading the cells a total formula adds up: `=SUM(B2:B5)`, `=SOMME(B2:B5;B7)`, `=B2+B3+B4`,
 * `=SUM(B2:B4)+B6`. Anything else (another function, a product) is not a plain sum: null.
 */
import { parseRange, type RangeRef } from "./address";

const REF = String.raw`(?:'(?:[^']|'')+'!|[A-Za-z0-9_.\u00c0-\u024f]+!)?\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?`;
const REF_RE = new RegExp(`^${REF}$`);
const SUM_RE = new RegExp(`^(?:SUM|SOMME|_xlfn\\.SUM)\\((.*)\\)$`, "i");

/** The ranges a plain-sum formula adds, with their sheet when one is named; null when it is not a plain sum. */
export function sumRanges(formula: string): (RangeRef & { sheet?: string })[] | null {
  const body = formula.trim().replace(/^=/, "").replace(/\s+/g, "");
  if (body === "") return null;
  const out: (RangeRef & { sheet?: string })[] = [];
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
