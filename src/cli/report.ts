/** The CLI's two outputs: a French (or English) text report, and JSON for other tools. */
import { parseRange } from "../core/address";
import type { CheckResult, TableSummary, UnreadSummary } from "../core/engine";
import type { Finding, Lang, Severity } from "../core/findings";
import { quantityToJson } from "../core/format";
import { plural as pluralOf } from "../core/report";
import type { ColumnRole } from "../core/settings";
import { headerRole } from "../core/tables/headers";

const KIND_NAMES: Record<TableSummary["kind"], Record<Lang, [string, string]>> = {
  imputation: { fr: ["tableau d'imputation", "tableaux d'imputation"], en: ["imputation table", "imputation tables"] },
  depense: { fr: ["tableau de dépenses (article 3)", "tableaux de dépenses (article 3)"], en: ["Article 3 expense table", "Article 3 expense tables"] },
  repartition: { fr: ["répartition budgétaire", "répartitions budgétaires"], en: ["budget breakdown", "budget breakdowns"] },
  convention: { fr: ["termes de convention", "termes de convention"], en: ["convention terms", "convention terms"] },
  liste: { fr: ["liste chiffrée", "listes chiffrées"], en: ["figures table", "figures tables"] },
  budget: { fr: ["budget (charges et produits)", "budgets (charges et produits)"], en: ["budget (expenses and income)", "budgets (expenses and income)"] },
};

const SEVERITY_NAMES: Record<Severity, Record<Lang, [string, string]>> = {
  error: { fr: ["erreur", "erreurs"], en: ["error", "errors"] },
  warning: { fr: ["avertissement", "avertissements"], en: ["warning", "warnings"] },
  info: { fr: ["information", "informations"], en: ["info", "infos"] },
};

const MARKS: Record<Severity, string> = { error: "✖", warning: "⚠", info: "ℹ" };

/** Errors first, then warnings, then infos. */
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** How the text report is printed: which findings are listed (the others are counted), in colour or not. */
export interface TextReportOptions {
  /** The least severe findings listed (default `warning`: infos are counted, not listed). */
  minSeverity?: Severity;
  /** ANSI colours by severity (a terminal only). */
  color?: boolean;
}

/** ANSI colours by severity: errors red, warnings yellow, infos dim. */
const COLORS: Record<Severity, string> = { error: "\u001b[31m", warning: "\u001b[33m", info: "\u001b[2m" };
const RESET = "\u001b[0m";

/** A line in its severity's colour, when colour is on. */
function paint(line: string, severity: Severity, color: boolean | undefined): string {
  return color ? `${COLORS[severity]}${line}${RESET}` : line;
}

/** Findings sorted errors first, then by position (the engine's order, kept by a stable sort). */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

/** The findings a text report lists, and how many of each severity it leaves out. */
function shownAndHidden(findings: readonly Finding[], minSeverity: Severity): { shown: Finding[]; hidden: Record<Severity, number> } {
  const hidden: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const shown: Finding[] = [];
  for (const f of findings) {
    if (SEVERITY_RANK[f.severity] <= SEVERITY_RANK[minSeverity]) shown.push(f);
    else hidden[f.severity]++;
  }
  return { shown, hidden };
}

/** « 17 informations non affichées », « 1 avertissement non affiché », or undefined when nothing was left out. */
function notShown(hidden: Record<Severity, number>, lang: Lang): string | undefined {
  const left = SEVERITIES.filter((s) => hidden[s] > 0);
  if (!left.length) return undefined;
  const counts = left.map((s) => plural(hidden[s], SEVERITY_NAMES[s][lang], lang)).join(", ");
  if (lang === "en") return `${counts} not shown`;
  const total = left.reduce((n, s) => n + hidden[s], 0);
  // « avertissement » is masculine, « information » feminine; a mixed list takes the masculine.
  return `${counts} non affiché${hidden.warning > 0 ? "" : "e"}${total > 1 ? "s" : ""}`;
}

/** « 17 informations non affichées : --min-severity info », or undefined when every finding is listed. */
export function hiddenLine(hidden: Record<Severity, number>, lang: Lang): string | undefined {
  const left = notShown(hidden, lang);
  if (!left) return undefined;
  const option = hidden.info > 0 ? "info" : "warning";
  return `${left}${lang === "fr" ? "\u00a0:" : ":"} --min-severity ${option}`;
}

function plural(n: number, forms: [string, string], lang: Lang): string {
  return pluralOf(n, forms[0], forms[1], lang);
}

