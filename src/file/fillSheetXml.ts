/**
 * The filled sheet's XML, built from the template sheet's own part: its cells keep their `s`
 * (styles.xml is kept, so the indices keep their meaning), its rows their heights, its columns
 * their widths, and its merges, conditional formats, data validation, hyperlinks, autofilter,
 * page setup and print breaks are carried over, moved by the plan's row operations the way
 * Excel's Insert / Delete of rows move them (rowOperations.ts). Then the plan's cells are
 * written: text always as inline text (never a formula, whatever its first character), numbers
 * with the plan's number format (a new `xf` derived from the cell's own, fillStyles.ts),
 * formulas as `<f>` with no cached value (the workbook is set to recalculate on load).
 *
 * Hand-written because no library edits an .xlsx package without re-serialising the rest of it
 * (ExcelJS drops macros, charts, names, custom properties…); only this one new part is written.
 * Each scan is linear (ooxmlParts.ts, xml.ts): workbook text is untrusted.
 */
import { a1, columnLetter, parseRange, rangeA1, type RangeRef } from "../core/address";
import { withFilePrefixes } from "../core/fill/formulaTokens";
import type { FillCell, FillPlan, RowOperation } from "../core/fill/plan";
import type { StyleBook } from "./fillStyles";
import { childElements, declaredPrefix, MAIN_NS, PackageError, REL_NS, rootElement, textNode, type ChildElement } from "./ooxmlParts";
import { afterOperation, rowAfter, validationAfterInsert } from "./rowOperations";
import { encodeXml, findAttribute, removeAttribute, replaceStartTags, scanAttributes, setAttribute } from "./xml";

interface CellXml {
  /** The start tag's attributes without `r`. */
  attributes: string;
  /** Its content (`<v>…</v>`), undefined for `<c …/>`. */
  inner?: string;
}

interface RowXml {
  /** The start tag's attributes without `r` and `spans` (heights, styles, outline). */
  attributes: string;
  cells: Map<number, CellXml>;
}

/** A list of ranges as in a `sqref`: ranges that rows move, and pieces they do not (`B:B`). */
interface Sqref {
  ranges: RangeRef[];
  fixed: string[];
}

/** An element whose ranges move with the rows: its attributes without the range, its content. */
interface RangedElement {
  sqref: Sqref;
  attributes: string;
  inner?: string;
}

export interface SheetXmlModel {
  /** The namespace prefix of SpreadsheetML elements (`x:` or ""). */
  prefix: string;
  /** The prefix of the relationships namespace in the part (declared on the root). */
  relPrefix: string;
  rootAttributes: string;
  rows: Map<number, RowXml>;
  /** Raw elements kept as they are (page setup, views…), by local name. */
  kept: Map<string, string>;
  cols: { min: number; max: number; attributes: string }[];
  merges: RangeRef[];
  conditional: RangedElement[];
  validations: RangedElement[];
  /** dataValidations' own attributes (disablePrompts…), without `count`. */
  validationsAttributes: string;
  hyperlinks: RangedElement[];
  autoFilter?: RangedElement;
  rowBreaks?: { attributes: string; breaks: { row: number; attributes: string }[] };
  /** Template elements not carried to the copy (its notes, pictures, extensions…), by local name. */
  dropped: string[];
  /** The r:id of the template's tableParts, in order. */
  tableIds: string[];
}

/** CT_Worksheet's order of elements (ECMA-376 §18.3.1.99). */
const WORKSHEET_ORDER = [
  "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection",
  "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells",
  "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup",
  "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
  "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
];
/** Elements copied as they are: none of them names a cell or a relationship (pageSetup's printer settings aside, removed). */
const KEPT = new Set(["sheetPr", "sheetViews", "sheetFormatPr", "sheetCalcPr", "sheetProtection", "phoneticPr", "printOptions", "pageMargins", "pageSetup", "headerFooter", "colBreaks"]);
/**
 * Elements that are not copied and that the user may miss: said through onSkipped. The others
 * left out (sortState, ignoredErrors, smartTags, cellWatches…) only describe the template's
 * own cells or a state Excel rebuilds.
 */
