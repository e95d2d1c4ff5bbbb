/**
 * Highlights as conditional formats, so that the cells' own formats are never touched and
 * clearing restores them exactly.
 *
 * How Pointage recognises its own marks: every mark is a `Custom` conditional format whose rule
 * is `=ISTEXT("Pointage:mark")` (always TRUE, so the fill always shows). `ConditionalFormat.id`
 * is documented as "the priority of the conditional format in the current collection": it moves
 * whenever a format is added (added formats go to the top) or deleted, so stored ids would point
 * at the user's own formats after a while. The rule formula stays with the format wherever it is
 * copied, needs no state in `_pointage`, and the ExcelJS host can recognise it as well.
 *
 * Clearing never hits the user's rules: a loaded `ConditionalFormat` is addressed by its
 * position in the collection, so the marks are deleted from the last to the first, before any
 * addition (which goes to the top and would shift them all).
 *
 * Fixed syncs whatever the number of cells: (1) the sheets, (2) each sheet's conditional
 * formats (type) and protection, (3) the rule formula of the custom ones, (4) deletions of the
 * old marks and additions of the new ones, split into more syncs only when their request bytes
 * (estimated as Office.js serialises them) would pass the budget. A rule Office.js cannot load (office-js #6827,
 * #6835) costs a few more syncs to isolate it, and is left alone. Marks are grouped per sheet and severity into
 * multi-area ranges (`Worksheet.getRanges`, ExcelApi 1.9), one conditional format per group.
 */
import { SEVERITY_COLOR } from "../core/report";
import type { Finding, Lang, Severity } from "../core/findings";
import { localAddress } from "../core/address";
import { jsonBytes } from "./plan";
import { ACCESS_DENIED, errorCode, isCellEditMode, isPayloadTooLarge, protectedSheetError } from "./errors";

/** The rule formula of Pointage's marks (always TRUE). */
export const MARK_FORMULA = '=ISTEXT("Pointage:mark")';

/** Fill colours by severity (Excel's own "bad", "neutral" and a light blue). */
export const SEVERITY_FILL: Readonly<Record<Severity, string>> = {
  error: `#${SEVERITY_COLOR.error}`,
  warning: `#${SEVERITY_COLOR.warning}`,
  info: `#${SEVERITY_COLOR.info}`,
};

/** Added first to last: each addition goes to the top priority, so errors end on top. */
const ADD_ORDER: readonly Severity[] = ["info", "warning", "error"];

/** A cell or a range in A1 form; anything else is not marked (it would fail the whole batch). */
const A1_RANGE = /^[A-Z]{1,3}[1-9]\d{0,6}(:[A-Z]{1,3}[1-9]\d{0,6})?$/i;

/** Longest multi-area address given to one conditional format. */
const MAX_AREAS_ADDRESS = 1000;

/** Whether a custom rule formula is Pointage's mark (Excel may change case or spacing). */
export function isMarkFormula(formula: string | undefined): boolean {
  if (typeof formula !== "string") return false;
  const norm = (s: string): string => s.replace(/^=/, "").replace(/\s+/g, "").toUpperCase();
  return norm(formula) === norm(MARK_FORMULA);
}

/** Cell addresses grouped into comma-separated lists no longer than `max` characters. */
export function groupAddresses(cells: readonly string[], max = MAX_AREAS_ADDRESS): string[] {
  const groups: string[] = [];
  let current = "";
  for (const cell of cells) {
    if (current && current.length + 1 + cell.length > max) {
      groups.push(current);
      current = "";
    }
    current = current ? `${current},${cell}` : cell;
  }
  if (current) groups.push(current);
  return groups;
}

interface SheetMarks {
  sheet: Excel.Worksheet;
  name: string;
  isProtected: boolean;
  /** Pointage's marks, each with its position in the sheet's collection, last first. */
  marks: Array<{ format: Excel.ConditionalFormat; position: number }>;
}

/** Whether a failed sync may be one unloadable rule (office-js #6827, #6835), worth isolating. */
function isRuleLoadFailure(e: unknown): boolean {
  return !isCellEditMode(e) && !isPayloadTooLarge(e) && errorCode(e) !== ACCESS_DENIED;
}

