/**
 * The file host of templates: applies a fill plan (src/core/fill/plan.ts) to `.xlsx` bytes and
 * returns a new workbook; the input bytes are never modified.
 *
 * The new sheet is built in memory first — the template's cells and styles, row heights, merges,
 * conditional formats, data validation — and the plan's row operations are applied to that
 * model the way Excel's Insert / Delete of rows do (what is below moves; a merge, a conditional
 * format or a validation that the rows cut through stretches or shrinks; one that ends on the
 * copied row grows with the inserted copies), because ExcelJS's own `spliceRows` moves cells but
 * leaves conditional formats and validations where they were. Then it is written once.
 *
 * Not written by this host, and said through `onSkipped`: charts (ExcelJS cannot draw one),
 * the template's Excel tables and its sheet-scoped names.
 */
import JSZip from "jszip";
import type * as ExcelJS from "exceljs";
import { parseRange, rangeA1, type RangeRef } from "../core/address";
import { withFilePrefixes } from "../core/fill/formulaTokens";
import type { FillCell, FillPlan, RowOperation } from "../core/fill/plan";
import { UnusableFileError } from "./errors";
import { loadWorkbook, realSheetName, restoreNamesInText, restoreNamesInWorkbookXml, toBytes, type LoadedWorkbook } from "./open";

export interface FillFileOptions {
  fileName?: string;
  /** What the plan asks for that this host cannot write (charts, tables, names), one call each. */
  onSkipped?: (kind: "chart" | "table" | "name", detail: string) => void;
}

interface ModelCell {
  value: ExcelJS.CellValue;
  style?: Partial<ExcelJS.Style>;
}

interface ConditionalFormat {
  ranges: RangeRef[];
  rules: ExcelJS.ConditionalFormattingRule[];
}

/** The new sheet before it is written: 0-based rows and columns. */
class SheetModel {
  cells = new Map<number, Map<number, ModelCell>>();
  heights = new Map<number, number>();
  merges: RangeRef[] = [];
  conditional: ConditionalFormat[] = [];
  validations = new Map<string, ExcelJS.DataValidation>();
  widths = new Map<number, number>();

  row(r: number): Map<number, ModelCell> {
    let row = this.cells.get(r);
    if (!row) this.cells.set(r, (row = new Map()));
    return row;
  }

  /** Rows from `before` down move by `count`; the new rows take `formatFrom`'s styles and height. */
  insertRows(before: number, count: number, formatFrom: number): void {
    const styles = [...(this.cells.get(formatFrom) ?? new Map<number, ModelCell>())].map(([c, cell]) => [c, cell.style] as const);
    const height = this.heights.get(formatFrom);
    this.cells = shiftKeys(this.cells, before, count);
    this.heights = shiftKeys(this.heights, before, count);
    for (let r = before; r < before + count; r++) {
      const row = this.row(r);
      for (const [c, style] of styles) row.set(c, { value: null, style: style && clone(style) });
      if (height !== undefined) this.heights.set(r, height);
    }
    const move = (range: RangeRef, growsWithCopies: boolean): RangeRef => {
      const { start, end } = range;
      if (start.row >= before) return { start: { ...start, row: start.row + count }, end: { ...end, row: end.row + count } };
      // A format on the copied row (or block) grows over its copies, as a table's formats do.
      if (end.row >= before || (growsWithCopies && start.row <= formatFrom && formatFrom <= end.row)) {
        return { start, end: { ...end, row: end.row + count } };
      }
      return range;
    };
    this.merges = this.merges.map((m) => move(m, false));
    for (const cf of this.conditional) cf.ranges = cf.ranges.map((r) => move(r, true));
    const validations = new Map<string, ExcelJS.DataValidation>();
    for (const [address, v] of this.validations) {
      const r = parseRange(address)!;
      const moved = move(r, false);
      validations.set(rangeA1(moved), v);
      // The copies of a validated row are validated the same way.
      if (r.start.row === formatFrom && r.end.row === formatFrom) {
        for (let k = before; k < before + count; k++) validations.set(rangeA1({ start: { ...r.start, row: k }, end: { ...r.end, row: k } }), v);
      }
    }
    this.validations = validations;
  }

