/**
 * The engine: snapshot in, tables and findings out. Pure: no I/O, no clock, no globals; every
 * host (Office.js, the CLI, the browser page) calls `checkWorkbook` on the snapshot it read.
 */
import { allChecks } from "./checks";
import type { Check, CheckReport } from "./checks/types";
import type { Finding, FindingSummary, Lang, Severity } from "./findings";
import { evaluateUncachedFormulas } from "./evaluate";
import { SheetGrid } from "./grid";
import { messageOf } from "./messages";
import { SETTINGS_SHEET, type WorkbookSnapshot } from "./model";
import { columnIndex, columnLetter, qualified, rangeA1 } from "./address";
import { findingKey, readSettings, type ColumnRole, type WorkbookSettings } from "./settings";
import { budgetSides, type BudgetTable } from "./tables/budget";
import { findTables } from "./tables/find";
import type { FoundTables, Table, TableKind, UnreadReason } from "./tables/types";

export interface CheckOptions {
  lang?: Lang;
  /** Overrides of the settings stored in the workbook (`_pointage`). */
  settings?: Partial<WorkbookSettings>;
  /** The checks to run; all of them by default. */
  checks?: readonly Check[];
  /**
   * Check as if nothing were ignored (`--sans-ignorer`): the workbook's own « ignore » rows are
   * not applied, so that a workbook cannot hide its errors from a reviewer.
   */
  noIgnore?: boolean;
}

/** A found table, as hosts and the JSON output show it. */
export interface TableSummary {
  id: string;
  kind: TableKind;
  sheet: string;
  /** A1 range without the sheet, header row included. */
  range: string;
  /** Column letter of each recognised role (`{ cp: "D", solde: "G" }`); convention terms for conventions. */
  columns: Record<string, string>;
  /** Lines, rows or terms read. */
  rows: number;
  listObject?: string;
}

/** A range holding numbers that Pointage did not check, as hosts show it (never a silent skip). */
export interface UnreadSummary {
  sheet: string;
  /** A1 range without the sheet. */
  range: string;
  reason: UnreadReason;
  /** The header cells seen there, as typed: what a header mapping (`--header`, the pane) would name. */
  headers: string[];
  /** The roles some of those headers were understood as. */
  roles: ColumnRole[];
}