/**
 * Queues `load` for every item and syncs; when Excel refuses, tries each half again, so that an
 * item Office.js cannot load costs only itself (and a few syncs, on that rare path). `first`
 * (loads that never fail) is queued with the first attempt and synced once whatever happens.
 * Returns the items that loaded.
 */
async function syncIsolated<T>(
  context: Excel.RequestContext,
  items: readonly T[],
  load: (item: T) => void,
  first?: () => void,
): Promise<T[]> {
  first?.();
  items.forEach(load);
  if (items.length === 0 && !first) return [];
  try {
    await context.sync();
    return [...items];
  } catch (e) {
    if (!isRuleLoadFailure(e) || items.length === 0) throw e;
    if (items.length === 1) {
      if (first) {
        first();
        await context.sync();
      }
      return [];
    }
    const half = Math.ceil(items.length / 2);
    const head = await syncIsolated(context, items.slice(0, half), load, first);
    const tail = await syncIsolated(context, items.slice(half), load);
    return [...head, ...tail];
  }
}

/**
 * Syncs 1–3: every sheet, whether it is protected, and Pointage's marks on it. A sheet whose
 * formats cannot be listed, or a rule whose formula cannot be loaded, is skipped (it is not a
 * mark: Pointage's own rule always loads) rather than failing the whole workbook.
 */
async function scanMarks(context: Excel.RequestContext): Promise<SheetMarks[]> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();

  const sheets = worksheets.items.map((sheet) => ({ sheet, formats: sheet.getRange().conditionalFormats }));
  const listed = await syncIsolated(
    context,
    sheets,
    ({ formats }) => formats.load("items/type"),
    () => sheets.forEach(({ sheet }) => sheet.protection.load("protected")),
  );

  const result = new Map<Excel.Worksheet, SheetMarks>(
    sheets.map(({ sheet }) => [sheet, { sheet, name: sheet.name, isProtected: sheet.protection.protected, marks: [] }]),
  );
  const typed: Array<{ sheet: Excel.Worksheet; format: Excel.ConditionalFormat; position: number }> = [];
  for (const { sheet, formats } of listed) {
    formats.items.forEach((format, position) => typed.push({ sheet, format, position }));
  }
  // A sheet whose list failed: its formats one by one, so that only the unreadable one is lost.
  const unlisted = sheets.filter((s) => !listed.includes(s)).map((s) => ({ ...s, count: s.formats.getCount() }));
  if (unlisted.length > 0) {
    await context.sync();
    const singles = unlisted.flatMap(({ sheet, formats, count }) =>
      Array.from({ length: count.value }, (_, position) => ({ sheet, format: formats.getItemAt(position), position })),
    );
    typed.push(...(await syncIsolated(context, singles, ({ format }) => format.load("type"))));
  }
  const customs = typed.filter(({ format }) => format.type === "Custom");
  const loaded = await syncIsolated(context, customs, ({ format }) => format.custom.rule.load("formula"));
  for (const { sheet, format, position } of loaded) {
    if (isMarkFormula(format.custom.rule.formula)) result.get(sheet)!.marks.push({ format, position });
  }
  // Deleting a loaded format shifts the positions of those after it: delete the last first.
  for (const s of result.values()) s.marks.sort((a, b) => b.position - a.position);
  return [...result.values()];
}

/** Refuses, before any change, when a sheet to be changed is protected. */
function assertUnprotected(sheets: readonly SheetMarks[], lang: Lang): void {
  const locked = sheets.find((s) => s.isProtected);
  if (locked) throw protectedSheetError(lang, locked.name);
}

/**
 * Request bytes of one mark as Office.js serialises it (measured with its own request builder,
 * test/excel/request-bytes.test.ts): the added format's object paths, rule and fill, besides
 * its address; and of one deletion.
 */
export const MARK_BYTES = 1_330;
export const DELETE_BYTES = 300;

/** An operation to queue, with its estimated request bytes. */
interface Operation {
  bytes: number;
  queue(): void;
}

/** Payload failures in a row (each quartering the budget) before giving up. */
const MAX_PAYLOAD_RETRIES = 5;

