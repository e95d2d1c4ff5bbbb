/**
 * Writes a checked copy of a workbook: the ORIGINAL package with only Pointage's additions — a
 * `Contrôle` sheet listing the findings with links to their cells, conditional formats that
 * colour each finding's cell by severity (the user's own fills stay in the file, under them),
 * notes holding the messages (merged into the sheet's own comments when it has some) and the
 * styles these need. Every other part is kept byte for byte: macros, charts, chart sheets,
 * defined names, external links, custom properties, printer settings (issue 14). Nothing is
 * re-serialised, and a worksheet's cells are never decoded: only the part after `</sheetData>`
 * is read and edited, so the copy costs about one unzip and one zip of the file (issue 10).
 * Bytes in, new bytes out; the input is never modified.
 */
import JSZip from "jszip";
import { quoteSheet } from "../core/address";
import type { Finding, Lang, Severity } from "../core/findings";
import { HEADER_COLOR, REPORT_COLUMN_WIDTHS, REPORT_LINK_COLUMN, REPORT_MESSAGE_COLUMN, REPORT_SHEET, reportHeader, reportOrder, reportRows, reportSummary, SEVERITY_COLOR } from "../core/report";
import { isUnusableFileError, UnusableFileError } from "./errors";
import { columnLetters, formatAddress, parseAddress } from "./formula";
import { openXlsxZip, toBytes } from "./open";
import {
  addContentType,
  addRelationship,
  appendStyles,
  appendToChild,
  cellText,
  childElements,
  CONTENT_TYPE,
  declaredPrefix,
  freePartPath,
  freeRelationshipId,
  insertAt,
  MAIN_NS,
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
  textNode,
  WORKBOOK_PART,
  type ChildElement,
  type SheetEntry,
  type WorkbookModel,
} from "./ooxmlParts";
import { convertToXlsx } from "./readSheetJs";
import { readSheetPartEnds, replaceSheetTail } from "./sheetPart";
import { decodeXml, eachStartTag, encodeXml, findAttribute, scanAttributes } from "./xml";

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

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** Between a rule and its message in a cell's note. */
const NOTE_SEPARATOR: Record<Lang, string> = { fr: " : ", en: ": " };
/** The author of the notes Pointage adds. */
const NOTE_AUTHOR = "Pointage";

// ---------------------------------------------------------------------------------------------
// The package

/** The package to add to: the input's zip, or for an .xls, .xlsb or .ods its conversion to .xlsx. */
async function openPackage(bytes: Uint8Array, fileName: string): Promise<JSZip> {
  try {
    return await openXlsxZip(bytes, fileName);
  } catch (error) {
    if (!isUnusableFileError(error) || !["xls", "xlsb", "ods"].includes(error.code)) throw error;
    const format = error.code;
    try {
      return await openXlsxZip(await convertToXlsx(bytes, fileName), fileName);
    } catch (converting) {
      // An .ods the hand-written reader reads but SheetJS does not (it wants the manifest and
      // styles.xml LibreOffice always writes): the report was made, only the copy fails.
      const refused = isUnusableFileError(converting) && (converting.code === "password" || converting.code === "too-large");
      if (format === "ods" && !refused) throw new UnusableFileError("no-copy", fileName, converting);
      throw converting;
    }
  }
}

/** The sheets by name, exact then case-insensitive (Excel's rule). */
function sheetLookup(sheets: readonly SheetEntry[]): (name: string) => SheetEntry | undefined {
  const exact = new Map<string, SheetEntry>();
  const folded = new Map<string, SheetEntry>();
  for (const sheet of sheets) {
    exact.set(sheet.name, sheet);
    if (!folded.has(sheet.name.toLowerCase())) folded.set(sheet.name.toLowerCase(), sheet);
  }
  return (name) => exact.get(name) ?? folded.get(name.toLowerCase());
}