const REPORTED = new Set(["protectedRanges", "customSheetViews", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "extLst"]);

function parseSqref(text: string): Sqref {
  const out: Sqref = { ranges: [], fixed: [] };
  for (const piece of text.split(" ")) {
    if (!piece) continue;
    const r = parseRange(piece);
    if (r && !r.sheet) out.ranges.push({ start: r.start, end: r.end });
    else out.fixed.push(piece);
  }
  return out;
}

function sqrefText(s: Sqref): string {
  return [...s.ranges.map(rangeA1), ...s.fixed].join(" ");
}

function innerOf(xml: string, e: ChildElement): string | undefined {
  return e.selfClosing ? undefined : xml.slice(e.startTagEnd, xml.lastIndexOf("</", e.end - 1));
}

function ranged(xml: string, e: ChildElement, attribute: string): RangedElement {
  return { sqref: parseSqref(findAttribute(e.attributes, attribute)?.value ?? ""), attributes: removeAttribute(e.attributes, attribute), inner: innerOf(xml, e) };
}

/** Reads the template sheet's part into the model the row operations and the plan edit. */
export function parseSheetXml(xml: string): SheetXmlModel {
  const root = rootElement(xml);
  if (!root) throw new PackageError("worksheet without a root");
  const p = root.prefix;
  let rootAttributes = root.attributes;
  if (rootAttributes.trim().endsWith("/")) rootAttributes = rootAttributes.slice(0, rootAttributes.lastIndexOf("/"));
  let relPrefix = declaredPrefix(rootAttributes, REL_NS);
  if (!relPrefix) {
    const taken = new Set(scanAttributes(rootAttributes).map((a) => a.name));
    const name = taken.has("xmlns:r") ? "pointage_r" : "r";
    rootAttributes += ` xmlns:${name}="${REL_NS}"`;
    relPrefix = `${name}:`;
  }
  const model: SheetXmlModel = { ...emptySheetModel(), prefix: p, relPrefix, rootAttributes };
  for (const e of childElements(xml, root.contentStart).elements) {
    const raw = xml.slice(e.start, e.end);
    switch (e.name) {
      case "sheetData":
        if (!e.selfClosing) readRows(xml, e, model);
        break;
      case "cols":
        for (const col of e.selfClosing ? [] : childElements(xml, e.startTagEnd).elements) {
          const min = Number(findAttribute(col.attributes, "min")?.value);
          const max = Number(findAttribute(col.attributes, "max")?.value);
          if (col.name === "col" && Number.isInteger(min) && Number.isInteger(max)) model.cols.push({ min, max, attributes: removeAttribute(removeAttribute(col.attributes, "min"), "max") });
        }
        break;
      case "mergeCells":
        for (const m of e.selfClosing ? [] : childElements(xml, e.startTagEnd).elements) {
          const r = parseRange(findAttribute(m.attributes, "ref")?.value ?? "");
          if (r) model.merges.push({ start: r.start, end: r.end });
        }
        break;
      case "conditionalFormatting":
        model.conditional.push(ranged(xml, e, "sqref"));
        break;
      case "dataValidations":
        model.validationsAttributes = removeAttribute(e.attributes, "count");
        for (const v of e.selfClosing ? [] : childElements(xml, e.startTagEnd).elements) if (v.name === "dataValidation") model.validations.push(ranged(xml, v, "sqref"));
        break;
      case "hyperlinks":
        for (const h of e.selfClosing ? [] : childElements(xml, e.startTagEnd).elements) if (h.name === "hyperlink") model.hyperlinks.push(ranged(xml, h, "ref"));
        break;
      case "autoFilter":
        model.autoFilter = ranged(xml, e, "ref");
        break;
      case "rowBreaks":
        model.rowBreaks = {
          attributes: removeAttribute(removeAttribute(e.attributes, "count"), "manualBreakCount"),
          breaks: (e.selfClosing ? [] : childElements(xml, e.startTagEnd).elements)
            .filter((b) => b.name === "brk")
            .map((b) => ({ row: Number(findAttribute(b.attributes, "id")?.value), attributes: removeAttribute(b.attributes, "id") }))
            .filter((b) => Number.isInteger(b.row)),
        };
        break;
      case "tableParts":
        for (const t of e.selfClosing ? [] : childElements(xml, e.startTagEnd).elements) {
          const id = scanAttributes(t.attributes).find((a) => a.name.endsWith(":id"));
          if (id) model.tableIds.push(id.raw);
        }
        break;
      default:
        if (KEPT.has(e.name)) model.kept.set(e.name, (model.kept.get(e.name) ?? "") + raw);
        else if (REPORTED.has(e.name)) model.dropped.push(e.name);
    }
  }
  // The copy is not the selected tab (the template's tab stays selected, and two would group them),
  // has no VBA code name of its own yet, and no printer settings part.
  const views = model.kept.get("sheetViews");
  if (views) model.kept.set("sheetViews", replaceStartTags(views, "sheetView", (t) => `<${t.tag}${removeAttribute(t.attributes, "tabSelected")}${t.slash}>`));
  const sheetPr = model.kept.get("sheetPr");
  if (sheetPr) model.kept.set("sheetPr", replaceStartTags(sheetPr, "sheetPr", (t) => `<${t.tag}${removeAttribute(t.attributes, "codeName")}${t.slash}>`));
  const pageSetup = model.kept.get("pageSetup");
  if (pageSetup) {
    model.kept.set(
      "pageSetup",
      replaceStartTags(pageSetup, "pageSetup", (t) => {
        const id = scanAttributes(t.attributes).find((a) => a.name.endsWith(":id"));
        return `<${t.tag}${id ? removeAttribute(t.attributes, id.name) : t.attributes}${t.slash}>`;
      }),
    );
  }
  return model;
}

