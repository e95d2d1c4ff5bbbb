/**
 * One cause, one card (issue 12): the findings a user reviews, grouped so that one mistake shows
 * once. Pure: hosts lay the cards out; they never regroup findings themselves.
 *
 * - findings on the same cell with the same fix are one card listing every rule they break (a
 *   SUM missing a row breaks REP-PLAGE and REP-TOTAL; a hard-typed wrong Solde breaks IMP-SOLDE and
 *   FORMULE-FIGEE: one formula fixes both);
 * - NUM-TEXTE shows once per table, with the columns it was found in;
 * - an XREF finding that compares a TOTAL which REP-TOTAL already reports names that card as its
 *   cause: fixing the TOTAL may resolve it.
 */
import { parseA1, qualified } from "./address";
import type { Finding, Fix, Severity } from "./findings";

export interface FindingCard {
  /** Stable across re-checks while the same findings are there (rules, sheet and cell of the first). */
  key: string;
  /** The most severe of its findings. */
  severity: Severity;
  sheet: string;
  /** The cell the card selects: its first finding's. */
  cell: string;
  /** Its findings, most severe first; the first one's message leads the card. */
  findings: Finding[];
  /** The rule ids it breaks, each once, in the order of `findings`. */
  rules: string[];
  /** The one fix all of them share, when there is one. */
  fix?: Fix;
  /** For a NUM-TEXTE card: the headers of the columns holding numbers stored as text. */
  columns?: string[];
  /** The key of the REP-TOTAL card this XREF card follows from. */
  causeKey?: string;
}

export interface CardOptions {
  /** Sheet names in workbook order; sheets not listed follow in the order findings name them. */
  sheetOrder?: readonly string[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The findings grouped into cards, sorted by severity, then sheet, row and column. */
export function groupFindings(findings: readonly Finding[], options: CardOptions = {}): FindingCard[] {
  const groups: Finding[][] = [];
  const byFix = new Map<string, Finding[]>();
  const textByTable = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.rule === "NUM-TEXTE") {
      const key = f.table ?? qualified(f.sheet, f.cell);
      const group = textByTable.get(key);
      if (group) group.push(f);
      else {
        const fresh = [f];
        textByTable.set(key, fresh);
        groups.push(fresh);
      }
      continue;
    }
    if (f.fix) {
      const key = fixKey(f.fix);
      const group = byFix.get(key);
      if (group) group.push(f);
      else {
        const fresh = [f];
        byFix.set(key, fresh);
        groups.push(fresh);
      }
      continue;
    }
    groups.push([f]);
  }

  const rank = sheetRanks(findings, options.sheetOrder);
  const cards = groups.map((g) => toCard(g, rank));
  // A total REP-TOTAL reports, by its qualified cell: the card an XREF comparing it follows from.
  const totalCards = new Map<string, string>();
  for (const c of cards) for (const f of c.findings) if (f.rule === "REP-TOTAL") totalCards.set(qualified(f.sheet, f.cell), c.key);
  for (const c of cards) {
    if (!c.rules.every((r) => r.startsWith("XREF-"))) continue;
    const cause = c.findings.flatMap((f) => [qualified(f.sheet, f.cell), ...f.related]).find((cell) => totalCards.has(cell));
    if (cause !== undefined && totalCards.get(cause) !== c.key) c.causeKey = totalCards.get(cause);
  }
  return cards.sort((a, b) => compareCards(a, b, rank));
}

/** The same target and the same content: two findings proposing it propose one fix. */
function fixKey(fix: Fix): string {
  return JSON.stringify([fix.sheet, fix.cell, fix.formula ?? null, fix.value ?? null]);
}

function toCard(group: Finding[], rank: (sheet: string) => number): FindingCard {
  const sorted = [...group].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || comparePosition(a, b, rank) || a.rule.localeCompare(b.rule));
  const first = sorted[0];
  const rules = [...new Set(sorted.map((f) => f.rule))];
  const card: FindingCard = {
    key: `${rules.join("+")}|${first.sheet}|${first.cell}`,
    severity: first.severity,
    sheet: first.sheet,
    cell: first.cell,
    findings: sorted,
    rules,
  };
  if (first.fix && sorted.every((f) => f.fix && fixKey(f.fix) === fixKey(first.fix!))) card.fix = first.fix;
  if (first.rule === "NUM-TEXTE") {
    card.columns = [...new Set(sorted.map((f) => f.data.column).filter((c): c is string => typeof c === "string"))];
  }
  return card;
}

function sheetRanks(findings: readonly Finding[], order: readonly string[] = []): (sheet: string) => number {
  const ranks = new Map<string, number>();
  for (const s of order) if (!ranks.has(s)) ranks.set(s, ranks.size);
  for (const f of findings) if (!ranks.has(f.sheet)) ranks.set(f.sheet, ranks.size);
  return (sheet) => ranks.get(sheet) ?? ranks.size;
}

function position(cell: string): { row: number; column: number } {
  const at = parseA1(cell);
  if (at) return at;
  // A range (`B3:F40`): its top-left cell.
  const start = parseA1(cell.split(":")[0]);
  return start ?? { row: 0, column: 0 };
}

function comparePosition(a: { sheet: string; cell: string }, b: { sheet: string; cell: string }, rank: (sheet: string) => number): number {
  const pa = position(a.cell);
  const pb = position(b.cell);
  return rank(a.sheet) - rank(b.sheet) || pa.row - pb.row || pa.column - pb.column;
}

function compareCards(a: FindingCard, b: FindingCard, rank: (sheet: string) => number): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || comparePosition(a, b, rank) || a.key.localeCompare(b.key);
}