/** A sheet name not used yet: `Contrôle`, then `Contrôle (2)`, … (Excel compares without case). */
function freeSheetName(sheets: readonly SheetEntry[], base: string): string {
  const taken = new Set(sheets.map((s) => s.name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const name = `${base} (${n})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

// ---------------------------------------------------------------------------------------------
// Styles: the conditional formats' fills (dxf) and the Contrôle sheet's cell formats (xf)

interface AddedStyles {
  dxf: Record<Severity, number>;
  header: number;
  severity: Record<Severity, number>;
  text: number;
  link: number;
  message: number;
  summary: number;
}

/** The size and name of the workbook's first font, so the Contrôle sheet's bold looks like the rest. */
function baseFont(xml: string): { size: string; name: string } {
  const root = rootElement(xml);
  const fonts = root && childElements(xml, root.contentStart).elements.find((e) => e.name === "fonts");
  const text = fonts ? xml.slice(fonts.start, fonts.end) : "";
  const size = eachStartTag(text, "sz")[0];
  const name = eachStartTag(text, "name")[0];
  return {
    size: (size && findAttribute(size.attributes, "val")?.value) || "11",
    name: (name && findAttribute(name.attributes, "val")?.value) || "Calibri",
  };
}

function addStyles(xml: string): { xml: string; styles: AddedStyles } {
  const font = baseFont(xml);
  const size = `<sz val="${encodeXml(font.size)}"/>`;
  const name = `<name val="${encodeXml(font.name)}"/>`;
  const fonts = appendStyles(xml, "fonts", [`<font><b/>${size}${name}</font>`, `<font><u/>${size}<color rgb="FF0563C1"/>${name}</font>`]);
  const solid = (argb: string) => `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`;
  const fills = appendStyles(fonts.xml, "fills", [solid(`FF${HEADER_COLOR}`), ...SEVERITIES.map((s) => solid(SEVERITY_FILL[s]))]);
  const borders = appendStyles(fills.xml, "borders", ['<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>']);
  const bold = fonts.first;
  const linkFont = fonts.first + 1;
  const top = '<alignment vertical="top"/>';
  // numFmtId 49 is Excel's built-in `@`: text stays text when the cell is edited.
  const xf = (fontId: number, fillId: number, borderId: number, numFmtId: number, alignment = "") =>
    `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
    `${numFmtId ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}${fillId ? ' applyFill="1"' : ""}${borderId ? ' applyBorder="1"' : ""}` +
    (alignment ? ` applyAlignment="1">${alignment}</xf>` : "/>");
  const cellXfs = appendStyles(borders.xml, "cellXfs", [
    xf(bold, fills.first, borders.first, 0),
    ...SEVERITIES.map((_, i) => xf(0, fills.first + 1 + i, 0, 49, top)),
    xf(0, 0, 0, 49, top),
    xf(linkFont, 0, 0, 49, top),
    xf(0, 0, 0, 49, '<alignment vertical="top" wrapText="1"/>'),
    xf(bold, 0, 0, 0),
  ]);
  // A conditional format's solid fill is its background colour.
  const dxfs = appendStyles(cellXfs.xml, "dxfs", SEVERITIES.map((s) => `<dxf><fill><patternFill patternType="solid"><bgColor rgb="${SEVERITY_FILL[s]}"/></patternFill></fill></dxf>`));
  const x = cellXfs.first;
  return {
    xml: dxfs.xml,
    styles: {
      dxf: { error: dxfs.first, warning: dxfs.first + 1, info: dxfs.first + 2 },
      header: x,
      severity: { error: x + 1, warning: x + 2, info: x + 3 },
      text: x + 4,
      link: x + 5,
      message: x + 6,
      summary: x + 7,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Marks on the flagged sheets

interface Cell {
  row: number;
  col: number;
}

interface SheetMarks {
  sheet: SheetEntry & { part: string };
  /** Single cells by severity (top-left cell of a merged area). */
  cells: Record<Severity, Cell[]>;
  /** Ranges by severity, as `A1:B2`. */
  ranges: Record<Severity, string[]>;
  /** Note lines by cell, in finding order. */
  notes: Map<string, { cell: Cell; lines: string[] }>;
}

/** The findings' places, by sheet. A finding whose sheet or address cannot be found is only listed. */
function groupMarks(findings: readonly Finding[], lookup: (name: string) => SheetEntry | undefined): Map<string, { sheet: SheetEntry & { part: string }; findings: Finding[] }> {
  const bySheet = new Map<string, { sheet: SheetEntry & { part: string }; findings: Finding[] }>();
  for (const finding of findings) {
    const sheet = lookup(finding.sheet);
    if (!sheet || !sheet.part) continue;
    let group = bySheet.get(sheet.part);
    if (!group) bySheet.set(sheet.part, (group = { sheet: sheet as SheetEntry & { part: string }, findings: [] }));
    group.findings.push(finding);
  }
  return bySheet;
}

/** The merged areas of a sheet, from its `<mergeCells>`. */
function mergedAreas(tail: string, mergeCells: ChildElement | undefined): { top: number; left: number; bottom: number; right: number }[] {
  if (!mergeCells) return [];
  const areas: { top: number; left: number; bottom: number; right: number }[] = [];
  for (const tag of eachStartTag(tail.slice(mergeCells.start, mergeCells.end), "mergeCell")) {
    const [a, b] = (findAttribute(tag.attributes, "ref")?.value ?? "").split(":").map((x) => parseAddress(x.replace(/\$/g, "")));
    if (a && b) areas.push({ top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) });
  }
  return areas;
}

function collectSheetMarks(sheet: SheetEntry & { part: string }, findings: readonly Finding[], merges: ReturnType<typeof mergedAreas>, lang: Lang): SheetMarks {
  const marks: SheetMarks = { sheet, cells: { error: [], warning: [], info: [] }, ranges: { error: [], warning: [], info: [] }, notes: new Map() };
  // A cell inside a merged area is shown by the area's top-left cell.
  const shown = (cell: Cell): Cell => {
    for (const m of merges) if (cell.row >= m.top && cell.row <= m.bottom && cell.col >= m.left && cell.col <= m.right) return { row: m.top, col: m.left };
    return cell;
  };
  for (const finding of findings) {
    const [first, second] = finding.cell.replace(/\$/g, "").split(":");
    const a = parseAddress(first ?? "");
    if (!a) continue;
    const b = second === undefined ? undefined : parseAddress(second);
    const severity = SEVERITIES.includes(finding.severity) ? finding.severity : "info";
    let noteCell: Cell;
    if (b && (a.row !== b.row || a.col !== b.col)) {
      const top = Math.min(a.row, b.row);
      const left = Math.min(a.col, b.col);
      marks.ranges[severity].push(`${formatAddress(top, left)}:${formatAddress(Math.max(a.row, b.row), Math.max(a.col, b.col))}`);
      noteCell = shown({ row: top, col: left });
    } else {
      noteCell = shown(a);
      marks.cells[severity].push(noteCell);
    }
    // Every message of a cell goes in its note; a range's note goes on its first cell.
    const key = formatAddress(noteCell.row, noteCell.col);
    let note = marks.notes.get(key);
    if (!note) marks.notes.set(key, (note = { cell: noteCell, lines: [] }));
    const line = `${finding.rule}${NOTE_SEPARATOR[lang]}${finding.message}`;
    if (!note.lines.includes(line)) note.lines.push(line);
  }
  return marks;
}

/** Single cells as a `sqref`: runs of cells down one column become one range (`G2:G100001`). */
function sqrefOf(cells: readonly Cell[], ranges: readonly string[]): string {
  const sorted = [...cells].sort((x, y) => x.col - y.col || x.row - y.row);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    const start = sorted[i];
    let end = start;
    let j = i + 1;
    while (j < sorted.length && sorted[j].col === start.col && sorted[j].row <= end.row + 1) end = sorted[j++];
    parts.push(end.row === start.row ? formatAddress(start.row, start.col) : `${formatAddress(start.row, start.col)}:${formatAddress(end.row, end.col)}`);
    i = j;
  }
  return [...new Set([...parts, ...ranges])].join(" ");
}

/** CT_Worksheet's order: what follows `conditionalFormatting`, and what follows `legacyDrawing`. */
const AFTER_CONDITIONAL_FORMATTING = new Set([
  "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
  "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF",
  "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
]);
const AFTER_LEGACY_DRAWING = new Set(["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"]);

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The text of one note: our lines, under the user's text when the cell already has a comment. */
function noteRun(lines: readonly string[], after: boolean): string {
  return `<r><t xml:space="preserve">${textNode((after ? "\n\n" : "") + lines.join("\n"))}</t></r>`;
}

/** One VML note shape (hidden until hovered, as Excel writes them). */
function noteShape(id: number, cell: Cell, shapeType: string): string {
  const r = cell.row - 1;
  const c = cell.col - 1;
  return (
    `<v:shape id="_x0000_s${id}" type="#${shapeType}" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:260pt;height:80pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>` +
    `<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${c + 1}, 15, ${Math.max(0, r - 1)}, 2, ${c + 5}, 15, ${r + 5}, 4</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${r}</x:Row><x:Column>${c}</x:Column></x:ClientData></v:shape>`
  );
}

const NOTE_SHAPE_TYPE =
  '<v:shapetype id="{{id}}" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function newVml(shapes: string): string {
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>' +
    NOTE_SHAPE_TYPE.replace("{{id}}", "_x0000_t202") +
    shapes +
    "</xml>"
  );
}

/** Adds the VML shapes of new notes to an existing drawing: after its own, with ids it does not use. */
function appendToVml(vml: string, cells: readonly Cell[]): string {
  let maxId = 1024;
  for (const m of vml.matchAll(/_x0000_s(\d{1,9})/g)) maxId = Math.max(maxId, Number(m[1]));
  let shapeType = "_x0000_t202";
  let extra = "";
  if (!vml.includes('id="_x0000_t202"')) {
    shapeType = "_pointage_t202";
    extra = NOTE_SHAPE_TYPE.replace("{{id}}", shapeType);
  }
  const shapes = extra + cells.map((cell, i) => noteShape(maxId + 1 + i, cell, shapeType)).join("");
  const close = vml.lastIndexOf("</xml>");
  if (close < 0) throw new PackageError("VML drawing without its end");
  return vml.slice(0, close) + shapes + vml.slice(close);
}

interface Work {
  zip: JSZip;
  contentTypes: string;
  newPaths: Set<string>;
}

/** Adds the conditional formats and notes of one flagged sheet to its part (and its comments, drawing, rels). */
async function markSheet(work: Work, group: { sheet: SheetEntry & { part: string }; findings: Finding[] }, styles: AddedStyles, lang: Lang): Promise<void> {
  const { zip } = work;
  const part = group.sheet.part;
  const entry = zip.file(part)!;
  // The cells are never decoded, nor held whole (sheetPart.ts): only what follows them is edited.
  const ends = await readSheetPartEnds(entry);
  const root = rootElement(ends.head);
  if (!root || ends.tailStart < 0) throw new PackageError(`no sheetData in ${part}`);
  const p = root.prefix;
  const tail = decoder.decode(ends.tail);
  const children = childElements(tail, 0);
  const marks = collectSheetMarks(group.sheet, group.findings, mergedAreas(tail, children.elements.find((e) => e.name === "mergeCells")), lang);

  const edits: { at: number; end?: number; text: string }[] = [];
  // Our rules come after the sheet's own (lower priority): error above warning above info.
  let maxPriority = 0;
  for (const tag of eachStartTag(tail, "cfRule")) maxPriority = Math.max(maxPriority, Number(findAttribute(tag.attributes, "priority")?.value) || 0);
  const formats = SEVERITIES.map((severity, i) => {
    const sqref = sqrefOf(marks.cells[severity], marks.ranges[severity]);
    if (!sqref) return "";
    return `<${p}conditionalFormatting sqref="${sqref}"><${p}cfRule type="expression" dxfId="${styles.dxf[severity]}" priority="${maxPriority + 1 + i}"><${p}formula>TRUE</${p}formula></${p}cfRule></${p}conditionalFormatting>`;
  }).join("");
  const cfAt = children.elements.find((e) => AFTER_CONDITIONAL_FORMATTING.has(e.name));
  edits.push({ at: cfAt ? cfAt.start : children.rootClose, text: formats });

  // Notes: into the sheet's comments part when it has one, else a new one with its drawing.
  const relsPath = relsPathOf(part);
  let relsXml = await readText(zip, relsPath);
  const rels = relsXml === undefined ? [] : readRelationships(relsXml);
  const sheetRelPrefix = declaredPrefix(root.attributes, REL_NS);
  const legacy = children.elements.find((e) => e.name === "legacyDrawing");
  const legacyId = legacy && (sheetRelPrefix ? findAttribute(legacy.attributes, `${sheetRelPrefix}id`)?.value : scanRelId(legacy.attributes));
  const vmlRel = rels.find((r) => r.id === legacyId && !r.external);
  const vmlPath = vmlRel ? resolveTarget(part, vmlRel.target) : undefined;
  const commentsRel = rels.find((r) => r.type.endsWith("/comments") && !r.external);
  const commentsPath = commentsRel ? resolveTarget(part, commentsRel.target) : undefined;

  const notes = [...marks.notes.values()].filter((n) => n.lines.length > 0);
  if (notes.length > 0) {
    const existing = commentsPath === undefined ? undefined : await readText(zip, commentsPath);
    const { xml: commentsXml, newCells } = mergeComments(existing, notes);
    let targetComments = commentsPath;
    if (existing === undefined || targetComments === undefined) {
      targetComments = freePartPath(zip, "xl/comments", ".xml", work.newPaths);
      work.contentTypes = addContentType(work.contentTypes, targetComments, CONTENT_TYPE.comments);
      relsXml = addRelationship(relsXml, freeRelationshipId(readRelationships(relsXml ?? "")), REL_TYPE.comments, relativeTarget(part, targetComments));
    }
    zip.file(targetComments, commentsXml);

    const existingVml = vmlPath === undefined ? undefined : await readText(zip, vmlPath);
    if (existingVml !== undefined && vmlPath !== undefined) {
      if (newCells.length > 0) zip.file(vmlPath, appendToVml(existingVml, newCells));
    } else {
      const path = freePartPath(zip, "xl/drawings/vmlDrawing", ".vml", work.newPaths);
      zip.file(path, newVml(newCells.map((cell, i) => noteShape(1025 + i, cell, "_x0000_t202")).join("")));
      work.contentTypes = addContentType(work.contentTypes, path, CONTENT_TYPE.vmlDrawing);
      const id = freeRelationshipId(readRelationships(relsXml ?? ""));
      relsXml = addRelationship(relsXml, id, REL_TYPE.vmlDrawing, relativeTarget(part, path));
      const declare = sheetRelPrefix ? "" : ` xmlns:pr="${REL_NS}"`;
      const tag = `<${p}legacyDrawing${declare} ${sheetRelPrefix ?? "pr:"}id="${id}"/>`;
      if (legacy) {
        // A legacyDrawing whose drawing is missing: point it at ours instead.
        edits.push({ at: legacy.start, end: legacy.end, text: tag });
      } else {
        const at = children.elements.find((e) => AFTER_LEGACY_DRAWING.has(e.name));
        edits.push({ at: at ? at.start : children.rootClose, text: tag });
      }
    }
    if (relsXml !== undefined) zip.file(relsPath, relsXml);
  }

  await replaceSheetTail(zip, part, entry, ends.tailStart, encoder.encode(insertAt(tail, edits)));
}

/** A relationship id attribute (`*:id`) when the root declares no prefix we know. */
function scanRelId(attributes: string): string | undefined {
  const found = scanAttributes(attributes).find((a) => a.name.endsWith(":id"));
  return found && decodeXml(found.raw);
}

/**
 * The comments part with our notes: a cell that has a comment gets our lines after the user's
 * text; other cells get a new comment by author « Pointage ». Returns the cells that need a
 * new VML shape.
 */
function mergeComments(existing: string | undefined, notes: readonly { cell: Cell; lines: string[] }[]): { xml: string; newCells: Cell[] } {
  let xml = existing ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN_NS}"><authors/><commentList/></comments>`;
  const root = rootElement(xml);
  if (!root) throw new PackageError("comments without a root");
  const p = root.prefix;
  let children = childElements(xml, root.contentStart);
  const authors = children.elements.find((e) => e.name === "authors");
  let authorId = 0;
  if (authors) {
    authorId = eachStartTag(xml.slice(authors.start, authors.end), "author").length;
    xml = appendToChild(xml, authors, p, `<${p}author>${NOTE_AUTHOR}</${p}author>`);
  } else {
    xml = insertAt(xml, [{ at: root.contentStart, text: `<${p}authors><${p}author>${NOTE_AUTHOR}</${p}author></${p}authors>` }]);
  }
  children = childElements(xml, root.contentStart);
  let list = children.elements.find((e) => e.name === "commentList");
  if (!list) {
    const authorsNow = children.elements.find((e) => e.name === "authors")!;
    xml = insertAt(xml, [{ at: authorsNow.end, text: `<${p}commentList/>` }]);
    list = childElements(xml, root.contentStart).elements.find((e) => e.name === "commentList")!;
  }
  const byRef = new Map<string, ChildElement>();
  if (!list.selfClosing) {
    for (const comment of childElements(xml, list.startTagEnd).elements) {
      if (comment.name !== "comment") continue;
      const ref = findAttribute(comment.attributes, "ref")?.value.replace(/\$/g, "").toUpperCase();
      if (ref && !byRef.has(ref)) byRef.set(ref, comment);
    }
  }
  const edits: { at: number; text: string }[] = [];
  const added: string[] = [];
  const newCells: Cell[] = [];
  for (const note of notes) {
    const ref = formatAddress(note.cell.row, note.cell.col);
    const comment = byRef.get(ref);
    const textClose = comment ? xml.lastIndexOf(`</${p}text>`, comment.end) : -1;
    if (comment && textClose > comment.start) {
      edits.push({ at: textClose, text: noteRun(note.lines, true).replace(/<(\/?)(?=[a-z])/g, `<$1${p}`) });
    } else {
      added.push(`<${p}comment ref="${ref}" authorId="${authorId}"><${p}text>${noteRun(note.lines, false).replace(/<(\/?)(?=[a-z])/g, `<$1${p}`)}</${p}text></${p}comment>`);
      newCells.push(note.cell);
    }
  }
  if (list.selfClosing) {
    edits.push({ at: list.start, text: `<${p}commentList>${added.join("")}</${p}commentList>` });
    xml = insertAt(xml, edits);
    // Remove the old self-closed list, now just after ours.
    const selfClosed = `<${p}commentList${list.attributes}/>`;
    const at = xml.indexOf(selfClosed, list.start);
    if (at >= 0) xml = xml.slice(0, at) + xml.slice(at + selfClosed.length);
  } else {
    edits.push({ at: xml.lastIndexOf("</", list.end - 1), text: added.join("") });
    xml = insertAt(xml, edits);
  }
  return { xml, newCells };
}