/** What a table of each kind had checked, said when it has nothing to report. */
const CHECKED: Record<TableSummary["kind"], Record<Lang, string>> = {
  imputation: { fr: "soldes et crédits contrôlés", en: "balances and credits checked" },
  depense: { fr: "dépenses et CP contrôlés", en: "expenses and CP checked" },
  repartition: { fr: "total contrôlé", en: "total checked" },
  convention: { fr: "taux, plafond et subvention due contrôlés", en: "rate, cap and grant due checked" },
  liste: { fr: "totaux et calculs entre colonnes contrôlés", en: "totals and column arithmetic checked" },
  budget: { fr: "groupes de comptes, totaux et équilibre contrôlés", en: "account groups, totals and balance checked" },
};

/** The header a user would map for an unread range, and the role to start from. */
const SUGGESTED_ROLES: readonly ColumnRole[] = ["montant", "cp", "disponible", "proposition", "solde", "depense"];

/** Workbook text as one line of plain text: control characters (terminal escapes) and line breaks become spaces. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").replace(/\s+/g, " ").trim();
}

/** Escapes for the characters a workbook could use to forge the report's layout. */
const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Workbook text shown as it is, on one line: line breaks, tabs, control characters (terminal
 * escapes), Unicode line separators and bidirectional overrides written as visible escapes
 * (`\n`, `\u001b`, `\u202e`), so that a cell or a sheet name can never print a line of its own,
 * such as a forged « Résumé : 0 erreur ».
 */
export function escapeText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function quoted(text: string, lang: Lang): string {
  return lang === "fr" ? `« ${escapeText(text.trim())} »` : `“${escapeText(text.trim())}”`;
}

/** A header as a shell argument in double quotes (`"`, `\\`, `$` and backquotes escaped). */
function shellQuoted(text: string): string {
  return `"${oneLine(text).replace(/["\\$`]/g, "\\$&")}"`;
}

/** Whether two A1 ranges of one sheet overlap. */
function overlaps(a: string, b: string): boolean {
  const ra = parseRange(a);
  const rb = parseRange(b);
  if (!ra || !rb) return false;
  return ra.start.row <= rb.end.row && rb.start.row <= ra.end.row && ra.start.column <= rb.end.column && rb.start.column <= ra.end.column;
}

/** The unread region (reason `nothing-to-check`) that says a found table had nothing to check. */
function idleRegionOf(table: TableSummary, unread: readonly UnreadSummary[]): UnreadSummary | undefined {
  return unread.find((u) => u.reason === "nothing-to-check" && u.sheet === table.sheet && overlaps(u.range, table.range));
}

/** Tables something was checked in: those the engine did not say had nothing to check. */
export function checkedTables(result: Pick<CheckResult, "tables" | "unread">): TableSummary[] {
  return result.tables.filter((t) => !idleRegionOf(t, result.unread));
}

/** The headers seen in an unread range that no role matched (what `--header` should name). */
export function unmatchedHeaders(u: UnreadSummary, headerMap: Record<string, ColumnRole> = {}): string[] {
  return u.headers.filter((h) => oneLine(h) !== "" && headerRole(h, headerMap) === undefined);
}

/** Why a range was not checked, and what to do about it, in one sentence. */
export function unreadText(u: UnreadSummary, lang: Lang, headerMap: Record<string, ColumnRole> = {}): string {
  const seen = u.headers.filter((h) => oneLine(h) !== "");
  const headersSeen = seen.length
    ? lang === "fr"
      ? ` (en-têtes vus : ${seen.map((h) => quoted(h, lang)).join(", ")})`
      : ` (headers seen: ${seen.map((h) => quoted(h, lang)).join(", ")})`
    : "";
  const toMap = unmatchedHeaders(u, headerMap)[0];
  const role = SUGGESTED_ROLES.find((r) => !u.roles.includes(r)) ?? "montant";
  const advice = toMap
    ? lang === "fr"
      ? `. Pour les faire contrôler : --header ${shellQuoted(`${toMap}=${role}`)}`
      : `. To have them checked: --header ${shellQuoted(`${toMap}=${role}`)}`
    : "";
  switch (u.reason) {
    case "no-header":
      if (!seen.length) {
        return lang === "fr"
          ? "des nombres sans ligne d'en-têtes au-dessus. Pour les faire contrôler, ajoutez-en une (par exemple « Libellé | Montant »)"
          : "numbers with no header row above them. To have them checked, add one (for example “Libellé | Montant”)";
      }
      return lang === "fr" ? `des nombres sans en-tête reconnu${headersSeen}${advice}` : `numbers under no header Pointage knows${headersSeen}${advice}`;
    case "partial-header": {
      const roles = u.roles.join(", ");
      return lang === "fr"
        ? `l'en-tête nomme ${roles || "des colonnes"} mais pas assez pour un tableau${headersSeen}${advice}`
        : `the header names ${roles || "some columns"} but not enough for a table${headersSeen}${advice}`;
    }
    case "nothing-to-check":
      return lang === "fr" ? "tableau lu, mais ni total ni calcul entre colonnes à vérifier" : "table read, but no total nor arithmetic between columns to verify";
  }
}

