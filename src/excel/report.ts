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
 * one per ~4 MB of rows (one for any usual report), whatever the number of findings.
 */
import type { Finding, Lang } from "../core/findings";
import { localAddress, qualifiedAddress } from "./address";
import { ACCESS_DENIED, errorCode, protectedSheetError } from "./errors";
import {
  HEADER_COLOR,
  REPORT_COLUMN_WIDTHS,
  REPORT_LINK_COLUMN,
  REPORT_MESSAGE_COLUMN,
  REPORT_SHEET,
  isReportHeader,
  reportHeader,
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
  return `=HYPERLINK(${q(`#${qualifiedAddress(sheet, cell)}`)},${q(localAddress(cell))})`;
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

/** Estimated request bytes of one written row (values, formats, fill and link). */
function rowBytes(row: readonly string[], link: string): number {
  let bytes = 400 + link.length * 2;
  for (const cell of row) bytes += cell.length + 8;
  return bytes;
}

export interface ReportOptions {
  lang: Lang;
  /** ExcelApi 1.7: real links through `Range.hyperlink`; otherwise `HYPERLINK` formulas. */
  hyperlinkProperty: boolean;
  /** Request bytes per sync. */
  budgetBytes: number;
}

/** Writes the report; returns the sheet's name and id. */
export async function writeReportIn(
  context: Excel.RequestContext,
  findings: readonly Finding[],
  options: ReportOptions,
): Promise<{ name: string; id: string }> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();

  const candidates = worksheets.items
    .filter((ws) => isReportName(ws.name))
    .map((ws) => {
      const header = ws.getRange("A1:G1");
      header.load("values");
      return { ws, header };
    });
  if (candidates.length > 0) await context.sync();
  const ours = candidates.find((c) => isReportHeader(c.header.values[0]))?.ws;
  const name = ours ? ours.name : freeReportName(new Set(worksheets.items.map((ws) => ws.name.toLowerCase())));

  try {
    let sheet: Excel.Worksheet;
    if (ours) {
      sheet = ours;
      sheet.getRange().clear();
    } else {
      sheet = worksheets.add(name);
    }
    sheet.load("id");

    const header = sheet.getRangeByIndexes(0, 0, 1, REPORT_COLUMNS);
    header.numberFormat = [reportHeader(options.lang).map(() => "@")];
    header.values = [reportHeader(options.lang)];
    header.format.font.bold = true;
    header.format.fill.color = HEADER_FILL;
    COLUMN_WIDTHS.forEach((chars, c) => {
      sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round(chars * POINTS_PER_CHARACTER);
    });

    const rows = reportRows(findings, options.lang);
    let start = 0;
    while (start < rows.length) {
      let end = start;
      let bytes = 0;
      do {
        const f = findings[end];
        bytes += rowBytes(rows[end], qualifiedAddress(f.sheet, f.cell));
        end += 1;
      } while (end < rows.length && bytes < options.budgetBytes);

      const chunk = rows.slice(start, end);
      const body = sheet.getRangeByIndexes(1 + start, 0, chunk.length, REPORT_COLUMNS);
      body.numberFormat = chunk.map((row) =>
        row.map((_, col) => (col === LINK_COLUMN && !options.hyperlinkProperty ? "General" : "@")),
      );
      body.values = chunk;
      body.format.verticalAlignment = "Top";
      sheet.getRangeByIndexes(1 + start, MESSAGE_COLUMN, chunk.length, 1).format.wrapText = true;
      for (let i = start; i < end; i += 1) {
        const f = findings[i];
        sheet.getRangeByIndexes(1 + i, 0, 1, 1).format.fill.color = SEVERITY_FILL[f.severity] ?? "#FFFFFF";
        if (options.hyperlinkProperty) {
          sheet.getRangeByIndexes(1 + i, LINK_COLUMN, 1, 1).hyperlink = {
            documentReference: qualifiedAddress(f.sheet, f.cell),
            textToDisplay: localAddress(f.cell),
          };
        }
      }
      if (!options.hyperlinkProperty) {
        sheet.getRangeByIndexes(1 + start, LINK_COLUMN, chunk.length, 1).formulas = findings
          .slice(start, end)
          .map((f) => [hyperlinkFormula(f.sheet, f.cell)]);
      }
      start = end;
      // One sync per ~4 MB block of report, not per row: Excel on the web refuses larger payloads.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      if (start < rows.length) await context.sync();
    }

    const summary = sheet.getRangeByIndexes(rows.length + 2, 0, 1, 1);
    summary.numberFormat = [["@"]];
    summary.values = [[reportSummary(findings, options.lang)]];
    summary.format.font.bold = true;
    sheet.freezePanes.freezeRows(1);
    sheet.activate();
    await context.sync();
    return { name, id: sheet.id };
  } catch (e) {
    // A protected report sheet, or a protected workbook structure when adding one.
    if (errorCode(e) === ACCESS_DENIED) throw protectedSheetError(options.lang, ours ? name : undefined);
    throw e;
  }
}
