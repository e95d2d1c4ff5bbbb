/**
 * What the pane keeps of a check, and the few pure helpers around it. The engine does the work;
 * this only decides which findings the settings hide, so that ignoring or restoring a finding
 * never needs to read the workbook again.
 */
import { qualified } from "../core/address";
import { checkWorkbook, summarize, type CheckResult, type TableSummary, type UnreadSummary } from "../core/engine";
import type { Finding, FindingSummary, Lang } from "../core/findings";
import { SETTINGS_SHEET, type WorkbookSnapshot } from "../core/model";
import { findingKey, type ColumnRole, type WorkbookSettings } from "../core/settings";
import { headerRole } from "../core/tables/headers";
import { recheck, startReview, type ChangedRange, type ReviewState } from "../core/recheck";
import { HostError } from "../host/HostApi";
import type { Strings } from "./strings";

export interface CheckView {
  tables: TableSummary[];
  /** Every finding, none left out: the pane hides the ignored ones itself. */
  findings: Finding[];
  /** Ranges holding numbers that no check covered: shown, never a silent « aucune erreur ». */
  unread: UnreadSummary[];
  /** Sheets read (the settings sheet left out). */
  sheetsRead: number;
  /** Checks that threw on this workbook. */
  failures: CheckResult["failures"];
}

/**
 * Runs the engine on a snapshot with the pane's settings. The settings sheet is left out of the
 * snapshot so that the pane's settings (the ones it last saved) are the only ones applied, and
 * nothing is ignored: `splitIgnored` does that.
 */
export function checkSnapshot(snapshot: WorkbookSnapshot, lang: Lang, settings: WorkbookSettings): CheckView {
  const data: WorkbookSnapshot = { sheets: snapshot.sheets.filter((s) => s.name !== SETTINGS_SHEET) };
  const result = checkWorkbook(data, { lang, settings: { ...settings, ignored: [] } });
  return { tables: result.tables, findings: result.findings, unread: result.unread, sheetsRead: result.sheetsRead, failures: result.failures };
}

/** A check the pane can re-check: its view, and what `recheck` needs. */
export interface PaneReview {
  view: CheckView;
  review: ReviewState;
  /** The snapshot checked (the settings sheet left out), to patch with ranges read again. */
  data: WorkbookSnapshot;
}

function viewOf(result: CheckResult): CheckView {
  return { tables: result.tables, findings: result.findings, unread: result.unread, sheetsRead: result.sheetsRead, failures: result.failures };
}

/** `checkSnapshot`, keeping what a re-check of the tables touched needs. */
export function startPaneReview(snapshot: WorkbookSnapshot, lang: Lang, settings: WorkbookSettings): PaneReview {
  const data: WorkbookSnapshot = { sheets: snapshot.sheets.filter((s) => s.name !== SETTINGS_SHEET) };
  const review = startReview(data, { lang, settings: { ...settings, ignored: [] } });
  return { view: viewOf(review.result), review, data };
}

/** The check after `changed` were edited: `data` is the previous snapshot with those ranges read again. */
export function recheckPane(previous: PaneReview, data: WorkbookSnapshot, changed: readonly ChangedRange[]): PaneReview {
  const review = recheck(data, previous.review, changed);
  return { view: viewOf(review.result), review, data };
}

/**
 * The headers of an unread range that no role matches, by the engine's own reading with the mapping
 * in force: what « Associer les en-têtes » offers to map.
 */
export function unmatchedHeaders(u: UnreadSummary, headerMap: Readonly<Record<string, ColumnRole>>): string[] {
  const seen = u.headers.map((h) => h.trim()).filter((h) => h !== "");
  return seen.filter((h) => headerRole(h, { ...headerMap }) === undefined);
}

/** `Feuil1!B3:F40` for a range, as Excel writes it. */
export function rangeWhere(u: { sheet: string; range: string }): string {
  return qualified(u.sheet, u.range);
}

/** A DOM id for an unread range, stable across renders. */
export function unreadDomId(u: { sheet: string; range: string }, part: string): string {
  const key = `${u.sheet}|${u.range}`;
  return `pointage-unread-${part}-${key.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`)}`;
}

export interface SplitFindings {
  visible: Finding[];
  ignored: Finding[];
  summary: FindingSummary;
}

/** The findings still reported and those the settings ignore. */
export function splitIgnored(findings: readonly Finding[], ignoredKeys: readonly string[]): SplitFindings {
  const keys = new Set(ignoredKeys);
  const visible: Finding[] = [];
  const ignored: Finding[] = [];
  for (const f of findings) (keys.has(findingKey(f)) ? ignored : visible).push(f);
  return { visible, ignored, summary: summarize(visible) };
}

/** `'APES 2023'!G12`, as Excel writes it. */
export function whereOf(f: { sheet: string; cell: string }): string {
  return qualified(f.sheet, f.cell);
}

/** An error as the pane shows it: a host's own message as it is, anything else generically. */
export interface PaneError {
  message: string;
  /** The raw message of an unexpected error, shown under the generic sentence. */
  detail?: string;
}

/** Whether an error is a `HostError`, even from another bundle's copy of the class. */
export function isHostError(e: unknown): e is HostError {
  return e instanceof HostError || (typeof e === "object" && e !== null && (e as { name?: unknown }).name === "HostError");
}

export function toPaneError(e: unknown, strings: Strings): PaneError {
  if (isHostError(e) && e.message) return { message: e.message };
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { message: strings.genericError, detail };
}

/** Percent (0–100, rounded down) of a read, or undefined while the total is unknown. */
export function percentOf(progress: { done: number; total: number } | undefined): number | undefined {
  if (!progress || !(progress.total > 0)) return undefined;
  return Math.max(0, Math.min(100, Math.floor((progress.done / progress.total) * 100)));
}

/** A DOM id made from a finding's key (rule, sheet, cell), stable across renders. */
export function findingDomId(f: { rule: string; sheet: string; cell: string }, part: string): string {
  const key = `${f.rule}|${f.sheet}|${f.cell}`;
  return `pointage-${part}-${key.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`)}`;
}