function unreadLine(u: UnreadSummary, lang: Lang, headerMap: Record<string, ColumnRole>): string {
  return `  ⚠ ${lang === "fr" ? "Non contrôlé" : "Not checked"} ${u.range}${lang === "fr" ? "\u00a0:" : ":"} ${unreadText(u, lang, headerMap)}.`;
}

/**
 * The closing line: sheets read, tables checked, ranges left unchecked, then the findings. When
 * nothing was checked at all, it says so instead of « 0 erreur ».
 */
export function summaryLine(result: CheckResult, lang: Lang): string {
  const s = result.summary;
  const checked = checkedTables(result).length;
  const scope = [
    lang === "fr" ? plural(result.sheetsRead, ["feuille lue", "feuilles lues"], lang) : plural(result.sheetsRead, ["sheet read", "sheets read"], lang),
    lang === "fr" ? plural(checked, ["tableau contrôlé", "tableaux contrôlés"], lang) : plural(checked, ["table checked", "tables checked"], lang),
    lang === "fr"
      ? plural(result.unread.length, ["zone chiffrée non contrôlée", "zones chiffrées non contrôlées"], lang)
      : plural(result.unread.length, ["numeric range not checked", "numeric ranges not checked"], lang),
  ].join(", ");
  const nothingChecked = checked === 0 && result.findings.length === 0;
  const counts = nothingChecked
    ? lang === "fr"
      ? "rien n'a été vérifié"
      : "nothing was checked"
    : [
        plural(s.errors, SEVERITY_NAMES.error[lang], lang),
        plural(s.warnings, SEVERITY_NAMES.warning[lang], lang),
        plural(s.infos, SEVERITY_NAMES.info[lang], lang),
      ].join(", ");
  const ignored = result.ignored
    ? lang === "fr"
      ? ` (et ${plural(result.ignored, ["remarque ignorée", "remarques ignorées"], lang)} par réglage)`
      : ` (and ${plural(result.ignored, ["finding", "findings"], lang)} ignored by settings)`
    : "";
  return `${lang === "fr" ? "Résumé\u00a0:" : "Summary:"} ${scope} — ${counts}${ignored}.`;
}

/**
 * The findings the settings (the workbook's `_pointage` sheet) left out, by rule, and how to see
 * them: a reviewer must know what a workbook hides. Undefined when nothing was ignored.
 */
export function ignoredLine(result: Pick<CheckResult, "ignored" | "ignoredByRule">, lang: Lang): string | undefined {
  if (!result.ignored) return undefined;
  const byRule = Object.entries(result.ignoredByRule ?? {})
    .map(([rule, n]) => `${rule} × ${n}`)
    .join(", ");
  return lang === "fr"
    ? `Ignorées par réglage (feuille _pointage)\u00a0: ${plural(result.ignored, ["remarque", "remarques"], lang)}${byRule ? ` — ${byRule}` : ""}. Pour les voir\u00a0: --sans-ignorer.`
    : `Ignored by settings (sheet _pointage): ${plural(result.ignored, ["finding", "findings"], lang)}${byRule ? ` — ${byRule}` : ""}. To see them: --no-ignore.`;
}

