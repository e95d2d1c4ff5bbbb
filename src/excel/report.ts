/**
 * The `Contrôle` sheet: one row per finding with a link to its cell, then a total line, laid out
 * as the file host's report (src/file/writeChecked.ts). Every text cell is formatted as text (`@`)
 * before the values are written, so a message or a value starting with `=`, `+`, `-` or `@`
 * stays text and never becomes a formula.
 *
 * Only Pointage's own report is replaced: a sheet the user called `Contrôle` (a common French
 * sheet name) is recognised by its header row, and left alone for `Contrôle (2)`.
 *
 * Syncs: the sheet names; the header row of any `Contrôle…` sheet (only if there is one); then
 * one per ~4 MB of rows (one for any usual report, measured in request bytes as Office.js
 * serialises them), whatever the number of findings; one more to take the old report's place.
 */
import type { Finding, Lang } from "../core/findings";
import { localAddress, quotedReference } from "../core/address";
import { ACCESS_DENIED, errorCode, isPayloadTooLarge, protectedSheetError, reportTooLargeError } from "./errors";
import { jsonBytes } from "./plan";
import {
  HEADER_COLOR,
  REPORT_COLUMN_WIDTHS,
  REPORT_LINK_COLUMN,
  REPORT_MESSAGE_COLUMN,
  REPORT_SHEET,
  isReportHeader,
  reportHeader,
  reportOrder,
  reportRows,
  reportSummary,
} from "../core/report";
import { SEVERITY_FILL } from "./highlight";

export { REPORT_SHEET, isReportHeader, reportHeader, reportRows, reportSummary } from "../core/report";

/** Columns A–G. */
export const REPORT_COLUMNS = 7;
const LINK_COLUMN = REPORT_LINK_COLUMN;
const MESSAGE_COLUMN = REPORT_MESSAGE_COLUMN;
const COLUMN_WIDTHS = REPORT_COLUMN_WIDTHS;
/** Office.js wants points, the report's widths are characters. */
const POINTS_PER_CHARACTER = 5.25;
const HEADER_FILL = `#${HEADER_COLOR}`;

/** `=HYPERLINK("#'Rapport'!G4","G4")`, every `"` doubled inside the string literals. */
export function hyperlinkFormula(sheet: string, cell: string): string {
  const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  return `=HYPERLINK(${q(`#${quotedReference(sheet, cell)}`)},${q(localAddress(cell))})`;
}

/** `Contrôle`, `Contrôle (2)`…: the names a report may have (Excel compares names without case). */
export function isReportName(name: string): boolean {
  return /^contrôle( \(\d+\))?$/i.test(name);
}

