/**
 * Re-checking as the user works (issue 12): after a fix, an undo or an edit, only the sheets the
 * changed ranges touch have their tables found again and their table checks run again; the
 * checks that compare tables across the workbook (XREF-*, IMP-CUMUL, IMP-CHAINE: `scope:
 * "workbook"`) run again over every table, the untouched sheets' tables kept from before. The
 * result is the one `checkWorkbook` gives on the edited snapshot (test/core/recheck.test.ts
 * compares them after each fix of the demo and over random edits).
 *
 * A sheet is the unit: a table's own range moves when rows are added under it, and finding the
 * tables of one sheet is what a host's read of that sheet costs anyway.
 */
import { allChecks } from "./checks";
import type { Check } from "./checks/types";
import { assembleResult, prepareCheck, runChecks, type CheckOptions, type CheckResult } from "./engine";
import type { Finding } from "./findings";
import { SETTINGS_SHEET, type WorkbookSnapshot } from "./model";
import { findTables } from "./tables/find";
import type { FoundTables, Table } from "./tables/types";

/** A range the user (or a fix) changed: the sheet and an A1 address without it. */
export interface ChangedRange {
  sheet: string;
  range: string;
}

/** A check's result kept for the next re-check. Opaque to hosts: they read `result`. */
export interface ReviewState {
  result: CheckResult;
  /** @internal Every finding of each check (ignored ones too), by the index of the check. */
  readonly byCheck: readonly (readonly Finding[])[];
  /** @internal The tables found on each sheet, by sheet index. */
  readonly tablesBySheet: readonly FoundTables[];
  /** @internal The sheets' names, in workbook order. */
  readonly sheetNames: readonly string[];
  readonly options: CheckOptions;
}

/** A full check that keeps what a re-check needs. */
export function startReview(snapshot: WorkbookSnapshot, options: CheckOptions = {}): ReviewState {
  const checks = options.checks ?? allChecks;
  const prepared = prepareCheck(snapshot, options);
  const tablesBySheet = prepared.grids.map((_, i) => findTables(prepared.grids, prepared.settings.headerMap, new Set([i])));
  const tables = mergeTables(tablesBySheet);
  const byCheck = checks.map((check) => runChecks([check], tables, prepared, options.lang ?? "fr"));
  const failures = byCheck.flatMap((r) => r.failures);
  const findings = byCheck.flatMap((r) => r.findings);
  return {
    result: assembleResult(snapshot, prepared, tables, findings, failures, options),
    byCheck: byCheck.map((r) => r.findings),
    tablesBySheet,
    sheetNames: snapshot.sheets.map((s) => s.name),
    options,
  };
}

/**
 * The check of `snapshot`, the previous one's snapshot with `changed` edited. `changed` holds
 * the edited ranges and the formula cells Excel recalculated from them on any sheet
 * (`recalculatedRanges` in dependents.ts, read in the same sync): their sheets' tables are
 * checked again too, so that no XREF-*, IMP-CUMUL or REP-TOTAL over a formula stays stale. Anything a
 * re-check cannot reason about (sheets added, removed or renamed, the settings sheet edited, a
 * check that failed) gives a full check instead: never a stale finding.
 */
export function recheck(snapshot: WorkbookSnapshot, previous: ReviewState, changed: readonly ChangedRange[], options: CheckOptions = previous.options): ReviewState {
  const names = snapshot.sheets.map((s) => s.name);
  const sameSheets = names.length === previous.sheetNames.length && names.every((n, i) => n === previous.sheetNames[i]);
  const touched = new Set<number>();
  for (const c of changed) touched.add(names.indexOf(c.sheet));
  const checks = options.checks ?? allChecks;
  if (
    !sameSheets ||
    touched.has(-1) ||
    changed.some((c) => c.sheet === SETTINGS_SHEET) ||
    options !== previous.options ||
    previous.result.failures.length > 0 ||
    previous.byCheck.length !== checks.length
  ) {
    return startReview(snapshot, options);
  }
  if (touched.size === 0) return previous;

  const prepared = prepareCheck(snapshot, options);
  const fresh = findTables(prepared.grids, prepared.settings.headerMap, touched);
  const tablesBySheet = previous.tablesBySheet.map((kept, i) => (touched.has(i) ? onSheet(fresh, i, names[i]) : kept));
  const tables = mergeTables(tablesBySheet);
  const touchedTables = mergeTables(tablesBySheet.filter((_, i) => touched.has(i)));
  const lang = options.lang ?? "fr";
  const touchedNames = new Set([...touched].map((i) => names[i]));

  const byCheck: Finding[][] = [];
  const failures: CheckResult["failures"] = [];
  checks.forEach((check: Check, k) => {
    if (check.scope === "workbook") {
      const run = runChecks([check], tables, prepared, lang);
      byCheck.push(run.findings);
      failures.push(...run.failures);
      return;
    }
    // A table check reports on its table's sheet: the untouched sheets' findings stand.
    const run = runChecks([check], touchedTables, prepared, lang);
    byCheck.push([...previous.byCheck[k].filter((f) => !touchedNames.has(f.sheet)), ...run.findings]);
    failures.push(...run.failures);
  });
  if (failures.length > 0) return startReview(snapshot, options);
  return {
    result: assembleResult(snapshot, prepared, tables, byCheck.flat(), failures, options),
    byCheck,
    tablesBySheet,
    sheetNames: names,
    options,
  };
}

/** The tables of one sheet, out of a search over several. */
function onSheet(found: FoundTables, sheetIndex: number, name: string): FoundTables {
  const mine = <T extends { sheetIndex?: number; sheet?: string }>(list: readonly T[]) =>
    list.filter((t) => (t.sheetIndex !== undefined ? t.sheetIndex === sheetIndex : t.sheet === name));
  return {
    imputation: mine(found.imputation),
    depense: mine(found.depense),
    repartition: mine(found.repartition),
    convention: mine(found.convention),
    budget: mine(found.budget),
    liste: mine(found.liste),
    unread: mine(found.unread),
    all: mine(found.all as (Table & { sheetIndex?: number })[]),
    ratios: mine(found.ratios as ((typeof found.ratios)[number] & { sheetIndex?: number; sheet?: string })[]),
  };
}

/** Sheets' tables in workbook order: what one search over the whole workbook gives. */
function mergeTables(sheets: readonly FoundTables[]): FoundTables {
  return {
    imputation: sheets.flatMap((s) => s.imputation),
    depense: sheets.flatMap((s) => s.depense),
    repartition: sheets.flatMap((s) => s.repartition),
    convention: sheets.flatMap((s) => s.convention),
    liste: sheets.flatMap((s) => s.liste),
    budget: sheets.flatMap((s) => s.budget),
    unread: sheets.flatMap((s) => s.unread),
    all: sheets.flatMap((s) => s.all),
    ratios: sheets.flatMap((s) => s.ratios),
  };
}