// ---------------------------------------------------------------------------------------------
// The Contrôle sheet

function reportSheetXml(found: readonly Finding[], lang: Lang, styles: AddedStyles, lookup: (name: string) => SheetEntry | undefined): string {
  // Errors first (reportOrder); the autofilter lets the reader sort or filter further.
  const findings = reportOrder(found);
  const headers = reportHeader(lang);
  const rows = reportRows(findings, lang);
  const cell = (row: number, col: number, text: string, style: number) =>
    `<c r="${columnLetters(col)}${row}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${textNode(text)}</t></is></c>`;
  const out: string[] = [];
  const links: string[] = [];
  out.push(`<row r="1">${headers.map((h, i) => cell(1, i + 1, h, styles.header)).join("")}</row>`);
  findings.forEach((finding, i) => {
    const r = i + 2;
    const values = rows[i];
    const severity = SEVERITIES.includes(finding.severity) ? finding.severity : "info";
    const cells = values.map((value, c) => {
      // No cell for an empty Constaté or Attendu: the column's filter shows « (vides) ».
      if (value === "") return "";
      if (c === 0) return cell(r, 1, value, styles.severity[severity]);
      if (c === REPORT_LINK_COLUMN) {
        const target = lookup(finding.sheet);
        const address = cellText(value);
        const [first, second] = address.split(":");
        const linkable = target && parseAddress(first ?? "") && (second === undefined || parseAddress(second));
        if (!linkable || !target) return cell(r, c + 1, value, styles.text);
        links.push(`<hyperlink ref="${columnLetters(c + 1)}${r}" location="${encodeXml(`${quoteSheet(target.name)}!${address}`)}"/>`);
        return cell(r, c + 1, value, styles.link);
      }
      return cell(r, c + 1, value, c === REPORT_MESSAGE_COLUMN ? styles.message : styles.text);
    });
    out.push(`<row r="${r}">${cells.join("")}</row>`);
  });
  const summaryRow = findings.length + 3;
  out.push(`<row r="${summaryRow}">${cell(summaryRow, 1, reportSummary(findings, lang), styles.summary)}</row>`);
  const lastColumn = columnLetters(headers.length);
  const cols = REPORT_COLUMN_WIDTHS.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<dimension ref="A1:${lastColumn}${summaryRow}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols>` +
    `<sheetData>${out.join("")}</sheetData>` +
    (findings.length > 0 ? `<autoFilter ref="A1:${lastColumn}${findings.length + 1}"/>` : "") +
    (links.length > 0 ? `<hyperlinks>${links.join("")}</hyperlinks>` : "") +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `</worksheet>`
  );
}

