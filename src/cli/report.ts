/** The CLI's two outputs: a French (or English) text report, and JSON for other tools. */
import type { CheckResult, TableSummary } from "../core/engine";
import type { Finding, Lang, Severity } from "../core/findings";
import { quantityToJson } from "../core/format";
import { plural as pluralOf } from "../core/report";

const KIND_NAMES: Record<TableSummary["kind"], Record<Lang, [string, string]>> = {
  imputation: { fr: ["tableau d'imputation", "tableaux d'imputation"], en: ["imputation table", "imputation tables"] },
  depense: { fr: ["tableau de dépenses (article 3)", "tableaux de dépenses (article 3)"], en: ["Article 3 expense table", "Article 3 expense tables"] },
  repartition: { fr: ["répartition budgétaire", "répartitions budgétaires"], en: ["budget breakdown", "budget breakdowns"] },
  convention: { fr: ["termes de convention", "termes de convention"], en: ["convention terms", "convention terms"] },
  liste: { fr: ["liste chiffrée", "listes chiffrées"], en: ["figures table", "figures tables"] },
};

const SEVERITY_NAMES: Record<Severity, Record<Lang, [string, string]>> = {
  error: { fr: ["erreur", "erreurs"], en: ["error", "errors"] },
  warning: { fr: ["avertissement", "avertissements"], en: ["warning", "warnings"] },
  info: { fr: ["information", "informations"], en: ["info", "infos"] },
};

const MARKS: Record<Severity, string> = { error: "✖", warning: "⚠", info: "ℹ" };

function plural(n: number, forms: [string, string], lang: Lang): string {
  return pluralOf(n, forms[0], forms[1], lang);
}

export function summaryLine(result: CheckResult, lang: Lang): string {
  const s = result.summary;
  const parts = [
    plural(s.errors, SEVERITY_NAMES.error[lang], lang),
    plural(s.warnings, SEVERITY_NAMES.warning[lang], lang),
    plural(s.infos, SEVERITY_NAMES.info[lang], lang),
  ].join(", ");
  const ignored = result.ignored ? (lang === "fr" ? ` (${result.ignored} ignorée(s) par réglage)` : ` (${result.ignored} ignored by settings)`) : "";
  return `${lang === "fr" ? "Résumé" : "Summary"} : ${parts}${ignored}.`.replace(" :", lang === "fr" ? "\u00a0:" : ":");
}

function tablesLine(tables: TableSummary[], lang: Lang): string {
  if (tables.length === 0) {
    return lang === "fr"
      ? "Aucun tableau reconnu. Pointage cherche des en-têtes comme « Code Opération | CP | Disponible | Proposition | Solde », « CP € | Dépense € », « Montant | % » avec une ligne TOTAL, ou des termes de convention (« Montant de la subvention », « Coût total prévisionnel »…). Une correspondance d'en-têtes peut être donnée avec --header \"Mon en-tête=cp\"."
      : "No table found. Pointage looks for headers such as “Code Opération | CP | Disponible | Proposition | Solde”, “CP € | Dépense €”, “Montant | %” with a TOTAL row, or convention terms (“Montant de la subvention”, “Coût total prévisionnel”…). A header mapping can be given with --header \"My header=cp\".";
  }
  const counts = new Map<TableSummary["kind"], number>();
  for (const t of tables) counts.set(t.kind, (counts.get(t.kind) ?? 0) + 1);
  const detail = [...counts].map(([kind, n]) => plural(n, KIND_NAMES[kind][lang], lang)).join(", ");
  return `${lang === "fr" ? "Tableaux trouvés" : "Tables found"} : ${tables.length} (${detail})`.replace(" :", lang === "fr" ? "\u00a0:" : ":");
}

function findingLines(f: Finding, lang: Lang): string[] {
  const lines = [`    ${MARKS[f.severity]} ${f.cell.padEnd(6)} ${f.rule.padEnd(18)} ${f.message}`];
  const extra: string[] = [];
  if (f.fix) {
    const what = f.fix.formula ?? (typeof f.fix.value === "number" ? String(f.fix.value) : JSON.stringify(f.fix.value));
    extra.push(`${lang === "fr" ? "correction proposée" : "suggested fix"} : ${what}`);
  }
  if (f.related.length && f.related.length <= 6) extra.push(`${lang === "fr" ? "cellules liées" : "related cells"} : ${f.related.join(", ")}`);
  if (extra.length) lines.push(`      ${" ".repeat(25)}${extra.join(" · ")}`);
  return lines;
}

/** The text report, grouped by sheet and table, ending with a one-line summary. */
export function textReport(fileName: string, result: CheckResult, lang: Lang): string {
  const out: string[] = [`Pointage — ${fileName}`, tablesLine(result.tables, lang), ""];
  const tableById = new Map(result.tables.map((t) => [t.id, t]));
  const sheets = [...new Set([...result.tables.map((t) => t.sheet), ...result.findings.map((f) => f.sheet)])];
  for (const sheet of sheets) {
    const findings = result.findings.filter((f) => f.sheet === sheet);
    const tables = result.tables.filter((t) => t.sheet === sheet);
    out.push(lang === "fr" ? `Feuille « ${sheet} »` : `Sheet “${sheet}”`);
    for (const table of tables) {
      const own = findings.filter((f) => f.table === table.id);
      const name = KIND_NAMES[table.kind][lang][0];
      const state = own.length === 0 ? (lang === "fr" ? " — aucune remarque" : " — nothing to report") : "";
      out.push(`  ${name[0].toUpperCase()}${name.slice(1)} ${table.range}${state}`);
      for (const f of own) out.push(...findingLines(f, lang));
    }
    const loose = findings.filter((f) => !f.table || !tableById.has(f.table) || tableById.get(f.table)!.sheet !== sheet);
    if (loose.length) {
      out.push(lang === "fr" ? "  Autres remarques" : "  Other findings");
      for (const f of loose) out.push(...findingLines(f, lang));
    }
    out.push("");
  }
  for (const failure of result.failures) {
    out.push(lang === "fr" ? `Contrôle ${failure.rule} interrompu : ${failure.message}` : `Check ${failure.rule} stopped: ${failure.message}`);
  }
  out.push(summaryLine(result, lang));
  return out.join("\n") + "\n";
}

/** The JSON output (DOMAIN.md): amounts in euros, rates as fractions. */
export function jsonReport(fileName: string, result: CheckResult): unknown {
  return {
    file: fileName,
    tables: result.tables,
    findings: result.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      sheet: f.sheet,
      cell: f.cell,
      related: f.related,
      ...(f.actual ? { actual: quantityToJson(f.actual) } : {}),
      ...(f.expected ? { expected: quantityToJson(f.expected) } : {}),
      message: f.message,
      ...(f.fix ? { fix: f.fix } : {}),
      messageId: f.messageId,
      ...(f.table ? { table: f.table } : {}),
    })),
    summary: result.summary,
    ignored: result.ignored,
    ...(result.failures.length ? { failures: result.failures } : {}),
  };
}
