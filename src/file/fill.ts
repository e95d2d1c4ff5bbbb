/**
 * The file host of templates: applies a fill plan (src/core/fill/plan.ts) to `.xlsx` bytes and
 * returns a new workbook; the input bytes are never modified.
 *
 * The copy is the ORIGINAL package plus the filled sheet's parts, as the checked copy is made
 * (writeChecked.ts): every part of the input is kept byte for byte — macros, charts, names,
 * external links, custom properties, printer settings, the user's fills — except
 * `xl/workbook.xml` (the new `<sheet>`, its names, recalculation on load), its relationships,
 * `[Content_Types].xml` and `xl/styles.xml` (new number formats). The new parts:
 * - the sheet, built from the template sheet's own XML with the plan's row operations applied
 *   as Excel's Insert / Delete of rows do (fillSheetXml.ts, rowOperations.ts);
 * - a copy of each of the template's Excel tables on the copied rows, stretched with them;
 * - a drawing and one chart part per plan chart (fillChart.ts).
 * The template's sheet-scoped names (and workbook names over it) are copied for the new sheet
 * (fillNames.ts). It is written by hand because no library edits an .xlsx package losslessly.
 *
 * The new sheet goes right after its template (or last) and is not made the active tab: the
 * tab selected in the file stays selected (selecting two would group them, and deselecting the
 * old one would mean rewriting its part). An .xls, .xlsb or .ods is refused with the same
 * UnusableFileError as before (a template is filled in an .xlsx).
 */
import type JSZip from "jszip";
import { parseRange, rangeA1 } from "../core/address";
import type { FillPlan } from "../core/fill/plan";
import { isUnusableFileError, UnusableFileError } from "./errors";
import { chartXml, drawingXml } from "./fillChart";
import { copyNames, DROPPED_TABLE, withTablesRenamed } from "./fillNames";
import { addPlanConditionalFormats, applyRowOperation, emptySheetModel, moveRange, parseSheetXml, serialiseSheet, writePlanCells } from "./fillSheetXml";
import { StyleBook } from "./fillStyles";
import { openXlsxZip, toBytes } from "./open";
import {
  addContentType,
  addRelationship,
  appendToChild,
  childElements,
  CONTENT_TYPE,
  freePartPath,
  freeRelationshipId,
  insertAt,
  PackageError,
  readRelationships,
  readText,
  readWorkbookModel,
  REL_NS,
  REL_TYPE,
  relativeTarget,
  relsPathOf,
  resolveTarget,
  rootElement,
  stylesPart,
  WORKBOOK_PART,
  type Relationship,
  type SheetEntry,
  type WorkbookModel,
} from "./ooxmlParts";
import { decodeXml, eachStartTag, encodeXml, findAttribute, removeAttribute, setAttribute } from "./xml";

export interface FillFileOptions {
  fileName?: string;
  /**
   * What the plan or the template holds that this host does not write, one call each: a table
   * left with no data row, a template part not copied (`part`: its notes, pictures, form
   * controls, extensions, protected ranges, custom views).
   */
  onSkipped?: (kind: "chart" | "table" | "name" | "part", detail: string) => void;
}

/** Parts only: a package whose zip lists no folders gets none (JSZip would add `xl/`, `xl/worksheets/`…). */
const NO_FOLDERS = { createFolders: false } as const;

interface Work {
  zip: JSZip;
  contentTypes: string;
  newPaths: Set<string>;
}

/** The new sheet's relationships, made as parts are added. */
class SheetRels {
  xml: string | undefined;
  private rels: Relationship[] = [];
  constructor(private readonly part: string) {}
  add(type: string, target: string, external = false): string {
    const id = freeRelationshipId(this.rels);
    this.xml = addRelationship(this.xml, id, type, external ? target : relativeTarget(this.part, target), external);
    this.rels = readRelationships(this.xml);
    return id;
  }
}

