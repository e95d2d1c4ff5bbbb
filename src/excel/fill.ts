/**
 * The Office.js host of templates: applies a fill plan (src/core/fill/plan.ts) to the open
 * workbook. The engine has computed everything; this only moves it into Excel.
 *
 * Syncs, whatever the number of rows: one to check the names (the new sheet's name is free, the
 * template is there), one to write everything (copy the template or add a sheet, insert and
 * delete whole rows, each block as one 2-D array of number formats then one of formulas, merges,
 * widths, charts, activate). A plan whose blocks exceed the request budget (~4.5 MB, measured as
 * Office.js serialises arrays) gets one more sync per further budget of blocks, split by rows.
 *
 * API sets: `Worksheet.copy` and `ChartSeries.setXAxisValues` are ExcelApi 1.7, `Range.copyFrom`
 * 1.9; nothing above the manifest's 1.9 is used.
 *
 * Text is always written as text: every text cell is formatted `@` in the batch before its
 * content goes in, so `=HYPERLINK(…)`, `+33…`, `@x`, `0012` or `1/2` are stored as typed
 * (NOTES.md: a text starting with `=` written into a cell not formatted `@` becomes a formula).
 */
import type { Lang } from "../core/findings";
import type { FillBlock, FillCell, FillChart, FillPlan } from "../core/fill/plan";
import { HostError } from "../host/HostApi";
import { ACCESS_DENIED, errorCode, isPayloadTooLarge, protectedSheetError } from "./errors";
import { jsonBytes } from "./plan";

/** Office.js wants points, the plan's widths are characters (as the report's, src/excel/report.ts). */
const POINTS_PER_CHARACTER = 5.25;
/** Excel allows 31 characters in a sheet name. */
const MAX_SHEET_NAME = 31;
/**
 * Request bytes of one cell in a block besides its JSON: the separators of the two arrays.
 * The operations themselves (the range's object path, the action) are counted per block.
 */
const CELL_OVERHEAD_BYTES = 4;
const BLOCK_OVERHEAD_BYTES = 1_500;
/** The write sync's own operations besides the blocks: copy, row operations, merges, charts… */
const PLAN_OVERHEAD_BYTES = 20_000;

export interface FillOptions {
  lang: Lang;
  /** Request bytes per sync. */
  budgetBytes: number;
}

export interface FillOutcome {
  /** The new sheet's name: the plan's, or `Nom (2)` when that name was taken meanwhile. */
  sheetName: string;
  id: string;
  /** How many syncs the fill took (2 for any plan under the request budget). */
  syncs: number;
}

/** The fill's messages (exported for test/taskpane/englishComplete.test.tsx). */
export const FILL_TEXTS = {
  fr: {
    tooLarge:
      "Le modèle rempli est trop volumineux pour être écrit par Excel, même par blocs : remplissez-le avec la ligne de commande (pointage fill CLASSEUR.xlsx --template NOM --out COPIE.xlsx).",
    noTemplate: (s: string) => `La feuille modèle « ${s} » est introuvable : elle a peut-être été renommée ou supprimée. Relisez le classeur, puis réessayez.`,
  },
  en: {
    tooLarge:
      "The filled template is too large for Excel to write, even in blocks: fill it with the command line (pointage fill FILE.xlsx --template NAME --out COPY.xlsx).",
    noTemplate: (s: string) => `The template sheet "${s}" cannot be found: it may have been renamed or deleted. Read the workbook again, then try again.`,
  },
} as const;

/** `name`, or `name (2)`, `name (3)`… the first that no sheet has (names compare without case). */
export function freeSheetName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name.toLowerCase())) return name;
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const candidate = name.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** A block cell's number format: text is `@`, a number or formula its own, else left (null). */
function cellFormat(cell: FillCell): string | null {
  if (cell === null) return null;
  if (cell.kind === "text") return "@";
  if (cell.kind === "number" || cell.kind === "formula") return cell.numberFormat ?? null;
  return null;
}

/** A block cell's content for `Range.formulas`: null leaves the cell, "" clears it. */
function cellContent(cell: FillCell): string | number | null {
  if (cell === null) return null;
  switch (cell.kind) {
    case "number":
      return cell.value;
    case "text":
      return cell.text;
    case "formula":
      return cell.formula;
    case "empty":
      return "";
  }
}

/** A rectangle of a block, rows [from, to). */
interface BlockSlice {
  block: FillBlock;
  from: number;
  to: number;
}

/** Estimated request bytes of a block's row as Office.js serialises it (both arrays). */
function rowBytes(row: readonly FillCell[]): number {
  return jsonBytes(row.map(cellFormat)) + jsonBytes(row.map(cellContent)) + CELL_OVERHEAD_BYTES * row.length;
}

/** The blocks cut into sync-sized groups of row slices; one group for any usual plan. */
export function blockGroups(blocks: readonly FillBlock[], budget: number): BlockSlice[][] {
  const groups: BlockSlice[][] = [[]];
  let bytes = PLAN_OVERHEAD_BYTES;
  for (const block of blocks) {
    let from = 0;
    let sliceBytes = BLOCK_OVERHEAD_BYTES;
    for (let i = 0; i < block.cells.length; i += 1) {
      const b = rowBytes(block.cells[i]);
      if (bytes + sliceBytes + b > budget && (i > from || groups[groups.length - 1].length > 0)) {
        if (i > from) groups[groups.length - 1].push({ block, from, to: i });
        groups.push([]);
        bytes = PLAN_OVERHEAD_BYTES;
        from = i;
        sliceBytes = BLOCK_OVERHEAD_BYTES;
      }
      sliceBytes += b;
    }
    if (block.cells.length > from) groups[groups.length - 1].push({ block, from, to: block.cells.length });
    bytes += sliceBytes;
  }
  return groups;
}