function tablesLine(result: CheckResult, lang: Lang): string {
  const { tables, unread } = result;
  if (tables.length === 0 && unread.length > 0) {
    const n = unread.length;
    return lang === "fr"
      ? `Aucun tableau reconnu, mais ${plural(n, ["zone chiffrée n'a pas été contrôlée", "zones chiffrées n'ont pas été contrôlées"], lang)} (détail ci-dessous). Une correspondance d'en-têtes peut être donnée avec --header "Mon en-tête=cp".`
      : `No table found, but ${plural(n, ["numeric range was not checked", "numeric ranges were not checked"], lang)} (see below). A header mapping can be given with --header "My header=cp".`;
  }
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

function findingLines(f: Finding, lang: Lang, color?: boolean): string[] {
  const lines = [paint(`    ${MARKS[f.severity]} ${f.cell.padEnd(6)} ${f.rule.padEnd(18)} ${escapeText(f.message)}`, f.severity, color)];
  const extra: string[] = [];
  if (f.fix) {
    const what = f.fix.formula ?? (typeof f.fix.value === "number" ? String(f.fix.value) : JSON.stringify(f.fix.value));
    extra.push(`${lang === "fr" ? "correction proposée :" : "suggested fix:"} ${escapeText(what)}`);
  }
  if (f.related.length && f.related.length <= 6) extra.push(`${lang === "fr" ? "cellules liées :" : "related cells:"} ${escapeText(f.related.join(", "))}`);
  if (extra.length) lines.push(`      ${" ".repeat(25)}${extra.join(" · ")}`);
  return lines;
}

/** What the report says after a table's name: its findings' absence, or that it had nothing to check. */
function tableState(table: TableSummary, findings: number, hidden: Record<Severity, number>, idle: UnreadSummary | undefined, lang: Lang): string {
  if (idle) return lang === "fr" ? ` — non contrôlé\u00a0: ${unreadText(idle, lang)}` : ` — not checked: ${unreadText(idle, lang)}`;
  if (findings > 0) return "";
  const left = notShown(hidden, lang);
  if (left) return ` — ${left}`;
  let checked = CHECKED[table.kind][lang];
  if (table.kind === "repartition" && table.columns.pourcent) checked = lang === "fr" ? "total et pourcentages contrôlés" : "total and percentages checked";
  return lang === "fr" ? ` — aucune remarque (${checked})` : ` — nothing to report (${checked})`;
}

/** The text report, grouped by sheet and table, ending with a one-line summary. */
export function textReport(fileName: string, result: CheckResult, lang: Lang, options: TextReportOptions = {}): string {
  const minSeverity = options.minSeverity ?? "warning";
  const out: string[] = [`Pointage — ${escapeText(fileName)}`, tablesLine(result, lang), ""];
  const hiddenAll: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  /** The findings listed, errors first, and those left out counted (per table and for the whole report). */
  const listed = (findings: readonly Finding[]) => {
    const { shown, hidden } = shownAndHidden(bySeverity(findings), minSeverity);
    for (const s of SEVERITIES) hiddenAll[s] += hidden[s];
    return { shown, hidden };
  };
  const headerMap = result.settings?.headerMap ?? {};
  const tableById = new Map(result.tables.map((t) => [t.id, t]));
  const sheets = [...new Set([...result.tables.map((t) => t.sheet), ...result.unread.map((u) => u.sheet), ...result.findings.map((f) => f.sheet)])];
  for (const sheet of sheets) {
    const findings = result.findings.filter((f) => f.sheet === sheet);
    const tables = result.tables.filter((t) => t.sheet === sheet);
    const said = new Set<UnreadSummary>();
    out.push(lang === "fr" ? `Feuille « ${escapeText(sheet)} »` : `Sheet “${escapeText(sheet)}”`);
    for (const table of tables) {
      const own = findings.filter((f) => f.table === table.id);
      const idle = idleRegionOf(table, result.unread);
      if (idle) said.add(idle);
      const name = KIND_NAMES[table.kind][lang][0];
      const { shown, hidden } = listed(own);
      out.push(`  ${idle ? "⚠ " : ""}${name[0].toUpperCase()}${name.slice(1)} ${table.range}${tableState(table, shown.length, hidden, idle, lang)}`);
      for (const f of shown) out.push(...findingLines(f, lang, options.color));
    }
    for (const u of result.unread) if (u.sheet === sheet && !said.has(u)) out.push(unreadLine(u, lang, headerMap));
    const loose = findings.filter((f) => !f.table || !tableById.has(f.table) || tableById.get(f.table)!.sheet !== sheet);
    const { shown: looseShown, hidden: looseHidden } = listed(loose);
    if (looseShown.length) out.push(lang === "fr" ? "  Autres remarques" : "  Other findings");
    else if (loose.length) out.push(`${lang === "fr" ? "  Autres remarques" : "  Other findings"} — ${notShown(looseHidden, lang)}`);
    for (const f of looseShown) out.push(...findingLines(f, lang, options.color));
    out.push("");
  }
  for (const failure of result.failures) {
    const message = escapeText(failure.message);
    out.push(lang === "fr" ? `Contrôle ${failure.rule} interrompu : ${message}` : `Check ${failure.rule} stopped: ${message}`);
  }
  const hiddenText = hiddenLine(hiddenAll, lang);
  if (hiddenText) out.push(paint(hiddenText, "info", options.color));
  const ignored = ignoredLine(result, lang);
  if (ignored) out.push(ignored);
  out.push(summaryLine(result, lang));
  return out.join("\n") + "\n";
}

/** The JSON output (DOMAIN.md): amounts in euros, rates as fractions. */
export function jsonReport(fileName: string, result: CheckResult): unknown {
  return {
    file: fileName,
    sheetsRead: result.sheetsRead,
    tables: result.tables,
    unread: result.unread.map((u) => ({ sheet: u.sheet, range: u.range, reason: u.reason, headers: u.headers })),
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
    ignoredByRule: result.ignoredByRule ?? {},
    ...(result.failures.length ? { failures: result.failures } : {}),
  };
}