  /** Rows `start` … `start + count − 1` go; rows below move up. */
  deleteRows(start: number, count: number): void {
    for (let r = start; r < start + count; r++) {
      this.cells.delete(r);
      this.heights.delete(r);
    }
    this.cells = shiftKeys(this.cells, start + count, -count);
    this.heights = shiftKeys(this.heights, start + count, -count);
    const cut = (range: RangeRef): RangeRef | undefined => {
      const last = start + count - 1;
      const top = range.start.row;
      const bottom = range.end.row;
      const newTop = top < start ? top : top > last ? top - count : start;
      const newBottom = bottom < start ? bottom : bottom > last ? bottom - count : start - 1;
      if (newBottom < newTop) return undefined;
      return { start: { ...range.start, row: newTop }, end: { ...range.end, row: newBottom } };
    };
    this.merges = this.merges.map(cut).filter((m): m is RangeRef => !!m && !(m.start.row === m.end.row && m.start.column === m.end.column));
    for (const cf of this.conditional) cf.ranges = cf.ranges.map(cut).filter((r): r is RangeRef => !!r);
    this.conditional = this.conditional.filter((cf) => cf.ranges.length > 0);
    const validations = new Map<string, ExcelJS.DataValidation>();
    for (const [address, v] of this.validations) {
      const r = cut(parseRange(address)!);
      if (r) validations.set(rangeA1(r), v);
    }
    this.validations = validations;
  }

  apply(op: RowOperation): void {
    if (op.kind === "insertRows") this.insertRows(op.before, op.count, op.formatFrom);
    else this.deleteRows(op.start, op.count);
  }
}

function shiftKeys<V>(map: Map<number, V>, from: number, by: number): Map<number, V> {
  const out = new Map<number, V>();
  for (const [k, v] of map) out.set(k >= from ? k + by : k, v);
  return out;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

interface WorksheetInternals {
  conditionalFormattings?: { ref: string; rules: ExcelJS.ConditionalFormattingRule[] }[];
  dataValidations?: { model: Record<string, ExcelJS.DataValidation> };
  model: { merges?: string[] };
  orderNo: number;
  tables?: Record<string, unknown>;
}

/** The template sheet as a model: values, styles, heights, merges, conditional formats, validations, widths. */
function modelOf(ws: ExcelJS.Worksheet): SheetModel {
  const m = new SheetModel();
  const inner = ws as unknown as WorksheetInternals;
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.height) m.heights.set(r - 1, row.height);
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      // A merged area's other cells hold a reference to its first one: only their style is copied.
      const value = cell.type === 1 /* ValueType.Merge */ ? null : clone(cell.value);
      m.row(r - 1).set(c - 1, { value, style: cell.style ? clone(cell.style) : undefined });
    });
  });
  for (const ref of inner.model.merges ?? []) {
    const r = parseRange(ref);
    if (r) m.merges.push(r);
  }
  for (const cf of inner.conditionalFormattings ?? []) {
    const ranges = cf.ref.split(/\s+/).map(parseRange).filter((r): r is NonNullable<typeof r> => !!r);
    m.conditional.push({ ranges, rules: clone(cf.rules) });
  }
  for (const [address, v] of Object.entries(inner.dataValidations?.model ?? {})) if (parseRange(address)) m.validations.set(address, clone(v));
  ws.columns?.forEach((col, i) => {
    if (col.width) m.widths.set(i, col.width);
  });
  return m;
}

function cellValue(cell: Exclude<FillCell, null>): { value: ExcelJS.CellValue; numFmt?: string } {
  switch (cell.kind) {
    case "number":
      return { value: cell.value, numFmt: cell.numberFormat };
    // A string is always written as a string: `=HYPERLINK(…)` typed as a beneficiary stays text.
    case "text":
      return { value: cell.text, numFmt: cell.text.length && "=+-@".includes(cell.text[0]) ? "@" : undefined };
    case "formula":
      return { value: { formula: withFilePrefixes(cell.formula).replace(/^=/, "") } as ExcelJS.CellFormulaValue, numFmt: cell.numberFormat };
    case "empty":
      return { value: null };
  }
}

