/**
 * Debugging helpers for the corpus: one generated workbook as a text grid (what a developer reads
 * when a case fails) or as a real .xlsx written with ExcelJS (values, formulas with their cached
 * results, number formats, merges, Excel tables with their totals row).
 *
 * From the command line (ts-node is not installed, jest is):
 *   CORPUS_DUMP=012-imp-solde-decale-texte-fine-erreur npx jest test/corpus/dump
 * prints the grid and writes /tmp/<name>.xlsx (CORPUS_DUMP_DIR to write elsewhere).
 */
import * as ExcelJS from "exceljs";
import { a1, type CellValue, type CorpusSheet, type CorpusWorkbook } from "./generator";

/** Shows the invisible: no-break spaces as `⍽`, narrow no-break as `·`, line breaks as `⏎`. */
function visible(v: CellValue): string {
  if (typeof v !== "string") return String(v);
  return v.replace(/\u00a0/g, "⍽").replace(/\u202f/g, "·").replace(/\n/g, "⏎");
}

function cellText(sheet: CorpusSheet, i: number, j: number): string {
  const v = sheet.values[i]?.[j] ?? "";
  if (v === "") return "";
  const f = sheet.formulas[i]?.[j];
  const fmt = sheet.numberFormats[i]?.[j];
  let s = typeof v === "string" ? `"${visible(v)}"` : visible(v);
  if (typeof f === "string" && f.startsWith("=")) s += ` ${f}`;
  if (fmt && fmt !== "General") s += ` [${fmt}]`;
  return s;
}

/** The workbook as text: each sheet's used range with A1 row and column labels. */
export function gridText(wb: CorpusWorkbook): string {
  const out: string[] = [`# ${wb.name}  (${wb.category}, ${wb.mistake}, ${wb.form}, ${wb.clean ? "propre" : "avec erreurs"})`];
  for (const e of wb.expected) out.push(`  attendu : ${e.rule} en ${e.sheet}!${e.cell}`);
  for (const sheet of wb.snapshot.sheets) {
    out.push(`## ${sheet.name}${sheet.merges ? `  fusions: ${sheet.merges.join(" ")}` : ""}${sheet.listObjects ? `  tableaux: ${sheet.listObjects.map((l) => `${l.name}=${l.range}`).join(" ")}` : ""}`);
    const { row: r0, column: c0 } = sheet.origin;
    const width = Math.max(...sheet.values.map((r) => r.length));
    const texts = sheet.values.map((row, i) => Array.from({ length: width }, (_, j) => cellText(sheet, i, j)));
    const widths = Array.from({ length: width }, (_, j) => Math.min(38, Math.max(3, ...texts.map((r) => r[j].length))));
    const clip = (s: string, w: number) => (s.length > w ? s.slice(0, w - 1) + "…" : s.padEnd(w));
    out.push(`     | ${widths.map((w, j) => clip(a1(0, c0 + j).replace(/\d+$/, ""), w)).join(" | ")}`);
    texts.forEach((row, i) => out.push(`${String(r0 + i + 1).padStart(4)} | ${row.map((t, j) => clip(t, widths[j])).join(" | ")}`));
  }
  return out.join("\n");
}

function excelValue(sheet: CorpusSheet, i: number, j: number): ExcelJS.CellValue {
  const v = sheet.values[i]?.[j] ?? "";
  const f = sheet.formulas[i]?.[j];
  if (typeof f === "string" && f.startsWith("=")) return { formula: f.slice(1), result: v as number | string } as ExcelJS.CellFormulaValue;
  return v === "" ? null : v;
}

function parseA1(ref: string): { row: number; column: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  let column = 0;
  for (const ch of m[1]) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: column - 1 };
}

/** The workbook as .xlsx bytes. */
export async function xlsxOf(wb: CorpusWorkbook): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const sheet of wb.snapshot.sheets) {
    const ws = book.addWorksheet(sheet.name);
    const { row: r0, column: c0 } = sheet.origin;
    const tables = wb.xlsxTables.filter((t) => t.sheet === sheet.name);
    const inTable = (r: number, c: number) =>
      tables.some((t) => {
        const [s, e] = t.range.split(":").map(parseA1);
        return r >= s.row && r <= e.row && c >= s.column && c <= e.column;
      });
    sheet.values.forEach((row, i) =>
      row.forEach((_, j) => {
        if (inTable(r0 + i, c0 + j)) return;
        const value = excelValue(sheet, i, j);
        if (value === null) return;
        const cell = ws.getCell(r0 + i + 1, c0 + j + 1);
        cell.value = value;
        const fmt = sheet.numberFormats[i]?.[j];
        if (fmt && fmt !== "General") cell.numFmt = fmt;
      }),
    );
    for (const t of tables) {
      const [s, e] = t.range.split(":").map(parseA1);
      const at = (r: number, c: number) => excelValue(sheet, r - r0, c - c0);
      const lastData = t.totalsRow ? e.row - 1 : e.row;
      const rows: ExcelJS.CellValue[][] = [];
      for (let r = s.row + 1; r <= lastData; r++) rows.push(t.columns.map((_, k) => at(r, s.column + k)));
      ws.addTable({
        name: t.name,
        ref: a1(s.row, s.column),
        headerRow: true,
        totalsRow: t.totalsRow,
        columns: t.columns.map((c, k) => ({
          name: c.name,
          totalsRowLabel: c.totalsRowLabel,
          totalsRowFunction: c.totalsRowFunction ?? "none",
          totalsRowResult: t.totalsRow && c.totalsRowFunction === "sum" ? (sheet.values[e.row - r0]?.[s.column + k - c0] as number) : undefined,
        })),
        rows,
      });
      // Number formats, and the totals row's cells that are not a label nor a function.
      for (let r = s.row; r <= e.row; r++) {
        for (let c = s.column; c <= e.column; c++) {
          const fmt = sheet.numberFormats[r - r0]?.[c - c0];
          const cell = ws.getCell(r + 1, c + 1);
          const col = t.columns[c - s.column];
          if (t.totalsRow && r === e.row && !col.totalsRowLabel && col.totalsRowFunction !== "sum") {
            const v = at(r, c);
            if (v !== null) cell.value = v;
          }
          if (fmt && fmt !== "General") cell.numFmt = fmt;
        }
      }
    }
    for (const m of sheet.merges ?? []) ws.mergeCells(m);
  }
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