function readRows(xml: string, sheetData: ChildElement, model: SheetXmlModel): void {
  let lastRow = -1;
  for (const row of childElements(xml, sheetData.startTagEnd).elements) {
    if (row.name !== "row") continue;
    const r = Number(findAttribute(row.attributes, "r")?.value);
    const index = Number.isInteger(r) && r >= 1 ? r - 1 : lastRow + 1;
    lastRow = index;
    const entry: RowXml = { attributes: removeAttribute(removeAttribute(row.attributes, "r"), "spans"), cells: new Map() };
    let lastColumn = -1;
    for (const c of row.selfClosing ? [] : childElements(xml, row.startTagEnd).elements) {
      if (c.name !== "c") continue;
      const ref = parseRange(findAttribute(c.attributes, "r")?.value ?? "");
      const column = ref ? ref.start.column : lastColumn + 1;
      lastColumn = column;
      entry.cells.set(column, { attributes: removeAttribute(c.attributes, "r"), inner: innerOf(xml, c) });
    }
    model.rows.set(index, entry);
  }
}

/** An empty model, for a sheet made from nothing (a built-in template). */
export function emptySheetModel(): SheetXmlModel {
  return {
    prefix: "",
    relPrefix: "r:",
    rootAttributes: ` xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"`,
    rows: new Map(),
    kept: new Map(),
    cols: [],
    merges: [],
    conditional: [],
    validations: [],
    validationsAttributes: "",
    hyperlinks: [],
    dropped: [],
    tableIds: [],
  };
}

/** A cell's style index (`s`), 0 when it has none. */
function styleOf(attributes: string): number {
  const s = Number(findAttribute(attributes, "s")?.value ?? 0);
  return Number.isInteger(s) && s >= 0 ? s : 0;
}