/** Applies a fill plan to a workbook's bytes and returns the new workbook's bytes. */
export async function fillWorkbook(bytes: Uint8Array | ArrayBuffer, plan: FillPlan, options: FillFileOptions = {}): Promise<Uint8Array> {
  const fileName = options.fileName ?? "classeur.xlsx";
  // A copy of the bytes: JSZip and ExcelJS never touch the caller's buffer.
  const loaded = await loadWorkbook(toBytes(bytes).slice(), fileName);
  const wb = loaded.workbook;
  const template = plan.template === undefined ? undefined : wb.worksheets.find((w) => realSheetName(loaded, w) === plan.template);
  if (plan.template !== undefined && !template) throw new UnusableFileError("unsupported", fileName, new Error(`no sheet ${plan.template}`));
  if (wb.worksheets.some((w) => realSheetName(loaded, w).toLowerCase() === plan.sheetName.toLowerCase())) {
    throw new UnusableFileError("unsupported", fileName, new Error(`sheet ${plan.sheetName} exists`));
  }
  const model = template ? modelOf(template) : new SheetModel();
  if (template) {
    const inner = template as unknown as WorksheetInternals;
    for (const name of Object.keys(inner.tables ?? {})) options.onSkipped?.("table", name);
    // Names over the template's cells are not copied to the filled sheet (they keep naming the template).
    const names = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model ?? [];
    const own = [template.name, plan.template!].flatMap((n) => [`${n}!`, `'${n.replace(/'/g, "''")}'!`]);
    for (const n of names) if (n.ranges.some((r) => own.some((prefix) => r.startsWith(prefix)))) options.onSkipped?.("name", n.name);
  }
  for (const op of plan.rowOperations) model.apply(op);

  const ws = wb.addWorksheet(plan.sheetName);
  for (const [r, row] of model.cells) {
    for (const [c, cell] of row) {
      const target = ws.getCell(r + 1, c + 1);
      if (cell.style) target.style = clone(cell.style);
      if (cell.value !== null && cell.value !== undefined) target.value = cell.value;
    }
  }
  for (const [r, h] of model.heights) ws.getRow(r + 1).height = h;
  for (const [c, w] of model.widths) ws.getColumn(c + 1).width = w;
  for (const block of plan.blocks) {
    block.cells.forEach((row, i) =>
      row.forEach((cell, j) => {
        if (cell === null) return;
        const target = ws.getCell(block.row + i + 1, block.column + j + 1);
        const { value, numFmt } = cellValue(cell);
        target.value = value;
        if (numFmt) target.numFmt = numFmt;
      }),
    );
  }
  const merged = new Set<string>();
  for (const m of [...model.merges.map(rangeA1), ...(plan.merges ?? [])]) {
    if (merged.has(m) || !m.includes(":")) continue;
    merged.add(m);
    ws.mergeCells(m);
  }
  for (const cf of model.conditional) ws.addConditionalFormatting({ ref: cf.ranges.map(rangeA1).join(" "), rules: cf.rules });
  for (const cf of plan.conditionalFormats ?? []) {
    const argb = `FF${cf.fill.replace(/^#/, "").toUpperCase()}`;
    ws.addConditionalFormatting({ ref: cf.range, rules: [{ type: "expression", priority: 1, formulae: [cf.formula.replace(/^=/, "")], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb } } } }] });
  }
  for (const [address, v] of model.validations) {
    const r = parseRange(address)!;
    for (let row = r.start.row; row <= r.end.row; row++) for (let col = r.start.column; col <= r.end.column; col++) ws.getCell(row + 1, col + 1).dataValidation = clone(v);
  }
  for (const w of plan.columnWidths ?? []) ws.getColumn(w.column + 1).width = w.width;
  for (const chart of plan.charts ?? []) options.onSkipped?.("chart", chart.title);

  // Placed right after its template (or last), and made the active sheet.
  const ordered = wb.worksheets.filter((w) => w !== ws);
  const at = template ? ordered.indexOf(template) + 1 : ordered.length;
  ordered.splice(at, 0, ws);
  ordered.forEach((w, i) => ((w as unknown as WorksheetInternals).orderNo = i));
  wb.views = [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: at, visibility: "visible" }];

  let written: Uint8Array;
  try {
    written = toBytes((await wb.xlsx.writeBuffer()) as unknown as Uint8Array | ArrayBuffer);
  } catch (error) {
    throw new UnusableFileError("unsupported", fileName, error);
  }
  return restoreNames(written, loaded);
}

async function restoreNames(bytes: Uint8Array, loaded: LoadedWorkbook): Promise<Uint8Array> {
  if (loaded.renamed.size === 0) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  const workbookXml = await zip.file("xl/workbook.xml")?.async("string");
  if (workbookXml !== undefined) zip.file("xl/workbook.xml", restoreNamesInWorkbookXml(workbookXml, loaded.renamed));
  const appXml = await zip.file("docProps/app.xml")?.async("string");
  if (appXml !== undefined) zip.file("docProps/app.xml", restoreNamesInText(appXml, loaded.renamed));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
