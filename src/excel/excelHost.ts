/**
 * The Office.js `HostApi`: the only code that calls `Excel.run`. Thin: it copies what Excel
 * returns into a snapshot and writes what it is told; it never matches headers, computes or
 * builds finding messages.
 *
 * Requirement sets: ExcelApi 1.9 (the manifest's) covers everything used. Detected at run time
 * for older hosts: 1.9 (`worksheets.onChanged`, `onFormatChanged`, multi-area highlights) and 1.7
 * (`Range.hyperlink`); for newer ones, 1.14 (a changed event's `triggerSource`).
 */
import type { Finding, Fix, Lang } from "../core/findings";
import type { CellValue, ValueType, WorkbookSnapshot } from "../core/model";
import type { RangeData } from "../core/patch";
import type { ChangedRange } from "../core/recheck";
import { SETTINGS_SHEET } from "../core/model";
import type { WorkbookSettings } from "../core/settings";
import type { FixUndo, HostApi, ReadProgress } from "../host/HostApi";
import { localAddress } from "../core/address";
import {
  type ErrorScope,
  ITEM_NOT_FOUND,
  cellEditError,
  errorCode,
  hiddenSheetError,
  isCellEditMode,
  toHostError,
} from "./errors";
import { clearHighlightsIn, highlightIn } from "./highlight";
import { SYNC_BUDGET_BYTES } from "./plan";
import { readWorkbookIn } from "./read";
import { isReportHeader, isReportName, writeReportIn } from "./report";
import { saveSettingsIn } from "./settingsSheet";
import { fillIn } from "./fill";
import type { FillPlan } from "../core/fill/plan";

export interface ExcelHostOptions {
  /** Language of the host's error messages. Default French. */
  lang?: Lang;
  /** `Excel.run`, or a fake in tests. Default: the global `Excel.run`. */
  run?: typeof Excel.run;
  /** `Office.context.requirements.isSetSupported`, or a fake. Default: the global one. */
  isSetSupported?: (name: string, version: string) => boolean;
  /** Wait before the one retry in cell-edit mode. Default 800 ms. */
  retryDelayMs?: number;
  /** Estimated response (or request) bytes per sync. Default 4 MiB, under the web's 5 MB. */
  syncBudgetBytes?: number;
  /**
   * How long after one of Pointage's own writes an event that cannot say who made it (a format
   * event, or any event before ExcelApi 1.14) is still taken for Pointage's. Excel delivers
   * events after the write's sync has answered. Default 1 000 ms.
   */
  ownEventsGraceMs?: number;
  /** The clock for that grace, or a fake. Default `Date.now`. */
  now?: () => number;
}

/** `Excel.EventTriggerSource.thisLocalAddin`, spelled out: tests and older hosts have no enum. */
const THIS_ADDIN = "ThisLocalAddin";

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

/** The global `Excel.run`, looked up only when called (tests have no `Excel`). */
function globalRun<T>(batch: Batch<T>): Promise<T> {
  return Excel.run(batch);
}