/** Applies one row operation to the sheet, as Excel's Insert / Delete of whole rows. */
export function applyRowOperation(model: SheetXmlModel, op: RowOperation): void {
  const rows = new Map<number, RowXml>();
  for (const [r, row] of model.rows) {
    const moved = rowAfter(r, op);
    if (moved !== undefined) rows.set(moved, row);
  }
  if (op.kind === "insertRows") {
    // The new rows take the copied row's height and formats; its cells' styles, not their values.
    const from = model.rows.get(op.formatFrom);
    for (let r = op.before; r < op.before + op.count && from; r++) {
      const cells = new Map<number, CellXml>();
      for (const [c, cell] of from.cells) {
        const s = styleOf(cell.attributes);
        cells.set(c, { attributes: s ? ` s="${s}"` : "" });
      }
      rows.set(r, { attributes: from.attributes, cells });
    }
  }
  model.rows = rows;
  const moveAll = (ranges: RangeRef[], growsWithCopies: boolean) => ranges.map((r) => afterOperation(r, op, { growsWithCopies })).filter((r): r is RangeRef => r !== undefined);
  model.merges = moveAll(model.merges, false).filter((m) => m.start.row !== m.end.row || m.start.column !== m.end.column);
  for (const cf of model.conditional) cf.sqref.ranges = moveAll(cf.sqref.ranges, true);
  model.conditional = model.conditional.filter((cf) => cf.sqref.ranges.length + cf.sqref.fixed.length > 0);
  for (const v of model.validations) v.sqref.ranges = op.kind === "insertRows" ? validationAfterInsert(v.sqref.ranges, op) : moveAll(v.sqref.ranges, false);
  model.validations = model.validations.filter((v) => v.sqref.ranges.length + v.sqref.fixed.length > 0);
  for (const h of model.hyperlinks) h.sqref.ranges = moveAll(h.sqref.ranges, false);
  model.hyperlinks = model.hyperlinks.filter((h) => h.sqref.ranges.length > 0);
  if (model.autoFilter) {
    model.autoFilter.sqref.ranges = moveAll(model.autoFilter.sqref.ranges, true);
    if (model.autoFilter.sqref.ranges.length === 0) model.autoFilter = undefined;
  }
  if (model.rowBreaks) {
    model.rowBreaks.breaks = model.rowBreaks.breaks.flatMap((b) => {
      const row = rowAfter(b.row, op);
      return row === undefined ? [] : [{ ...b, row }];
    });
  }
}

/** Moves one range as the plan's row operations do, growing with the copies of a row it covers (tables, names). */
export function moveRange(range: RangeRef, ops: readonly RowOperation[]): RangeRef | undefined {
  let r: RangeRef | undefined = range;
  for (const op of ops) {
    if (!r) return undefined;
    r = afterOperation(r, op, { growsWithCopies: true });
  }
  return r;
}

/**
 * The plan's own conditional formats (the cerfa form's equality cell turning red), after the
 * template's: each an expression rule with a solid fill, at a priority below every existing rule.
 */
export function addPlanConditionalFormats(model: SheetXmlModel, plan: FillPlan, styles: StyleBook): void {
  const formats = plan.conditionalFormats ?? [];
  if (!formats.length) return;
  const p = model.prefix;
  let priority = 0;
  for (const cf of model.conditional) {
    for (const m of (cf.inner ?? "").matchAll(/\spriority="(\d+)"/g)) priority = Math.max(priority, Number(m[1]));
  }
  for (const cf of formats) {
    const range = parseRange(cf.range);
    if (!range) throw new PackageError(`conditional format range ${cf.range}`);
    const formula = encodeXml(withFilePrefixes(cf.formula).replace(/^=/, ""));
    const dxfId = styles.fillDxf(cf.fill);
    priority += 1;
    model.conditional.push({
      sqref: { ranges: [range], fixed: [] },
      attributes: "",
      inner: `<${p}cfRule type="expression" dxfId="${dxfId}" priority="${priority}"><${p}formula>${formula}</${p}formula></${p}cfRule>`,
    });
  }
}