/** `Contrôle`, or the first `Contrôle (n)` not taken. */
function freeReportName(taken: ReadonlySet<string>): string {
  if (!taken.has(REPORT_SHEET.toLowerCase())) return REPORT_SHEET;
  for (let n = 2; ; n += 1) {
    const name = `${REPORT_SHEET} (${n})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/**
 * Request bytes of one report row as Office.js serialises it, measured with its own request
 * builder (test/excel/report-bytes.test.ts): the row's values and number formats in the chunk's
 * arrays, its cell properties (fill and link, ExcelApi 1.9) or, before 1.9, the operations of
 * its own (a fill, a link) with their object paths.
 */
export const ROW_ARRAY_BYTES = 6;
/** One `getRangeByIndexes(…).format.fill.color = …` of its own (before ExcelApi 1.9). */
export const FILL_OPERATION_BYTES = 580;
/** One `getRangeByIndexes(…).hyperlink = …` of its own, besides the link's JSON (1.7–1.8). */
export const LINK_OPERATION_BYTES = 330;
/**
 * A sync's own operations besides its rows: the chunk's ranges, alignment and wrapping, and in
 * the first and last syncs the header, widths, total line and replacement of the old report.
 */
export const CHUNK_BYTES = 7_000;

/** What a report may use from Office.js. */
export interface ReportOptions {
  lang: Lang;
  /** ExcelApi 1.7: real links through `Range.hyperlink`; otherwise `HYPERLINK` formulas. */
  hyperlinkProperty: boolean;
  /** ExcelApi 1.9: fills and links of a whole chunk in one `Range.setCellProperties`. */
  cellProperties: boolean;
  /** Request bytes per sync. */
  budgetBytes: number;
}

/** One row's number formats: text everywhere but a `HYPERLINK` formula's cell. */
function rowFormats(options: ReportOptions): string[] {
  return Array.from({ length: REPORT_COLUMNS }, (_, col) =>
    col === LINK_COLUMN && !options.hyperlinkProperty ? "General" : "@",
  );
}

/** One row's cell properties for `setCellProperties`: the severity fill and the link. */
function rowProperties(f: Finding): Excel.SettableCellProperties[] {
  return Array.from({ length: REPORT_COLUMNS }, (_, col): Excel.SettableCellProperties => {
    if (col === 0) return { format: { fill: { color: SEVERITY_FILL[f.severity] ?? "#FFFFFF" } } };
    if (col === LINK_COLUMN) {
      return { hyperlink: { documentReference: quotedReference(f.sheet, f.cell), textToDisplay: localAddress(f.cell) } };
    }
    return {};
  });
}

/** Estimated request bytes of one written row (see `ROW_ARRAY_BYTES`). */
export function reportRowBytes(row: readonly string[], f: Finding, options: ReportOptions): number {
  let bytes = ROW_ARRAY_BYTES * 2 + jsonBytes(row) + jsonBytes(rowFormats(options));
  if (options.cellProperties) return bytes + ROW_ARRAY_BYTES + jsonBytes(rowProperties(f));
  bytes += FILL_OPERATION_BYTES;
  const link = quotedReference(f.sheet, f.cell);
  if (options.hyperlinkProperty) bytes += LINK_OPERATION_BYTES + jsonBytes(link) + jsonBytes(localAddress(f.cell));
  else bytes += ROW_ARRAY_BYTES + jsonBytes(hyperlinkFormula(f.sheet, f.cell));
  return bytes;
}

/** Rows [start, end) of the report, the largest run from `start` under `budget` (one at least). */
export function chunkEnd(sizes: readonly number[], start: number, budget: number): number {
  if (start >= sizes.length) return start;
  let end = start;
  let bytes = CHUNK_BYTES;
  do {
    bytes += sizes[end];
    end += 1;
  } while (end < sizes.length && bytes + sizes[end] <= budget);
  return end;
}

/** Queues the writing of rows [start, end) (sheet rows 2…): values as text, fills, links. */
export function queueReportRows(
  sheet: Excel.Worksheet,
  findings: readonly Finding[],
  rows: readonly string[][],
  start: number,
  end: number,
  options: ReportOptions,
): void {
  const count = end - start;
  const chunk = rows.slice(start, end);
  const body = sheet.getRangeByIndexes(1 + start, 0, count, REPORT_COLUMNS);
  const formats = rowFormats(options);
  body.numberFormat = chunk.map(() => formats);
  body.values = chunk;
  body.format.verticalAlignment = "Top";
  sheet.getRangeByIndexes(1 + start, MESSAGE_COLUMN, count, 1).format.wrapText = true;
  if (options.cellProperties) {
    body.setCellProperties(findings.slice(start, end).map(rowProperties));
    return;
  }
  for (let i = start; i < end; i += 1) {
    const f = findings[i];
    sheet.getRangeByIndexes(1 + i, 0, 1, 1).format.fill.color = SEVERITY_FILL[f.severity] ?? "#FFFFFF";
    if (options.hyperlinkProperty) {
      sheet.getRangeByIndexes(1 + i, LINK_COLUMN, 1, 1).hyperlink = {
        documentReference: quotedReference(f.sheet, f.cell),
        textToDisplay: localAddress(f.cell),
      };
    }
  }
  if (!options.hyperlinkProperty) {
    sheet.getRangeByIndexes(1 + start, LINK_COLUMN, count, 1).formulas = findings
      .slice(start, end)
      .map((f) => [hyperlinkFormula(f.sheet, f.cell)]);
  }
}

/** The name the report is written under until it is complete (Excel allows 31 characters). */
export function draftName(taken: ReadonlySet<string>): string {
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? `${REPORT_SHEET} (en cours)` : `${REPORT_SHEET} (en cours ${n})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** Payload failures in a row on one chunk (each quartering the budget) before giving up. */
const MAX_PAYLOAD_RETRIES = 5;

/**
 * Writes the report; returns the sheet's name and id.
 *
 * Atomic for the user: the rows go to a new draft sheet, which replaces Pointage's old report
 * (deleted, then the draft renamed) only in the last sync; if any sync fails, the draft is
 * deleted and the old report is left as it was. A chunk Excel refuses as too large is written
 * again in smaller chunks, as reads are.
 */
export async function writeReportIn(
  context: Excel.RequestContext,
  found: readonly Finding[],
  options: ReportOptions,
): Promise<{ name: string; id: string; estimates: number[] }> {
  // Errors first, as the checked copy's sheet lists them.
  const findings = reportOrder(found);
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();

  const candidates = worksheets.items
    .filter((ws) => isReportName(ws.name))
    .map((ws) => {
      const header = ws.getRange("A1:G1");
      header.load("values");
      ws.load("position");
      ws.protection.load("protected");
      return { ws, header };
    });
  if (candidates.length > 0) await context.sync();
  const ours = candidates.find((c) => isReportHeader(c.header.values[0]))?.ws;
  const taken = new Set(worksheets.items.map((ws) => ws.name.toLowerCase()));
  const name = ours ? ours.name : freeReportName(taken);
  // Excel would delete a protected sheet: a report the user protected is kept, and said so.
  if (ours?.protection.protected) throw protectedSheetError(options.lang, name);

  let draft: Excel.Worksheet | undefined;
  try {
    const rows = reportRows(findings, options.lang);
    const sizes = rows.map((row, i) => reportRowBytes(row, findings[i], options));
    let sheet!: Excel.Worksheet;
    /** The first sync's operations: the draft sheet and its header (again if that sync is refused). */
    const begin = (): void => {
      sheet = worksheets.add(draftName(taken));
      draft = sheet;
      sheet.load("id");
      const header = sheet.getRangeByIndexes(0, 0, 1, REPORT_COLUMNS);
      header.numberFormat = [reportHeader(options.lang).map(() => "@")];
      header.values = [reportHeader(options.lang)];
      header.format.font.bold = true;
      header.format.fill.color = HEADER_FILL;
      COLUMN_WIDTHS.forEach((chars, c) => {
        sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round(chars * POINTS_PER_CHARACTER);
      });
    };
    let begun = false;
    /** The last sync's operations: the total line, and the draft taking the old report's place. */
    const finish = (): void => {
      const summary = sheet.getRangeByIndexes(rows.length + 2, 0, 1, 1);
      summary.numberFormat = [["@"]];
      summary.values = [[reportSummary(findings, options.lang)]];
      summary.format.font.bold = true;
      sheet.freezePanes.freezeRows(1);
      if (ours) {
        sheet.position = ours.position;
        ours.delete();
      }
      sheet.name = name;
      sheet.activate();
    };
    let budget = options.budgetBytes;
    let failures = 0;
    let start = 0;
    const estimates: number[] = [];
    for (;;) {
      if (!begun) begin();
      const end = chunkEnd(sizes, start, budget);
      if (end > start) queueReportRows(sheet, findings, rows, start, end, options);
      const last = end === rows.length;
      if (last) finish();
      try {
        // One sync per ~4 MB block of report, not per row: Excel on the web refuses larger payloads.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      } catch (e) {
        if (!isPayloadTooLarge(e) || end - start <= 1 || failures >= MAX_PAYLOAD_RETRIES) throw e;
        failures += 1;
        budget = Math.max(1, Math.floor(budget / 4));
        continue;
      }
      begun = true;
      estimates.push(CHUNK_BYTES + sizes.slice(start, end).reduce((n, b) => n + b, 0));
      failures = 0;
      budget = options.budgetBytes;
      start = end;
      if (last) break;
    }
    draft = undefined;
    return { name, id: sheet.id, estimates };
  } catch (e) {
    // Deleted if it was created (a draft whose creation was refused is not there to delete).
    if (draft) await discard(context, draft);
    // A protected workbook structure when adding the draft or deleting the old report.
    if (errorCode(e) === ACCESS_DENIED) throw protectedSheetError(options.lang, ours ? name : undefined);
    if (isPayloadTooLarge(e)) throw reportTooLargeError(options.lang);
    throw e;
  }
}

/** Deletes a draft report after a failure; a failure to delete it is not the error to show. */
async function discard(context: Excel.RequestContext, draft: Excel.Worksheet): Promise<void> {
  try {
    draft.delete();
    await context.sync();
  } catch {
    // The draft stays, named `Contrôle (en cours)`: the next report will not mistake it for one.
  }
}