/** Adds the Contrôle sheet as the workbook's last sheet: its part, relationship, `<sheet>` and content type. */
function addReportSheet(work: Work, model: WorkbookModel, sheetXml: string, name: string): void {
  const path = freePartPath(work.zip, "xl/worksheets/sheet", ".xml", work.newPaths);
  work.zip.file(path, sheetXml);
  work.contentTypes = addContentType(work.contentTypes, path, CONTENT_TYPE.worksheet);
  const id = freeRelationshipId(model.rels);
  work.zip.file(relsPathOf(WORKBOOK_PART), addRelationship(model.relsXml, id, REL_TYPE.worksheet, relativeTarget(WORKBOOK_PART, path)));
  const sheetId = Math.max(0, ...model.sheets.map((s) => s.sheetId)) + 1;
  const r = model.relPrefix ?? "pr:";
  const declare = model.relPrefix ? "" : ` xmlns:pr="${REL_NS}"`;
  const tag = `<${model.prefix}sheet${declare} name="${encodeXml(name)}" sheetId="${sheetId}" ${r}id="${id}"/>`;
  work.zip.file(WORKBOOK_PART, appendToChild(model.xml, model.sheetsElement, model.prefix, tag));
}

// ---------------------------------------------------------------------------------------------

/**
 * A copy of the workbook with the findings marked (a conditional fill by severity, a note with
 * the messages) and a `Contrôle` sheet listing them (`Contrôle (2)` if the name is taken). The
 * copy is the original package plus these additions: an .xlsm stays an .xlsm (see
 * isMacroWorkbook). An .xls, .xlsb or .ods is first converted to .xlsx (see convertToXlsx).
 * Throws UnusableFileError when the input cannot be read. The input bytes are not modified.
 */