/** Writes the plan's blocks into the sheet, with the number formats they ask for. */
export function writePlanCells(model: SheetXmlModel, plan: FillPlan, styles: StyleBook): void {
  const p = model.prefix;
  for (const block of plan.blocks) {
    block.cells.forEach((cells, i) =>
      cells.forEach((cell, j) => {
        if (cell === null) return;
        const r = block.row + i;
        const c = block.column + j;
        let row = model.rows.get(r);
        if (!row) model.rows.set(r, (row = { attributes: "", cells: new Map() }));
        const existing = row.cells.get(c);
        // A new cell takes its row's format when the row has one, as Excel does on typing.
        const rowStyle = findAttribute(row.attributes, "customFormat")?.value === "1" ? styleOf(row.attributes) : 0;
        const base = existing ? styleOf(existing.attributes) : rowStyle;
        row.cells.set(c, planCell(cell, base, styles, p));
      }),
    );
  }
  for (const m of plan.merges ?? []) {
    const r = parseRange(m);
    if (!r || (r.start.row === r.end.row && r.start.column === r.end.column)) continue;
    const range = { start: r.start, end: r.end };
    if (!model.merges.some((x) => rangeA1(x) === rangeA1(range))) model.merges.push(range);
  }
  for (const w of plan.columnWidths ?? []) setColumnWidth(model, w.column + 1, w.width);
}

/** Texts Excel would read as a formula if typed: kept as text with the text format `@`. */
function looksLikeFormula(text: string): boolean {
  return text.length > 0 && "=+-@".includes(text[0]);
}

function planCell(cell: Exclude<FillCell, null>, base: number, styles: StyleBook, p: string): CellXml {
  const style = (s: number) => (s ? ` s="${s}"` : "");
  switch (cell.kind) {
    case "number": {
      const s = cell.numberFormat ? styles.withNumberFormat(base, cell.numberFormat) : base;
      if (!Number.isFinite(cell.value)) return { attributes: `${style(s)} t="e"`, inner: `<${p}v>#NUM!</${p}v>` };
      return { attributes: style(s), inner: `<${p}v>${String(cell.value)}</${p}v>` };
    }
    // Inline text: `=HYPERLINK(…)` typed as a beneficiary is stored and shown as that text.
    case "text": {
      const s = looksLikeFormula(cell.text) ? styles.withNumberFormat(base, "@") : base;
      return { attributes: `${style(s)} t="inlineStr"`, inner: `<${p}is><${p}t xml:space="preserve">${textNode(cell.text)}</${p}t></${p}is>` };
    }
    case "formula": {
      const s = cell.numberFormat ? styles.withNumberFormat(base, cell.numberFormat) : base;
      const text = withFilePrefixes(cell.formula).replace(/^=/, "");
      return { attributes: style(s), inner: `<${p}f>${encodeXml(text)}</${p}f>` };
    }
    case "empty":
      return { attributes: style(base) };
  }
}

/** Sets one column's width, splitting the template's `<col>` span that holds it. */
function setColumnWidth(model: SheetXmlModel, column: number, width: number): void {
  const out: SheetXmlModel["cols"] = [];
  let found = false;
  for (const col of model.cols) {
    if (column < col.min || column > col.max) {
      out.push(col);
      continue;
    }
    found = true;
    if (col.min < column) out.push({ ...col, max: column - 1 });
    out.push({ min: column, max: column, attributes: setAttribute(setAttribute(col.attributes, "width", String(width)), "customWidth", "1") });
    if (column < col.max) out.push({ ...col, min: column + 1 });
  }
  if (!found) out.push({ min: column, max: column, attributes: ` width="${width}" customWidth="1"` });
  model.cols = out.sort((a, b) => a.min - b.min);
}

export interface SheetExtras {
  /** The relationship of the sheet's drawing (the plan's charts), if it has one. */
  drawingId?: string;
  /** The relationships of the sheet's tables. */
  tableIds: string[];
  /** New relationship id of each template hyperlink's (undefined: the link is dropped). */
  hyperlinkId: (templateId: string) => string | undefined;
}