/**
 * Queues the operations in order, syncing whenever the next one would pass `budgetBytes`; a
 * sync Excel refuses as too large is tried again in smaller syncs (nothing of it was applied).
 * Returns the estimated bytes of each sync.
 */
async function runOperations(
  context: Excel.RequestContext,
  operations: readonly Operation[],
  budgetBytes: number,
): Promise<number[]> {
  const estimates: number[] = [];
  let budget = budgetBytes;
  let failures = 0;
  let start = 0;
  while (start < operations.length) {
    let end = start;
    let bytes = 0;
    do {
      bytes += operations[end].bytes;
      operations[end].queue();
      end += 1;
    } while (end < operations.length && bytes + operations[end].bytes <= budget);
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      if (!isPayloadTooLarge(e) || end - start === 1 || failures >= MAX_PAYLOAD_RETRIES) throw e;
      failures += 1;
      budget = Math.max(1, Math.floor(budget / 4));
      continue;
    }
    estimates.push(bytes);
    failures = 0;
    budget = budgetBytes;
    start = end;
  }
  return estimates;
}

/** The deletion of every mark on these sheets, each sheet's last first. */
function deletions(sheets: readonly SheetMarks[]): Operation[] {
  return sheets.flatMap((s) => s.marks.map(({ format }) => ({ bytes: DELETE_BYTES, queue: () => format.delete() })));
}

export interface ClearOptions {
  lang: Lang;
  /** Request bytes per sync. */
  budgetBytes: number;
}

/** Deletes Pointage's marks; returns the estimated request bytes of each change sync. */
export async function clearHighlightsIn(context: Excel.RequestContext, options: ClearOptions): Promise<number[]> {
  const sheets = await scanMarks(context);
  const marked = sheets.filter((s) => s.marks.length > 0);
  assertUnprotected(marked, options.lang);
  return await runOperations(context, deletions(marked), options.budgetBytes);
}

export interface HighlightOptions extends ClearOptions {
  /** ExcelApi 1.9 (`Worksheet.getRanges`): one format per group of cells, else one per cell. */
  multiArea: boolean;
}

/** Replaces Pointage's marks; returns the estimated request bytes of each change sync. */
export async function highlightIn(
  context: Excel.RequestContext,
  findings: readonly Finding[],
  options: HighlightOptions,
): Promise<number[]> {
  const sheets = await scanMarks(context);
  const byName = new Map(sheets.map((s) => [s.name, s]));

  // Cells by sheet and severity, each once; findings on sheets that no longer exist, or without
  // a usable address, are skipped.
  const targets = new Map<string, Map<Severity, Set<string>>>();
  for (const f of findings) {
    if (!byName.has(f.sheet) || !A1_RANGE.test(localAddress(f.cell))) continue;
    const bySeverity = targets.get(f.sheet) ?? new Map<Severity, Set<string>>();
    const cells = bySeverity.get(f.severity) ?? new Set<string>();
    cells.add(localAddress(f.cell));
    bySeverity.set(f.severity, cells);
    targets.set(f.sheet, bySeverity);
  }

  const touched = sheets.filter((s) => s.marks.length > 0 || targets.has(s.name));
  assertUnprotected(touched, options.lang);

  // Every deletion before any addition: an addition goes to the top and shifts the positions.
  const operations = deletions(touched);
  for (const [name, bySeverity] of targets) {
    const sheet = byName.get(name)!.sheet;
    for (const severity of ADD_ORDER) {
      const cells = [...(bySeverity.get(severity) ?? [])];
      const groups = options.multiArea ? groupAddresses(cells) : cells;
      for (const address of groups) {
        operations.push({
          bytes: MARK_BYTES + jsonBytes(address),
          queue: () => {
            const target = options.multiArea ? sheet.getRanges(address) : sheet.getRange(address);
            const format = target.conditionalFormats.add("Custom");
            format.custom.rule.formula = MARK_FORMULA;
            format.custom.format.fill.color = SEVERITY_FILL[severity];
          },
        });
      }
    }
  }
  return await runOperations(context, operations, options.budgetBytes);
}
