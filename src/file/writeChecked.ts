/**
 * Writes a checked copy of a workbook: each finding's cell filled by severity with a note
 * holding the message(s), and a `Contrôle` sheet listing the findings with links to their
 * cells. Bytes in, new bytes out; the input is never modified.
 */
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { quoteSheet } from "../core/address";
import type { Finding, Lang, Severity } from "../core/findings";
import { isUnusableFileError, UnusableFileError } from "./errors";
import { HEADER_COLOR, REPORT_COLUMN_WIDTHS, REPORT_LINK_COLUMN, REPORT_MESSAGE_COLUMN, REPORT_SHEET, reportHeader, reportOrder, reportRows, reportSummary, SEVERITY_COLOR } from "../core/report";
import { columnLetters, parseAddress } from "./formula";
import { convertToXlsx } from "./readSheetJs";
import { loadWorkbook, realSheetName, restoreNamesInText, restoreNamesInWorkbookXml, toBytes, type LoadedWorkbook } from "./open";
import { findAttribute, removeAttribute, replaceStartTags, setAttribute } from "./xml";

export interface WriteOptions {
  /** Names the file in error messages. */
  fileName?: string;
}

/** Fill colours (ARGB) by severity, the same as the Office.js host's. */
export const SEVERITY_FILL: Readonly<Record<Severity, string>> = {
  error: `FF${SEVERITY_COLOR.error}`,
  warning: `FF${SEVERITY_COLOR.warning}`,
  info: `FF${SEVERITY_COLOR.info}`,
};

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

/** Between a rule and its message in a cell's note. */
const NOTE_SEPARATOR: Record<Lang, string> = { fr: " : ", en: ": " };



/** Excel's limit on a cell's text. */
const MAX_CELL_TEXT = 32767;
/** Ranges larger than this are marked on their top-left cell only. */
const MAX_CELLS_PER_FINDING = 10_000;

/** Text safe for a cell: no characters XML 1.0 forbids (nor lone surrogates), within Excel's length limit. */
function cellText(text: string): string {
  let clean = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        clean += text[i] + text[i + 1];
        i++;
      }
      continue;
    }
    const forbidden = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0xdc00 && code <= 0xdfff) || code === 0xfffe || code === 0xffff;
    if (!forbidden) clean += text[i];
  }
  return clean.length > MAX_CELL_TEXT ? clean.slice(0, MAX_CELL_TEXT - 1) + "…" : clean;
}

/** The worksheets by their real names, exact then case-insensitive (Excel's rule). */
function sheetLookup(loaded: LoadedWorkbook): (name: string) => ExcelJS.Worksheet | undefined {
  const exact = new Map<string, ExcelJS.Worksheet>();
  const folded = new Map<string, ExcelJS.Worksheet>();
  for (const ws of loaded.workbook.worksheets) {
    const name = realSheetName(loaded, ws);
    exact.set(name, ws);
    if (!folded.has(name.toLowerCase())) folded.set(name.toLowerCase(), ws);
  }
  return (name) => exact.get(name) ?? folded.get(name.toLowerCase());
}

/** The cells a finding points at: one cell, or every cell of a (small) range. */
function targetCells(address: string): { row: number; col: number }[] {
  const [first, second] = address.replace(/\$/g, "").split(":");
  const a = parseAddress(first ?? "");
  if (!a) return [];
  const b = second === undefined ? a : parseAddress(second);
  if (!b) return [a];
  const top = Math.min(a.row, b.row);
  const bottom = Math.max(a.row, b.row);
  const left = Math.min(a.col, b.col);
  const right = Math.max(a.col, b.col);
  if ((bottom - top + 1) * (right - left + 1) > MAX_CELLS_PER_FINDING) return [{ row: top, col: left }];
  const cells: { row: number; col: number }[] = [];
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) cells.push({ row: r, col: c });
  return cells;
}

interface Mark {
  worksheet: ExcelJS.Worksheet;
  row: number;
  col: number;
  severity: Severity;
  notes: string[];
}

/** Gathers the findings by cell: the worst severity wins, every message goes in the note. */
function collectMarks(loaded: LoadedWorkbook, findings: readonly Finding[], lang: Lang): Mark[] {
  const lookup = sheetLookup(loaded);
  const marks = new Map<string, Mark>();
  for (const finding of findings) {
    const worksheet = lookup(finding.sheet);
    if (!worksheet) continue;
    const noteLine = `${finding.rule}${NOTE_SEPARATOR[lang]}${finding.message}`;
    targetCells(finding.cell).forEach((target, index) => {
      let { row, col } = target;
      // A cell inside a merged area is shown by the area's top-left cell.
      const cell = worksheet.getCell(row, col);
      if (cell.type === ExcelJS.ValueType.Merge && cell.master) {
        row = Number(cell.master.row);
        col = Number(cell.master.col);
      }
      const key = `${worksheet.id}:${row}:${col}`;
      let mark = marks.get(key);
      if (!mark) {
        mark = { worksheet, row, col, severity: finding.severity, notes: [] };
        marks.set(key, mark);
      } else if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[mark.severity]) {
        mark.severity = finding.severity;
      }
      // The note goes on the first cell of a range only.
      if (index === 0 && !mark.notes.includes(noteLine)) mark.notes.push(noteLine);
    });
  }
  return [...marks.values()];
}