export async function writeCheckedCopy(
  data: Uint8Array | ArrayBuffer,
  findings: Finding[],
  lang: Lang,
  options: WriteOptions = {},
): Promise<Uint8Array> {
  const fileName = options.fileName ?? "classeur.xlsx";
  const zip = await openPackage(toBytes(data), fileName);
  try {
    const model = await readWorkbookModel(zip);
    const contentTypes = await readText(zip, "[Content_Types].xml");
    if (contentTypes === undefined) throw new PackageError("no [Content_Types].xml");
    const work: Work = { zip, contentTypes, newPaths: new Set() };

    const styles = await stylesPart(zip, model, work);
    const added = addStyles(styles.xml);
    zip.file(styles.path, added.xml);

    const lookup = sheetLookup(model.sheets);
    for (const group of groupMarks(findings, lookup).values()) await markSheet(work, group, added.styles, lang);
    const name = freeSheetName(model.sheets, REPORT_SHEET);
    addReportSheet(work, model, reportSheetXml(findings, lang, added.styles, lookup), name);
    zip.file("[Content_Types].xml", work.contentTypes);
  } catch (error) {
    if (isUnusableFileError(error)) throw error;
    throw new UnusableFileError(error instanceof PackageError ? "unsupported" : "corrupt", fileName, error);
  }
  // Parts left alone keep their compressed bytes: only what changed is compressed again.
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** Whether a package is a macro-enabled workbook (`.xlsm`): its copy must keep that extension to open in Excel. */
export async function isMacroWorkbook(data: Uint8Array | ArrayBuffer, fileName = "classeur.xlsx"): Promise<boolean> {
  let zip: JSZip;
  try {
    zip = await openXlsxZip(toBytes(data), fileName);
  } catch {
    return false;
  }
  const types = (await readText(zip, "[Content_Types].xml")) ?? "";
  return types.includes("application/vnd.ms-excel.sheet.macroEnabled.main+xml") || types.includes("application/vnd.ms-excel.template.macroEnabled.main+xml");
}