export interface CheckResult {
  tables: TableSummary[];
  /** Ranges with numbers that no check covered, in workbook order. */
  unread: UnreadSummary[];
  /** Sheets read (the settings sheet `_pointage` left out). */
  sheetsRead: number;
  findings: Finding[];
  /** Findings the workbook's settings say to ignore (left out of `findings`). */
  ignored: number;
  /** The ignored findings counted by rule id (`{ "IMP-SOLDE": 2 }`), for a reviewer to see what was hidden. */
  ignoredByRule: Record<string, number>;
  summary: FindingSummary;
  /** Checks that failed on this workbook (a bug of Pointage's, said rather than hidden). */
  failures: { rule: string; message: string }[];
  settings: WorkbookSettings;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function checkWorkbook(snapshot: WorkbookSnapshot, options: CheckOptions = {}): CheckResult {
  const prepared = prepareCheck(snapshot, options);
  const tables = findTables(prepared.grids, prepared.settings.headerMap);
  const run = runChecks(options.checks ?? allChecks, tables, prepared, options.lang ?? "fr");
  return assembleResult(snapshot, prepared, tables, run.findings, run.failures, options);
}

/** What every check run needs before the tables are found: the settings in force and the grids. */
export interface PreparedCheck {
  settings: WorkbookSettings;
  grids: SheetGrid[];
}

/** @internal The settings and grids of a snapshot (shared by `checkWorkbook` and `recheck`). */
export function prepareCheck(snapshot: WorkbookSnapshot, options: CheckOptions): PreparedCheck {
  const stored = readSettings(snapshot);
  // Settings given by the host add to those stored in the workbook.
  const settings: WorkbookSettings = {
    prorataRegime: options.settings?.prorataRegime ?? stored.prorataRegime,
    headerMap: { ...stored.headerMap, ...options.settings?.headerMap },
    ignored: [...stored.ignored, ...(options.settings?.ignored ?? [])],
  };
  // Formulas a script wrote with no result are computed when they are arithmetic over cells.
  const evaluated = evaluateUncachedFormulas(snapshot);
  const uncomputed = evaluated.snapshot.sheets.map(() => new Set<string>());
  for (const u of evaluated.uncomputed) uncomputed[u.sheet].add(`${u.i}:${u.j}`);
  const grids = evaluated.snapshot.sheets.map((s, i) => new SheetGrid(s, uncomputed[i]));
  return { settings, grids };
}

/** @internal Runs checks over found tables; every finding is kept, the ignored ones too. */
export function runChecks(checks: readonly Check[], tables: FoundTables, prepared: PreparedCheck, lang: Lang): { findings: Finding[]; failures: CheckResult["failures"] } {
  const findings: Finding[] = [];
  const failures: CheckResult["failures"] = [];
  for (const check of checks) {
    const ctx = {
      tables,
      grids: prepared.grids,
      settings: prepared.settings,
      report: (r: CheckReport) => findings.push(toFinding(check, r, lang)),
    };
    try {
      check.check(ctx);
    } catch (e) {
      failures.push({ rule: check.id, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { findings, failures };
}

/** @internal The result hosts get: ignored findings left out, the rest in workbook order. */
export function assembleResult(
  snapshot: WorkbookSnapshot,
  prepared: PreparedCheck,
  tables: FoundTables,
  findings: readonly Finding[],
  failures: CheckResult["failures"],
  options: CheckOptions,
): CheckResult {
  const { settings, grids } = prepared;
  const sheetOrder = new Map(grids.map((g, i) => [g.name, i]));
  // `noIgnore` leaves the settings as stored (a host that saves them back keeps the list).
  const ignoredKeys = new Set(options.noIgnore ? [] : settings.ignored);
  const kept: Finding[] = [];
  const ignoredByRule: Record<string, number> = {};
  for (const f of findings) {
    if (ignoredKeys.has(findingKey(f))) ignoredByRule[f.rule] = (ignoredByRule[f.rule] ?? 0) + 1;
    else kept.push(f);
  }
  kept.sort(
    (a, b) =>
      (sheetOrder.get(a.sheet) ?? 0) - (sheetOrder.get(b.sheet) ?? 0) ||
      rowOf(a.cell) - rowOf(b.cell) ||
      colOf(a.cell) - colOf(b.cell) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.rule.localeCompare(b.rule),
  );
  return {
    tables: summarizeTables(tables),
    unread: tables.unread.map((u) => ({ sheet: u.sheet, range: rangeA1(u.range), reason: u.reason, headers: u.headers, roles: u.roles })),
    sheetsRead: snapshot.sheets.filter((s) => s.name !== SETTINGS_SHEET).length,
    findings: kept,
    ignored: findings.length - kept.length,
    ignoredByRule: Object.fromEntries(Object.entries(ignoredByRule).sort(([a], [b]) => a.localeCompare(b))),
    summary: summarize(kept),
    failures,
    settings,
  };
}

/** The related cells, each once, without the finding's own cell (terms of one sentence share its cell). */
function relatedCells(r: CheckReport): string[] {
  const related = r.related;
  if (!related || related.length === 0) return [];
  const at = qualified(r.at.sheet, r.at.address);
  // One pass, one Set, in the cells' order: thousands of findings each built four arrays before.
  const out = new Set<string>();
  for (const c of related) {
    if (!c) continue;
    const q = qualified(c.sheet, c.address);
    if (q !== at) out.add(q);
  }
  return [...out];
}

function toFinding(check: Check, r: CheckReport, lang: Lang): Finding {
  const entry = check.messages[r.messageId];
  const finding: Finding = {
    rule: check.id,
    severity: entry?.severity ?? check.severity,
    sheet: r.at.sheet,
    cell: r.at.address,
    related: relatedCells(r),
    actual: r.actual,
    expected: r.expected,
    messageId: r.messageId,
    data: r.data ?? {},
    message: "",
    table: r.table,
  };
  if (r.fix) finding.fix = { sheet: r.at.sheet, cell: r.at.address, ...r.fix };
  finding.message = messageOf(check, finding, lang);
  return finding;
}

/** Re-renders findings' messages in another language (the pane follows Office's language). */
export function localizeFindings(findings: readonly Finding[], lang: Lang, checks: readonly Check[] = allChecks): Finding[] {
  const byId = new Map(checks.map((c) => [c.id, c]));
  return findings.map((f) => {
    const check = byId.get(f.rule);
    return check ? { ...f, message: messageOf(check, f, lang) } : f;
  });
}

export function summarize(findings: readonly Finding[]): FindingSummary {
  return {
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
    infos: findings.filter((f) => f.severity === "info").length,
  };
}

function summarizeTables(tables: FoundTables): TableSummary[] {
  return tables.all.map((t: Table) => {
    const columns: Record<string, string> = {};
    if (t.kind === "budget") {
      for (const side of budgetSides(t)) for (const c of side.columns) columns[`${side.nature ? "nature-" : ""}${side.kind}-${c.role}`] ??= columnLetter(c.column);
    } else if (t.kind === "convention") {
      for (const [key, term] of Object.entries(t.terms)) if (term) columns[key] = term.value.address;
    } else {
      for (const [role, c] of Object.entries(t.columns)) if (c !== undefined) columns[role] = columnLetter(c);
    }
    const rows =
      t.kind === "repartition" || t.kind === "liste" ? t.rows.length : t.kind === "convention" ? Object.keys(t.terms).length : t.kind === "budget" ? budgetLineCount(t) : t.lines.length;
    const summary: TableSummary = { id: t.id, kind: t.kind, sheet: t.sheet, range: rangeA1(t.range), columns, rows };
    if (t.listObject) summary.listObject = t.listObject;
    return summary;
  });
}

/** Lines of a budget's sides, TOTALs included. */
function budgetLineCount(t: BudgetTable): number {
  return budgetSides(t).reduce((n, s) => n + s.lines.length + (s.total ? 1 : 0), 0);
}

function rowOf(cell: string): number {
  return Number(/\d+/.exec(cell)?.[0] ?? 0);
}

function colOf(cell: string): number {
  return columnIndex(/^[A-Z]+/.exec(cell)?.[0] ?? "A");
}