/** The global requirement-set check; false outside Office. */
function globalIsSetSupported(name: string, version: string): boolean {
  if (typeof Office === "undefined") return false;
  return Office.context?.requirements?.isSetSupported(name, version) === true;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** What a cell held, as Office.js gave it, in the shape `undoFix` writes back. */
function undoOf(fix: Fix, formula: unknown, value: unknown, numberFormat: unknown): FixUndo {
  const format = typeof numberFormat === "string" ? numberFormat : "General";
  // A formula's text differs from its result; text typed as `=abc` reads the same both ways.
  const isFormula = typeof formula === "string" && formula.startsWith("=") && formula !== value;
  if (isFormula) return { sheet: fix.sheet, cell: fix.cell, formula: formula as string, numberFormat: format };
  const constant = typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : "";
  return { sheet: fix.sheet, cell: fix.cell, value: constant, numberFormat: format };
}

export function createExcelHost(options: ExcelHostOptions = {}): HostApi {
  const lang: Lang = options.lang ?? "fr";
  const run = options.run ?? (globalRun as typeof Excel.run);
  const isSetSupported = options.isSetSupported ?? globalIsSetSupported;
  const retryDelayMs = options.retryDelayMs ?? 800;
  const budgetBytes = options.syncBudgetBytes ?? SYNC_BUDGET_BYTES;
  const graceMs = options.ownEventsGraceMs ?? 1_000;
  const now = options.now ?? Date.now;
  const supports = (version: string): boolean => isSetSupported("ExcelApi", version);

  /** Ids of the adapter's own sheets (`_pointage`, `Contrôle`): their changes are not the user's data. */
  const ownSheetIds = new Set<string>();
  /** Sheet names by id, from the last read: a change event names its sheet by id. */
  const sheetNames = new Map<string, string>();

  /** Pointage's own writing batches running now, and until when their late events are expected. */
  let ownWrites = 0;
  let ownEventsUntil = 0;

  /** True while Pointage writes, and for `graceMs` after: an event then is taken for Pointage's. */
  function duringOwnWrites(): boolean {
    return ownWrites > 0 || now() < ownEventsUntil;
  }

  /** `excel` for a batch that writes into the workbook: its events are not the user's changes. */
  async function writing<T>(scope: ErrorScope, batch: Batch<T>): Promise<T> {
    ownWrites += 1;
    try {
      return await excel(scope, batch);
    } finally {
      ownWrites -= 1;
      ownEventsUntil = now() + graceMs;
    }
  }

  /** One `Excel.run`, retried once in cell-edit mode; every failure becomes a `HostError`. */
  async function excel<T>(scope: ErrorScope, batch: Batch<T>): Promise<T> {
    try {
      return await run(batch);
    } catch (first) {
      if (!isCellEditMode(first)) throw toHostError(first, lang, scope);
    }
    await delay(retryDelayMs);
    try {
      return await run(batch);
    } catch (second) {
      if (isCellEditMode(second)) throw cellEditError(lang);
      throw toHostError(second, lang, scope);
    }
  }

  async function readWorkbook(onProgress?: (p: ReadProgress) => void): Promise<WorkbookSnapshot> {
    const result = await excel({}, (context) => readWorkbookIn(context, { budgetBytes, lang, onProgress, specialCells: supports("1.9") }));
    for (const sheet of result.snapshot.sheets) {
      const ours =
        sheet.name === SETTINGS_SHEET ||
        (isReportName(sheet.name) && sheet.origin.row === 0 && sheet.origin.column === 0 && isReportHeader(sheet.values[0]));
      const id = result.sheetIds.get(sheet.name);
      if (ours && id) ownSheetIds.add(id);
      if (id) sheetNames.set(id, sheet.name);
    }
    return result.snapshot;
  }

  async function selectCell(sheet: string, cell: string): Promise<void> {
    await excel({ sheet, cell }, async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(localAddress(cell)).select();
      try {
        await context.sync();
      } catch (e) {
        // A hidden sheet cannot be activated: say so rather than "Excel refused".
        if (isCellEditMode(e) || errorCode(e) === ITEM_NOT_FOUND) throw e;
        const check = context.workbook.worksheets.getItem(sheet);
        check.load("visibility");
        await context.sync();
        if (check.visibility !== "Visible") throw hiddenSheetError(lang, sheet, localAddress(cell), check.visibility === "VeryHidden" ? "VeryHidden" : "Hidden");
        throw e;
      }
    });
  }

  async function applyFix(fix: Fix): Promise<FixUndo | undefined> {
    if (fix.formula === undefined && fix.value === undefined) return undefined;
    return await writing({ sheet: fix.sheet, cell: fix.cell }, async (context) => {
      const range = context.workbook.worksheets.getItem(fix.sheet).getRange(localAddress(fix.cell));
      // What the cell holds now, read before writing: one more sync buys the undo.
      range.load(["formulas", "values", "numberFormat"]);
      await context.sync();
      const undo = undoOf(fix, range.formulas[0][0], range.values[0][0], range.numberFormat[0][0]);
      if (fix.formula !== undefined) {
        // A cell formatted as text (`@`, as pasted from a PDF) would keep the formula as text.
        if (undo.numberFormat === "@") range.numberFormat = [["General"]];
        range.formulas = [[fix.formula.startsWith("=") ? fix.formula : `=${fix.formula}`]];
      } else if (typeof fix.value === "string") {
        // Any text is written as text: format `@` first, in the same batch, so that `=SOMME(A1)`,
        // `+33`, `@x`, `0012` or `1/2` are stored as typed, never as a formula, number or date.
        range.numberFormat = [["@"]];
        range.values = [[fix.value]];
      } else if (typeof fix.value === "number") {
        range.values = [[fix.value]];
      }
      await context.sync();
      return undo;
    });
  }

  async function undoFix(undo: FixUndo): Promise<void> {
    await writing({ sheet: undo.sheet, cell: undo.cell }, async (context) => {
      const range = context.workbook.worksheets.getItem(undo.sheet).getRange(localAddress(undo.cell));
      if (undo.formula !== undefined) {
        range.numberFormat = [[undo.numberFormat]];
        range.formulas = [[undo.formula]];
      } else if (typeof undo.value === "string") {
        // Text goes back as text (`620,00` pasted from a PDF stays text), then its own format.
        range.numberFormat = [["@"]];
        range.values = [[undo.value]];
        range.numberFormat = [[undo.numberFormat]];
      } else {
        range.numberFormat = [[undo.numberFormat]];
        range.values = [[undo.value ?? ""]];
      }
      await context.sync();
    });
  }

  async function highlight(findings: Finding[]): Promise<void> {
    await writing({}, (context) => highlightIn(context, findings, { lang, multiArea: supports("1.9"), budgetBytes }));
  }

  async function clearHighlights(): Promise<void> {
    await writing({}, (context) => clearHighlightsIn(context, { lang, budgetBytes }));
  }

  async function writeReport(findings: Finding[], reportLang: Lang): Promise<void> {
    const report = await writing({}, (context) =>
      writeReportIn(context, findings, {
        lang: reportLang,
        hyperlinkProperty: supports("1.7"),
        cellProperties: supports("1.9"),
        budgetBytes,
      }),
    );
    ownSheetIds.add(report.id);
  }

  async function saveSettings(settings: WorkbookSettings): Promise<void> {
    const id = await writing({}, (context) => saveSettingsIn(context, settings, lang));
    ownSheetIds.add(id);
  }

  /**
   * Worksheet changes: `workbook.worksheets.onChanged` and `onFormatChanged` (ExcelApi 1.9, also
   * sheets added later: a number format changes what a percentage check reads), else each
   * existing sheet's `onChanged` (1.7). Not reported: changes to `_pointage` and to Pointage's own
   * report sheet, and Pointage's own writes (Excel raises events for them too). A changed event
   * says who made it from ExcelApi 1.14 (`triggerSource`); a format event never does, nor does
   * any event before 1.14: those are ignored while Pointage writes and just after (`graceMs`).
   * Registration is asynchronous; if it fails (no Office, no event support) the callback is
   * simply never called: the pane still has its "Contrôler" button.
   */
  function onWorkbookChanged(callback: (change?: ChangedRange) => void): () => void {
    let active = true;
    /** Whether an event is the user's change to the user's sheets. */
    const isUsers = (event: { worksheetId: string; triggerSource?: string }): boolean => {
      if (!active || ownSheetIds.has(event.worksheetId)) return false;
      // Feature-detected: the property is there from ExcelApi 1.14 on.
      if (typeof event.triggerSource === "string") return event.triggerSource !== THIS_ADDIN;
      return !duringOwnWrites();
    };
    const onChanged = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
      if (!isUsers(event)) return;
      // The range edited, when its sheet was read: the pane re-checks the tables it touches.
      const sheet = sheetNames.get(event.worksheetId);
      callback(sheet !== undefined && event.address ? { sheet, range: localAddress(event.address) } : undefined);
    };
    const onFormatChanged = async (event: Excel.WorksheetFormatChangedEventArgs): Promise<void> => {
      if (isUsers(event)) callback();
    };
    const registered: Promise<OfficeExtension.EventHandlerResult<unknown>[]> = excel(
      {},
      async (context) => {
        const results: OfficeExtension.EventHandlerResult<unknown>[] = [];
        if (supports("1.9")) {
          results.push(context.workbook.worksheets.onChanged.add(onChanged));
          results.push(context.workbook.worksheets.onFormatChanged.add(onFormatChanged));
        } else {
          const worksheets = context.workbook.worksheets;
          worksheets.load("items/name");
          await context.sync();
          for (const ws of worksheets.items) results.push(ws.onChanged.add(onChanged));
        }
        await context.sync();
        return results;
      },
    ).catch(() => []);

    return () => {
      active = false;
      void registered.then(async (results) => {
        if (results.length === 0) return;
        try {
          await run(results[0].context, async (context) => {
            for (const r of results) r.remove();
            await context.sync();
          });
        } catch {
          // The handlers stay registered but `active` is false: they no longer call back.
        }
      });
    };
  }

  /**
   * The changed ranges again, all in one `Excel.run` and one sync whatever the workbook's size: a
   * re-check after a fix or an edit reads a few cells, not the used ranges. The `recalculated`
   * ranges (formulas Excel recalculated elsewhere, see core/dependents.ts) go in the same sync,
   * values only: their formulas and formats did not change.
   */
  async function readRanges(ranges: readonly ChangedRange[], recalculated: readonly ChangedRange[] = []): Promise<RangeData[]> {
    return await excel({}, async (context) => {
      const at = (r: ChangedRange) => context.workbook.worksheets.getItem(r.sheet).getRange(localAddress(r.range));
      const loads = ranges.map((r) => ({ r, range: at(r).load("address,values,formulas,numberFormat,valueTypes") }));
      const values = recalculated.map((r) => ({ r, range: at(r).load("address,values,valueTypes") }));
      await context.sync();
      return [
        ...loads.map(({ r, range }) => ({
          sheet: r.sheet,
          range: localAddress(range.address),
          values: range.values as CellValue[][],
          formulas: range.formulas as CellValue[][],
          numberFormats: range.numberFormat as string[][],
          valueTypes: range.valueTypes as ValueType[][],
        })),
        ...values.map(({ r, range }) => ({
          sheet: r.sheet,
          range: localAddress(range.address),
          values: range.values as CellValue[][],
          valueTypes: range.valueTypes as ValueType[][],
        })),
      ];
    });
  }

  /** Templates (issue 9): the filled sheet is Pointage's write, its events are not the user's. */
  async function applyFillPlan(plan: FillPlan): Promise<{ sheetName: string }> {
    const outcome = await writing({ sheet: plan.template }, (context) => fillIn(context, plan, { lang, budgetBytes }));
    return { sheetName: outcome.sheetName };
  }

  return {
    kind: "excel",
    readRanges,
    readWorkbook,
    selectCell,
    applyFix,
    undoFix,
    highlight,
    clearHighlights,
    writeReport,
    saveSettings,
    onWorkbookChanged,
    applyFillPlan,
  };
}

