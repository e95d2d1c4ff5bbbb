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
 * Fixed syncs whatever the number of cells: (1) the sheets, (2) each sheet's conditional
 * formats (type) and protection, (3) the rule formula of the custom ones, (4) deletions of the
 * old marks and additions of the new ones. Marks are grouped per sheet and severity into
 * multi-area ranges (`Worksheet.getRanges`, ExcelApi 1.9), one conditional format per group.
 */
import { SEVERITY_COLOR } from "../core/report";
import type { Finding, Lang, Severity } from "../core/findings";
import { localAddress } from "./address";
import { protectedSheetError } from "./errors";

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
  marks: Excel.ConditionalFormat[];
}

/** Syncs 1–3: every sheet, whether it is protected, and Pointage's marks on it. */
async function scanMarks(context: Excel.RequestContext): Promise<SheetMarks[]> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();

  const sheets = worksheets.items.map((sheet) => {
    const formats = sheet.getRange().conditionalFormats;
    formats.load("items/type");
    sheet.protection.load("protected");
    return { sheet, formats };
  });
  await context.sync();

  const customs: Array<{ index: number; format: Excel.ConditionalFormat }> = [];
  sheets.forEach(({ formats }, index) => {
    for (const format of formats.items) {
      if (format.type !== "Custom") continue;
      format.custom.rule.load("formula");
      customs.push({ index, format });
    }
  });
  if (customs.length > 0) await context.sync();

  const result: SheetMarks[] = sheets.map(({ sheet }) => ({
    sheet,
    name: sheet.name,
    isProtected: sheet.protection.protected,
    marks: [],
  }));
  for (const { index, format } of customs) {
    if (isMarkFormula(format.custom.rule.formula)) result[index].marks.push(format);
  }
  return result;
}

/** Refuses, before any change, when a sheet to be changed is protected. */
function assertUnprotected(sheets: readonly SheetMarks[], lang: Lang): void {
  const locked = sheets.find((s) => s.isProtected);
  if (locked) throw protectedSheetError(lang, locked.name);
}

/** Queues the deletion of every mark on these sheets; returns how many. */
function queueDeletions(sheets: readonly SheetMarks[]): number {
  let count = 0;
  for (const s of sheets) {
    for (const mark of s.marks) {
      mark.delete();
      count += 1;
    }
  }
  return count;
}

export async function clearHighlightsIn(context: Excel.RequestContext, lang: Lang): Promise<void> {
  const sheets = await scanMarks(context);
  const marked = sheets.filter((s) => s.marks.length > 0);
  assertUnprotected(marked, lang);
  if (queueDeletions(marked) > 0) await context.sync();
}

export interface HighlightOptions {
  lang: Lang;
  /** ExcelApi 1.9 (`Worksheet.getRanges`): one format per group of cells, else one per cell. */
  multiArea: boolean;
}

export async function highlightIn(
  context: Excel.RequestContext,
  findings: readonly Finding[],
  options: HighlightOptions,
): Promise<void> {
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

  let operations = queueDeletions(touched);
  for (const [name, bySeverity] of targets) {
    const sheet = byName.get(name)!.sheet;
    for (const severity of ADD_ORDER) {
      const cells = [...(bySeverity.get(severity) ?? [])];
      const groups = options.multiArea ? groupAddresses(cells) : cells;
      for (const address of groups) {
        const target = options.multiArea ? sheet.getRanges(address) : sheet.getRange(address);
        const format = target.conditionalFormats.add("Custom");
        format.custom.rule.formula = MARK_FORMULA;
        format.custom.format.fill.color = SEVERITY_FILL[severity];
        operations += 1;
      }
    }
  }
  if (operations > 0) await context.sync();
}