/** The sheet's part text. */
export function serialiseSheet(model: SheetXmlModel, extras: SheetExtras): string {
  const p = model.prefix;
  const rp = model.relPrefix;
  const el = (name: string, attributes: string, inner?: string) => (inner === undefined ? `<${p}${name}${attributes}/>` : `<${p}${name}${attributes}>${inner}</${p}${name}>`);
  const parts = new Map<string, string>(model.kept);

  const rowNumbers = [...model.rows.keys()].sort((a, b) => a - b);
  let minColumn = Infinity;
  let maxColumn = -1;
  const rowsXml = rowNumbers.map((r) => {
    const row = model.rows.get(r)!;
    const columns = [...row.cells.keys()].sort((a, b) => a - b);
    if (columns.length) {
      minColumn = Math.min(minColumn, columns[0]);
      maxColumn = Math.max(maxColumn, columns[columns.length - 1]);
    }
    const cells = columns.map((c) => {
      const cell = row.cells.get(c)!;
      return el("c", ` r="${a1(r, c)}"${cell.attributes}`, cell.inner);
    });
    return el("row", ` r="${r + 1}"${row.attributes}`, cells.join(""));
  });
  parts.set("sheetData", el("sheetData", "", rowsXml.join("")));
  if (rowNumbers.length && maxColumn >= 0) {
    parts.set("dimension", el("dimension", ` ref="${columnLetter(minColumn)}${rowNumbers[0] + 1}:${columnLetter(maxColumn)}${rowNumbers[rowNumbers.length - 1] + 1}"`));
  } else parts.set("dimension", el("dimension", ' ref="A1"'));
  if (model.cols.length) parts.set("cols", el("cols", "", model.cols.map((c) => el("col", ` min="${c.min}" max="${c.max}"${c.attributes}`)).join("")));
  if (model.autoFilter?.sqref.ranges.length) parts.set("autoFilter", el("autoFilter", ` ref="${rangeA1(model.autoFilter.sqref.ranges[0])}"${model.autoFilter.attributes}`, model.autoFilter.inner));
  if (model.merges.length) parts.set("mergeCells", el("mergeCells", ` count="${model.merges.length}"`, model.merges.map((m) => el("mergeCell", ` ref="${rangeA1(m)}"`)).join("")));
  if (model.conditional.length) parts.set("conditionalFormatting", model.conditional.map((cf) => el("conditionalFormatting", ` sqref="${sqrefText(cf.sqref)}"${cf.attributes}`, cf.inner)).join(""));
  if (model.validations.length) {
    const inner = model.validations.map((v) => el("dataValidation", `${v.attributes} sqref="${sqrefText(v.sqref)}"`, v.inner)).join("");
    parts.set("dataValidations", el("dataValidations", ` count="${model.validations.length}"${model.validationsAttributes}`, inner));
  }
  const links = model.hyperlinks.flatMap((h) => {
    const old = scanAttributes(h.attributes).find((a) => a.name.endsWith(":id"));
    let attributes = h.attributes;
    if (old) {
      const id = extras.hyperlinkId(old.raw);
      if (id === undefined) return [];
      attributes = `${removeAttribute(attributes, old.name)} ${rp}id="${encodeXml(id)}"`;
    }
    return [el("hyperlink", ` ref="${sqrefText(h.sqref)}"${attributes}`)];
  });
  if (links.length) parts.set("hyperlinks", el("hyperlinks", "", links.join("")));
  if (model.rowBreaks?.breaks.length) {
    const breaks = model.rowBreaks.breaks;
    const manual = breaks.filter((b) => findAttribute(b.attributes, "man")?.value === "1").length;
    parts.set("rowBreaks", el("rowBreaks", ` count="${breaks.length}" manualBreakCount="${manual}"${model.rowBreaks.attributes}`, breaks.map((b) => el("brk", ` id="${b.row}"${b.attributes}`)).join("")));
  }
  if (extras.drawingId) parts.set("drawing", el("drawing", ` ${rp}id="${encodeXml(extras.drawingId)}"`));
  if (extras.tableIds.length) parts.set("tableParts", el("tableParts", ` count="${extras.tableIds.length}"`, extras.tableIds.map((id) => el("tablePart", ` ${rp}id="${encodeXml(id)}"`)).join("")));
  // A sheet without page margins is valid, but Excel writes them: so do we, for printing as Excel would.
  if (!parts.has("pageMargins")) parts.set("pageMargins", el("pageMargins", ' left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"'));

  const body = WORKSHEET_ORDER.map((name) => parts.get(name) ?? "").join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet${model.rootAttributes}>${body}</${p}worksheet>`;
}