/** The sheet named `name` (exactly, else without case, Excel's rule). */
function findSheet(sheets: readonly SheetEntry[], name: string): SheetEntry | undefined {
  return sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

/** Applies a fill plan to a workbook's bytes and returns the new workbook's bytes. */
export async function fillWorkbook(bytes: Uint8Array | ArrayBuffer, plan: FillPlan, options: FillFileOptions = {}): Promise<Uint8Array> {
  const fileName = options.fileName ?? "classeur.xlsx";
  const zip = await openXlsxZip(toBytes(bytes), fileName).catch((error: unknown) => {
    // A workbook `check` reads through SheetJS or the .ods reader: readable, but not a package to fill.
    if (isUnusableFileError(error) && (error.code === "xls" || error.code === "xlsb" || error.code === "ods")) throw new UnusableFileError("no-fill", fileName, error);
    throw error;
  });
  try {
    const model = await readWorkbookModel(zip);
    const template = plan.template === undefined ? undefined : findSheet(model.sheets, plan.template);
    if (plan.template !== undefined && !template?.part) throw new UnusableFileError("unsupported", fileName, new Error(`no sheet ${plan.template}`));
    if (findSheet(model.sheets, plan.sheetName)) throw new UnusableFileError("unsupported", fileName, new Error(`sheet ${plan.sheetName} exists`));
    const contentTypes = await readText(zip, "[Content_Types].xml");
    if (contentTypes === undefined) throw new PackageError("no [Content_Types].xml");
    const work: Work = { zip, contentTypes, newPaths: new Set() };

    const templateXml = template?.part ? await readText(zip, template.part) : undefined;
    const sheet = templateXml === undefined ? emptySheetModel() : parseSheetXml(templateXml);
    for (const name of sheet.dropped) options.onSkipped?.("part", name);
    for (const op of plan.rowOperations) applyRowOperation(sheet, op);
    const sheetPath = freePartPath(zip, "xl/worksheets/sheet", ".xml", work.newPaths);
    const rels = new SheetRels(sheetPath);
    const templateRels = template?.part ? readRelationships((await readText(zip, relsPathOf(template.part))) ?? "") : [];
    const tables = template?.part ? await copyTables(work, model, template.part, templateRels, sheet.tableIds, plan, rels, options) : { ids: [], renamed: new Map<string, string>() };

    const styles = await stylesPart(zip, model, work);
    const book = new StyleBook(styles.xml);
    writePlanCells(sheet, withTablesRenamedIn(plan, tables.renamed), book);
    addPlanConditionalFormats(sheet, plan, book);

    const hyperlinkIds = new Map<string, string | undefined>();
    const hyperlinkId = (old: string) => {
      if (!hyperlinkIds.has(old)) {
        const rel = templateRels.find((r) => r.id === old && r.type.endsWith("/hyperlink"));
        hyperlinkIds.set(old, rel ? rels.add(REL_TYPE.hyperlink, rel.target, rel.external) : undefined);
      }
      return hyperlinkIds.get(old);
    };
    const drawingId = addCharts(work, plan, rels);
    work.zip.file(sheetPath, serialiseSheet(sheet, { drawingId, tableIds: tables.ids, hyperlinkId }), NO_FOLDERS);
    if (rels.xml !== undefined) work.zip.file(relsPathOf(sheetPath), rels.xml, NO_FOLDERS);
    work.contentTypes = addContentType(work.contentTypes, sheetPath, CONTENT_TYPE.worksheet);

    zip.file(styles.path, book.result(), NO_FOLDERS);
    addSheetToWorkbook(work, model, plan, template, sheetPath);
    zip.file("[Content_Types].xml", work.contentTypes, NO_FOLDERS);
  } catch (error) {
    if (isUnusableFileError(error)) throw error;
    throw new UnusableFileError(error instanceof PackageError ? "unsupported" : "corrupt", fileName, error);
  }
  // Parts left alone keep their compressed bytes: only what changed is compressed again.
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** Every table name and id of the package, and the workbook's defined names (one namespace with table names). */
async function takenTableNames(zip: JSZip, model: WorkbookModel): Promise<{ names: Set<string>; maxId: number }> {
  const names = new Set<string>();
  let maxId = 0;
  for (const path of Object.keys(zip.files)) {
    if (!/^xl\/tables\/[^/]+\.xml$/i.test(path)) continue;
    const root = rootElement((await readText(zip, path)) ?? "");
    if (!root) continue;
    for (const a of ["name", "displayName"]) {
      const v = findAttribute(root.attributes, a)?.value;
      if (v) names.add(v.toLowerCase());
    }
    maxId = Math.max(maxId, Number(findAttribute(root.attributes, "id")?.value) || 0);
  }
  for (const tag of eachStartTag(model.xml, "definedName")) {
    const v = findAttribute(tag.attributes, "name")?.value;
    if (v) names.add(v.toLowerCase());
  }
  return { names, maxId };
}

/**
 * Copies the template's tables for the new sheet: new parts with unique names and ids, their
 * range (and filter) moved with the rows; returns the new names, for the sheet's formulas. A
 * table whose data rows all went (an empty list) is not copied (Excel wants at least one data
 * row): it is reported, and the filled sheet's references to it become `#REF!`.
 */
async function copyTables(
  work: Work,
  model: WorkbookModel,
  templatePart: string,
  templateRels: readonly Relationship[],
  ids: readonly string[],
  plan: FillPlan,
  rels: SheetRels,
  options: FillFileOptions,
): Promise<{ ids: string[]; renamed: Map<string, string> }> {
  const out: string[] = [];
  const renamed = new Map<string, string>();
  if (ids.length === 0) return { ids: out, renamed };
  const taken = await takenTableNames(work.zip, model);
  const copies: [string, string][] = [];
  for (const id of ids) {
    const rel = templateRels.find((r) => r.id === id && !r.external);
    const xml = rel && (await readText(work.zip, resolveTarget(templatePart, rel.target)));
    const root = xml ? rootElement(xml) : undefined;
    if (!xml || !root) continue;
    const name = findAttribute(root.attributes, "displayName")?.value ?? findAttribute(root.attributes, "name")?.value ?? "Tableau";
    const ref = parseRange(findAttribute(root.attributes, "ref")?.value ?? "");
    const moved = ref && moveRange(ref, plan.rowOperations);
    const header = Number(findAttribute(root.attributes, "headerRowCount")?.value ?? 1) || 0;
    const totals = Number(findAttribute(root.attributes, "totalsRowCount")?.value ?? 0) || 0;
    if (!moved || moved.end.row - moved.start.row + 1 < header + totals + 1) {
      options.onSkipped?.("table", name);
      renamed.set(name.toLowerCase(), DROPPED_TABLE);
      continue;
    }
    let unique = name;
    for (let n = 2; taken.names.has(unique.toLowerCase()); n++) unique = `${name}_${n}`;
    taken.names.add(unique.toLowerCase());
    renamed.set(name.toLowerCase(), unique);
    const tableId = ++taken.maxId;
    let attributes = root.attributes;
    for (const [a, v] of [["id", String(tableId)], ["name", unique], ["displayName", unique], ["ref", rangeA1(moved)]]) attributes = setAttribute(attributes, a, v);
    // A revision id names one table: the copy gets none rather than a duplicate.
    attributes = removeAttribute(attributes, "xr:uid");
    const start = xml.lastIndexOf("<", root.contentStart - 1);
    const selfClose = xml[root.contentStart - 2] === "/";
    let copy = xml.slice(0, start) + `<${root.prefix}table${attributes}${selfClose ? "/" : ""}>` + xml.slice(root.contentStart);
    const filter = eachStartTag(copy, "autoFilter")[0];
    const filterRef = filter && parseRange(findAttribute(filter.attributes, "ref")?.value ?? "");
    const filterMoved = filterRef && moveRange(filterRef, plan.rowOperations);
    if (filter && filterMoved) copy = insertAt(copy, [{ at: filter.start, end: filter.end, text: `<${filter.tag}${setAttribute(filter.attributes, "ref", rangeA1(filterMoved))}${filter.slash}>` }]);
    const path = freePartPath(work.zip, "xl/tables/table", ".xml", work.newPaths);
    copies.push([path, copy]);
    work.contentTypes = addContentType(work.contentTypes, path, CONTENT_TYPE.table);
    out.push(rels.add(REL_TYPE.table, path));
  }
  // The copies' own column formulas name their own table.
  for (const [path, xml] of copies) work.zip.file(path, withFormulasRenamed(xml, renamed), NO_FOLDERS);
  return { ids: out, renamed };
}

/** A table part with its calculated-column and totals formulas naming the copied tables. */
function withFormulasRenamed(xml: string, renamed: ReadonlyMap<string, string>): string {
  const edits: { at: number; end: number; text: string }[] = [];
  for (const name of ["calculatedColumnFormula", "totalsRowFormula"]) {
    for (const tag of eachStartTag(xml, name)) {
      if (tag.slash) continue;
      const close = xml.indexOf("</", tag.end);
      if (close < 0) continue;
      edits.push({ at: tag.end, end: close, text: encodeXml(withTablesRenamed(decodeXml(xml.slice(tag.end, close)), renamed)) });
    }
  }
  return insertAt(xml, edits);
}

/** The plan with its formulas naming the copies of the template's tables. */
function withTablesRenamedIn(plan: FillPlan, renamed: ReadonlyMap<string, string>): FillPlan {
  if (renamed.size === 0) return plan;
  const blocks = plan.blocks.map((b) => ({
    ...b,
    cells: b.cells.map((row) => row.map((c) => (c?.kind === "formula" ? { ...c, formula: withTablesRenamed(c.formula, renamed) } : c))),
  }));
  return { ...plan, blocks };
}

/** The plan's charts: one drawing for the sheet, one chart part each. Returns the drawing's relationship id. */
function addCharts(work: Work, plan: FillPlan, rels: SheetRels): string | undefined {
  const charts = plan.charts ?? [];
  if (charts.length === 0) return undefined;
  const drawingPath = freePartPath(work.zip, "xl/drawings/drawing", ".xml", work.newPaths);
  const drawingRels = new SheetRels(drawingPath);
  const ids = charts.map((chart) => {
    const path = freePartPath(work.zip, "xl/charts/chart", ".xml", work.newPaths);
    work.zip.file(path, chartXml(chart, plan.sheetName), NO_FOLDERS);
    work.contentTypes = addContentType(work.contentTypes, path, CONTENT_TYPE.chart);
    return drawingRels.add(REL_TYPE.chart, path);
  });
  work.zip.file(drawingPath, drawingXml(charts, ids), NO_FOLDERS);
  work.zip.file(relsPathOf(drawingPath), drawingRels.xml!, NO_FOLDERS);
  work.contentTypes = addContentType(work.contentTypes, drawingPath, CONTENT_TYPE.drawing);
  return rels.add(REL_TYPE.drawing, drawingPath);
}

/** CT_Workbook's elements that come after `calcPr`: a missing `calcPr` goes before the first of them. */
const AFTER_CALC_PR = ["oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"];

/**
 * workbook.xml with the new `<sheet>` after its template (sheet indices after it shift: the
 * names scoped to them and the active tab follow), the names copied for it, and `calcPr` set to
 * recalculate on load (the new formulas have no cached value).
 */
function addSheetToWorkbook(work: Work, model: WorkbookModel, plan: FillPlan, template: SheetEntry | undefined, sheetPath: string): void {
  const id = freeRelationshipId(model.rels);
  work.zip.file(relsPathOf(WORKBOOK_PART), addRelationship(model.relsXml, id, REL_TYPE.worksheet, relativeTarget(WORKBOOK_PART, sheetPath)), NO_FOLDERS);
  const sheetId = Math.max(0, ...model.sheets.map((s) => s.sheetId)) + 1;
  const r = model.relPrefix ?? "pr:";
  const declare = model.relPrefix ? "" : ` xmlns:pr="${REL_NS}"`;
  const p = model.prefix;
  const tag = `<${p}sheet${declare} name="${encodeXml(plan.sheetName)}" sheetId="${sheetId}" ${r}id="${id}"/>`;
  const templateIndex = template ? model.sheets.indexOf(template) : -1;
  const newIndex = template ? templateIndex + 1 : model.sheets.length;
  let xml = template ? insertAt(model.xml, [{ at: template.tagEnd, text: tag }]) : appendToChild(model.xml, model.sheetsElement, p, tag);

  // Last, a sheet made from nothing shifts no index and copies no name.
  if (template) xml = copyNames(xml, { templateIndex, newIndex, templateName: template.name, newName: plan.sheetName, rowOperations: plan.rowOperations }).xml;

  const root = rootElement(xml)!;
  const children = () => childElements(xml, root.contentStart).elements;
  // The tab shown stays the one shown; indices at or after the new sheet move by one.
  const views = children().find((e) => e.name === "bookViews");
  if (views && !views.selfClosing) {
    const edits = childElements(xml, views.startTagEnd)
      .elements.filter((e) => e.name === "workbookView")
      .map((e) => {
        let attributes = e.attributes;
        for (const a of ["activeTab", "firstSheet"]) {
          const v = Number(findAttribute(attributes, a)?.value ?? 0);
          if (v >= newIndex) attributes = setAttribute(attributes, a, String(v + 1));
        }
        return { at: e.start, end: e.startTagEnd, text: `<${p}workbookView${attributes}${e.selfClosing ? "/" : ""}>` };
      });
    xml = insertAt(xml, edits);
  }
  const calc = children().find((e) => e.name === "calcPr");
  if (calc) {
    xml = insertAt(xml, [{ at: calc.start, end: calc.startTagEnd, text: `<${p}calcPr${setAttribute(calc.attributes, "fullCalcOnLoad", "1")}${calc.selfClosing ? "/" : ""}>` }]);
  } else {
    const next = children().find((e) => AFTER_CALC_PR.includes(e.name));
    const rootClose = childElements(xml, root.contentStart).rootClose;
    xml = insertAt(xml, [{ at: next ? next.start : rootClose, text: `<${p}calcPr fullCalcOnLoad="1"/>` }]);
  }
  work.zip.file(WORKBOOK_PART, xml, NO_FOLDERS);
}