type NoteValue = string | { texts?: { text: string }[] };

/** Adds our lines to the cell's note, keeping any note already there. */
function appendNote(cell: ExcelJS.Cell, lines: string[]): void {
  if (lines.length === 0) return;
  const ours = cellText(lines.join("\n"));
  const existing = cell.note as NoteValue | undefined;
  if (existing === undefined || existing === null || existing === "") {
    cell.note = ours;
  } else if (typeof existing === "string") {
    cell.note = `${existing}\n\n${ours}`;
  } else if (Array.isArray(existing.texts)) {
    cell.note = { ...existing, texts: [...existing.texts, { text: `\n\n${ours}` }] } as ExcelJS.Comment;
  } else {
    cell.note = ours;
  }
}

/** Fills a cell without touching the style object ExcelJS shares between cells of one style. */
function fillCell(cell: ExcelJS.Cell, argb: string): void {
  cell.style = {
    ...cell.style,
    fill: { type: "pattern", pattern: "solid", fgColor: { argb } },
  };
}

/** A sheet name not used yet: `Contrôle`, then `Contrôle (2)`, … (Excel compares without case). */
function freeSheetName(loaded: LoadedWorkbook, base: string): string {
  const taken = new Set<string>();
  for (const ws of loaded.workbook.worksheets) {
    taken.add(ws.name.toLowerCase());
    taken.add(realSheetName(loaded, ws).toLowerCase());
  }
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const name = `${base} (${n})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** Adds the report sheet; returns its name. */
function addReportSheet(loaded: LoadedWorkbook, found: readonly Finding[], lang: Lang): string {
  // Errors first (reportOrder); the autofilter below lets the reader sort or filter further.
  const findings = reportOrder(found);
  const headers = reportHeader(lang);
  const lookup = sheetLookup(loaded);
  const name = freeSheetName(loaded, REPORT_SHEET);
  const ws = loaded.workbook.addWorksheet(name, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });

  ws.columns = REPORT_COLUMN_WIDTHS.map((width) => ({ width }));
  const header = ws.getRow(1);
  headers.forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${HEADER_COLOR}` } };
    cell.border = { bottom: { style: "thin" } };
  });

  /** A text cell that stays text: `@` format, so Excel never reads `=…` as a formula on edit. */
  const text = (row: ExcelJS.Row, col: number, value: string) => {
    const cell = row.getCell(col);
    cell.value = cellText(value);
    cell.numFmt = "@";
    return cell;
  };

  const rows = reportRows(findings, lang);
  findings.forEach((finding, i) => {
    const row = ws.getRow(i + 2);
    const [severityText, rule, sheet, address, actual, expected, message] = rows[i];
    const severity = text(row, 1, severityText);
    severity.fill = { type: "pattern", pattern: "solid", fgColor: { argb: SEVERITY_FILL[finding.severity] ?? "FFFFFFFF" } };
    text(row, 2, rule);
    text(row, 3, sheet);
    const target = lookup(finding.sheet);
    const cellCell = row.getCell(REPORT_LINK_COLUMN + 1);
    const link = cellText(address);
    if (target && targetCells(link).length > 0) {
      cellCell.value = { text: link, hyperlink: `#${quoteSheet(realSheetName(loaded, target))}!${link}` };
      cellCell.font = { color: { argb: "FF0563C1" }, underline: true };
    } else {
      cellCell.value = link;
    }
    cellCell.numFmt = "@";
    text(row, 5, actual);
    text(row, 6, expected);
    text(row, REPORT_MESSAGE_COLUMN + 1, message).alignment = { wrapText: true, vertical: "top" };
    for (let c = 1; c <= 6; c++) row.getCell(c).alignment = { vertical: "top" };
  });

  const summary = ws.getRow(findings.length + 3).getCell(1);
  summary.value = reportSummary(findings, lang);
  summary.font = { bold: true };

  if (findings.length > 0) ws.autoFilter = `A1:${columnLetters(headers.length)}${findings.length + 1}`;
  return name;
}

/**
 * ExcelJS 4.4 writes a link to `#Sheet!A1` as an external relationship *and* a `location`, which
 * Excel shows as `#Sheet!A1##Sheet!A1`. Rewrites such links, on every sheet, as Excel does:
 * `location` only, no relationship.
 */