/** Queues one slice: its number formats (text first made `@`), then its contents. */
function queueSlice(sheet: Excel.Worksheet, { block, from, to }: BlockSlice): void {
  const rows = block.cells.slice(from, to);
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (width === 0) return;
  // Ragged rows are padded with null: the cells past a short row are left as they are.
  const padded = rows.map((r) => Array.from({ length: width }, (_, j): FillCell => r[j] ?? null));
  const range = sheet.getRangeByIndexes(block.row + from, block.column, rows.length, width);
  const formats = padded.map((r) => r.map(cellFormat));
  if (formats.some((r) => r.some((f) => f !== null))) range.numberFormat = formats as string[][];
  const contents = padded.map((r) => r.map(cellContent));
  if (contents.some((r) => r.some((c) => c !== null))) range.formulas = contents as string[][];
}

const CHART_TYPES: Record<FillChart["type"], string> = {
  bar: "BarClustered",
  column: "ColumnClustered",
  pie: "Pie",
};

function queueChart(sheet: Excel.Worksheet, chart: FillChart): void {
  const added = sheet.charts.add(CHART_TYPES[chart.type] as Excel.ChartType, sheet.getRange(chart.values), "Columns" as Excel.ChartSeriesBy);
  added.title.text = chart.title;
  // The categories may be a column away from the values: given apart (ExcelApi 1.7).
  added.series.getItemAt(0).setXAxisValues(sheet.getRange(chart.categories));
  added.setPosition(chart.anchor);
}

/** Queues the row operations, in order, as Excel's Insert / Delete of whole rows. */
function queueRowOperations(sheet: Excel.Worksheet, plan: FillPlan): void {
  for (const op of plan.rowOperations) {
    if (op.count <= 0) continue;
    if (op.kind === "deleteRows") {
      sheet.getRangeByIndexes(op.start, 0, op.count, 1).getEntireRow().delete("Up" as Excel.DeleteShiftDirection);
      continue;
    }
    const rows = sheet.getRangeByIndexes(op.before, 0, op.count, 1).getEntireRow();
    rows.insert("Down" as Excel.InsertShiftDirection);
    // `formatFrom` is read before the insertion: a row at or below `before` has moved down.
    const source = op.formatFrom >= op.before ? op.formatFrom + op.count : op.formatFrom;
    // One source row pasted on several rows is repeated on each, as Excel's Paste Formats does.
    rows.copyFrom(sheet.getRangeByIndexes(source, 0, 1, 1).getEntireRow(), "Formats" as Excel.RangeCopyType);
  }
}

/**
 * Applies a fill plan: the new sheet is written and activated; on failure it is deleted again,
 * so that nothing half-filled is left (the template and every other sheet are never written).
 */
export async function fillIn(context: Excel.RequestContext, plan: FillPlan, options: FillOptions): Promise<FillOutcome> {
  let syncs = 0;
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  const wanted = worksheets.getItemOrNullObject(plan.sheetName);
  wanted.load("name");
  const template = plan.template === undefined ? undefined : worksheets.getItemOrNullObject(plan.template);
  template?.load("name");
  await context.sync();
  syncs += 1;
  if (template?.isNullObject) throw new HostError("not-found", FILL_TEXTS[options.lang].noTemplate(plan.template ?? ""), plan.template);
  const taken = new Set(worksheets.items.map((ws) => ws.name.toLowerCase()));
  if (!wanted.isNullObject) taken.add(wanted.name.toLowerCase());
  // The engine chose a free name from its snapshot; the workbook may have changed since.
  const sheetName = freeSheetName(plan.sheetName, taken);

  const groups = blockGroups(plan.blocks, options.budgetBytes);
  let sheet: Excel.Worksheet | undefined;
  try {
    sheet = template ? template.copy("After" as Excel.WorksheetPositionType, template) : worksheets.add(sheetName);
    const created = sheet;
    if (template) {
      created.name = sheetName;
      // A hidden template's copy is hidden too; the filled sheet is for reading.
      created.visibility = "Visible" as Excel.SheetVisibility;
    }
    queueRowOperations(created, plan);
    for (let g = 0; g < groups.length; g += 1) {
      for (const slice of groups[g]) queueSlice(created, slice);
      if (g === groups.length - 1) {
        for (const m of plan.merges ?? []) created.getRange(m).merge(false);
        for (const w of plan.columnWidths ?? []) {
          created.getRangeByIndexes(0, w.column, 1, 1).format.columnWidth = Math.round(w.width * POINTS_PER_CHARACTER);
        }
        for (const cf of plan.conditionalFormats ?? []) {
          const format = created.getRange(cf.range).conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
          format.custom.rule.formula = cf.formula;
          format.custom.format.fill.color = cf.fill;
        }
        for (const chart of plan.charts ?? []) queueChart(created, chart);
        created.activate();
        created.load("id,name");
      }
      // One sync per ~4.5 MB of blocks, never per row: Excel on the web refuses larger requests.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs += 1;
    }
    return { sheetName: created.name, id: created.id, syncs };
  } catch (e) {
    if (sheet) await discard(context, sheet);
    if (errorCode(e) === ACCESS_DENIED) throw protectedSheetError(options.lang, plan.template);
    if (isPayloadTooLarge(e)) throw new HostError("too-large", FILL_TEXTS[options.lang].tooLarge);
    throw e;
  }
}

/** Deletes a half-made sheet after a failure; a failure to delete it is not the error to show. */
async function discard(context: Excel.RequestContext, sheet: Excel.Worksheet): Promise<void> {
  try {
    sheet.delete();
    await context.sync();
  } catch {
    // Left as it is: its name says which fill made it, and the user can delete it.
  }
}
