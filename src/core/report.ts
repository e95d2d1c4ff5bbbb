/**
 * What the `Contrôle` sheet says, whichever host writes it (Office.js in Excel, ExcelJS for the
 * checked copy): its name, header, one row of text per finding, the total line and the colours.
 * Hosts only lay these out in cells.
 */
import type { Finding, Lang, Severity } from "./findings";
import { formatQuantity } from "./format";

export const REPORT_SHEET = "Contrôle";

/** Column widths in characters: Gravité, Règle, Feuille, Cellule, Constaté, Attendu, Message. */
export const REPORT_COLUMN_WIDTHS: readonly number[] = [15, 14, 28, 10, 18, 18, 90];
/** The cell link is column D (0-based 3), the message column G. */
export const REPORT_LINK_COLUMN = 3;
export const REPORT_MESSAGE_COLUMN = 6;

/** Fill colours (RGB hex) by severity: Excel's "bad", "neutral" and a light blue. */
export const SEVERITY_COLOR: Readonly<Record<Severity, string>> = { error: "FFC7CE", warning: "FFEB9C", info: "DDEBF7" };
export const HEADER_COLOR = "D9D9D9";

const LABELS = {
  fr: {
    headers: ["Gravité", "Règle", "Feuille", "Cellule", "Constaté", "Attendu", "Message"],
    severity: { error: "Erreur", warning: "Avertissement", info: "Information" },
    noFinding: "Aucune anomalie relevée.",
    total: (e: number, w: number, i: number) =>
      `Total : ${plural(e, "erreur", "erreurs", "fr")}, ${plural(w, "avertissement", "avertissements", "fr")}, ${plural(i, "information", "informations", "fr")}.`,
  },
  en: {
    headers: ["Severity", "Rule", "Sheet", "Cell", "Found", "Expected", "Message"],
    severity: { error: "Error", warning: "Warning", info: "Information" },
    noFinding: "No findings.",
    total: (e: number, w: number, i: number) =>
      `Total: ${plural(e, "error", "errors", "en")}, ${plural(w, "warning", "warnings", "en")}, ${plural(i, "information", "information", "en")}.`,
  },
} as const;

/** `3 erreurs`: French puts 0 and 1 in the singular, English only 1. */
export function plural(n: number, one: string, many: string, lang: Lang): string {
  return `${n} ${(lang === "fr" ? n < 2 : n === 1) ? one : many}`;
}

export function reportHeader(lang: Lang): string[] {
  return [...LABELS[lang].headers];
}

export function severityLabel(severity: Severity, lang: Lang): string {
  return LABELS[lang].severity[severity] ?? String(severity);
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * The findings in the order the sheet lists them: errors first, then warnings, then infos, each
 * in workbook order (the engine's), so a reviewer meets what must be fixed before a vote first.
 */
export function reportOrder(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (SEVERITY_RANK[a.f.severity] ?? 3) - (SEVERITY_RANK[b.f.severity] ?? 3) || a.i - b.i)
    .map(({ f }) => f);
}

/** One row of text per finding, in the header's order. */
export function reportRows(findings: readonly Finding[], lang: Lang): string[][] {
  return findings.map((f) => [
    severityLabel(f.severity, lang),
    f.rule,
    f.sheet,
    f.cell.replace(/\$/g, ""),
    f.actual ? formatQuantity(f.actual, lang) : "",
    f.expected ? formatQuantity(f.expected, lang) : "",
    f.message,
  ]);
}

/** The line under the findings: the totals, or that there is nothing to report. */
export function reportSummary(findings: readonly Finding[], lang: Lang): string {
  if (findings.length === 0) return LABELS[lang].noFinding;
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return LABELS[lang].total(count("error"), count("warning"), count("info"));
}

/** Whether a header row is a Pointage report's, in either language. */
export function isReportHeader(row: readonly unknown[] | undefined): boolean {
  if (!row) return false;
  const texts = row.map((v) => String(v ?? "").trim());
  return (["fr", "en"] as const).some((lang) => LABELS[lang].headers.every((h, i) => texts[i] === h));
}