async function fixInternalLinks(zip: JSZip): Promise<void> {
  const relsPaths = Object.keys(zip.files).filter((p) => /^xl\/worksheets\/_rels\/[^/]+\.xml\.rels$/.test(p));
  for (const relsPath of relsPaths) {
    const sheetPath = relsPath.replace("/_rels/", "/").replace(/\.rels$/, "");
    const sheetFile = zip.file(sheetPath);
    let relsXml = await zip.file(relsPath)!.async("string");
    if (!sheetFile || !relsXml.includes('Target="#')) continue;
    const internal = new Map<string, string>();
    relsXml = replaceStartTags(relsXml, "Relationship", ({ whole, attributes }) => {
      const target = findAttribute(attributes, "Target")?.value;
      const id = findAttribute(attributes, "Id")?.value;
      const type = findAttribute(attributes, "Type")?.value ?? "";
      if (id && target && target.startsWith("#") && type.endsWith("/hyperlink")) {
        internal.set(id, target.slice(1));
        return "";
      }
      return whole;
    });
    if (internal.size === 0) continue;

    let sheetXml = await sheetFile.async("string");
    sheetXml = replaceStartTags(sheetXml, "hyperlink", ({ whole, tag, attributes, slash }) => {
      const id = findAttribute(attributes, "r:id")?.value;
      const location = id ? internal.get(id) : undefined;
      if (location === undefined) return whole;
      let attrs = removeAttribute(attributes, "r:id");
      attrs = setAttribute(attrs, "location", location);
      return `<${tag}${attrs}${slash}>`;
    });
    zip.file(sheetPath, sheetXml);
    zip.file(relsPath, relsXml);
  }
}

/** Post-processes what ExcelJS wrote: real sheet names back, internal links fixed. */
async function finishZip(bytes: Uint8Array, loaded: LoadedWorkbook): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  if (loaded.renamed.size > 0) {
    const workbookXml = await zip.file("xl/workbook.xml")?.async("string");
    if (workbookXml !== undefined) zip.file("xl/workbook.xml", restoreNamesInWorkbookXml(workbookXml, loaded.renamed));
    const appXml = await zip.file("docProps/app.xml")?.async("string");
    if (appXml !== undefined) zip.file("docProps/app.xml", restoreNamesInText(appXml, loaded.renamed));
  }
  await fixInternalLinks(zip);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/**
 * An .xls, .xlsb or .ods converted to .xlsx by SheetJS and loaded with ExcelJS. An .ods that
 * the hand-written reader reads but SheetJS does not (it wants the manifest and styles.xml
 * LibreOffice always writes) is refused with "no-copy": the report was made, only the copy fails.
 */
async function loadConverted(bytes: Uint8Array, fileName: string, format: string): Promise<LoadedWorkbook> {
  try {
    return await loadWorkbook(await convertToXlsx(bytes, fileName), fileName);
  } catch (error) {
    const refused = isUnusableFileError(error) && (error.code === "password" || error.code === "too-large");
    if (format === "ods" && !refused) throw new UnusableFileError("no-copy", fileName, error);
    throw error;
  }
}

/**
 * A copy of the workbook with the findings marked (fill by severity, note with the messages)
 * and a `Contrôle` sheet listing them (`Contrôle (2)` if the name is taken). An .xls, .xlsb or
 * .ods is first converted to .xlsx (see convertToXlsx): the copy is always an .xlsx. Throws
 * UnusableFileError when the input cannot be read. The input bytes are not modified.
 */
export async function writeCheckedCopy(
  data: Uint8Array | ArrayBuffer,
  findings: Finding[],
  lang: Lang,
  options: WriteOptions = {},
): Promise<Uint8Array> {
  const fileName = options.fileName ?? "classeur.xlsx";
  let loaded: LoadedWorkbook;
  try {
    loaded = await loadWorkbook(data, fileName);
  } catch (error) {
    // ExcelJS writes only .xlsx: other workbooks become one first.
    if (!isUnusableFileError(error) || !["xls", "xlsb", "ods"].includes(error.code)) throw error;
    loaded = await loadConverted(toBytes(data), fileName, error.code);
  }

  for (const mark of collectMarks(loaded, findings, lang)) {
    const cell = mark.worksheet.getCell(mark.row, mark.col);
    fillCell(cell, SEVERITY_FILL[mark.severity]);
    appendNote(cell, mark.notes);
  }
  addReportSheet(loaded, findings, lang);

  let written: Uint8Array;
  try {
    written = toBytes((await loaded.workbook.xlsx.writeBuffer()) as unknown as Uint8Array | ArrayBuffer);
  } catch (error) {
    throw new UnusableFileError("unsupported", fileName, error);
  }
  return finishZip(written, loaded);
}
