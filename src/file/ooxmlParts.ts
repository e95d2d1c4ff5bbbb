/**
 * Small, linear helpers to add to an OOXML package without re-serialising it: the top-level
 * elements of a part, relationships, content types, part paths. No DOM and no regular
 * expression that can backtrack over workbook text (issue 14): each scan reads its input once.
 */
import type JSZip from "jszip";
import { decodeXml, eachStartTag, encodeXml, findAttribute, isXmlSpace, scanAttributes, setAttribute, startTagEnd } from "./xml";

export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL_TYPE = {
  worksheet: `${REL_NS}/worksheet`,
  comments: `${REL_NS}/comments`,
  vmlDrawing: `${REL_NS}/vmlDrawing`,
  styles: `${REL_NS}/styles`,
  table: `${REL_NS}/table`,
  drawing: `${REL_NS}/drawing`,
  chart: `${REL_NS}/chart`,
  hyperlink: `${REL_NS}/hyperlink`,
} as const;
export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vmlDrawing: "application/vnd.openxmlformats-officedocument.vmlDrawing",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
} as const;

/** One element that is a direct child of the part's root. */
export interface ChildElement {
  /** Local name, without the namespace prefix. */
  name: string;
  /** Index of its `<`. */
  start: number;
  /** Index of the `>` of its start tag, plus one. */
  startTagEnd: number;
  /** Index just after its end tag (or of the self-closing start tag). */
  end: number;
  /** The start tag's attribute text. */
  attributes: string;
  selfClosing: boolean;
}

export interface Children {
  elements: ChildElement[];
  /** Index of the `<` of the root's end tag, or the text's length when it is missing. */
  rootClose: number;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(":");
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/**
 * The direct children of the element whose content starts at `from` (depth 1 there), up to its
 * end tag: one pass over the text, comments, processing instructions and CDATA skipped.
 */
export function childElements(xml: string, from: number): Children {
  const elements: ChildElement[] = [];
  let depth = 1;
  let open: ChildElement | undefined;
  let lt = xml.indexOf("<", from);
  while (lt >= 0) {
    if (xml.startsWith("<!--", lt)) {
      const close = xml.indexOf("-->", lt + 4);
      if (close < 0) break;
      lt = xml.indexOf("<", close + 3);
      continue;
    }
    if (xml.startsWith("<![CDATA[", lt)) {
      const close = xml.indexOf("]]>", lt + 9);
      if (close < 0) break;
      lt = xml.indexOf("<", close + 3);
      continue;
    }
    if (xml.startsWith("<?", lt) || xml.startsWith("<!", lt)) {
      const close = xml.indexOf(">", lt + 2);
      if (close < 0) break;
      lt = xml.indexOf("<", close + 1);
      continue;
    }
    const gt = startTagEnd(xml, lt);
    if (gt < 0) {
      lt = xml.indexOf("<", lt + 1);
      continue;
    }
    if (xml.charCodeAt(lt + 1) === 47 /* / */) {
      depth--;
      if (depth === 0) return { elements, rootClose: lt };
      if (depth === 1 && open) {
        open.end = gt + 1;
        elements.push(open);
        open = undefined;
      }
    } else {
      let i = lt + 1;
      while (i < gt && !isXmlSpace(xml.charCodeAt(i)) && xml.charCodeAt(i) !== 47) i++;
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      if (depth === 1) {
        const element: ChildElement = {
          name: localName(xml.slice(lt + 1, i)),
          start: lt,
          startTagEnd: gt + 1,
          end: gt + 1,
          attributes: xml.slice(i, selfClosing ? gt - 1 : gt),
          selfClosing,
        };
        if (selfClosing) elements.push(element);
        else open = element;
      }
      if (!selfClosing) depth++;
    }
    lt = xml.indexOf("<", gt + 1);
  }
  return { elements, rootClose: xml.length };
}

/** The root element of a part: its qualified name's prefix (`x:` or "") and where its content starts. */
export function rootElement(xml: string): { prefix: string; contentStart: number; attributes: string } | undefined {
  let lt = xml.indexOf("<");
  while (lt >= 0 && (xml.startsWith("<?", lt) || xml.startsWith("<!", lt))) {
    const close = xml.startsWith("<!--", lt) ? xml.indexOf("-->", lt) + 2 : xml.indexOf(">", lt);
    if (close < 0) return undefined;
    lt = xml.indexOf("<", close + 1);
  }
  if (lt < 0) return undefined;
  const gt = startTagEnd(xml, lt);
  if (gt < 0) return undefined;
  let i = lt + 1;
  while (i < gt && !isXmlSpace(xml.charCodeAt(i)) && xml.charCodeAt(i) !== 47) i++;
  const name = xml.slice(lt + 1, i);
  const colon = name.indexOf(":");
  return { prefix: colon < 0 ? "" : name.slice(0, colon + 1), contentStart: gt + 1, attributes: xml.slice(i, gt) };
}

/** The prefix (`r:`) a start tag's attributes declare for a namespace, or undefined. */
export function declaredPrefix(attributes: string, namespace: string): string | undefined {
  const found = scanAttributes(attributes).find((a) => a.name.startsWith("xmlns:") && decodeXml(a.raw) === namespace);
  return found ? `${found.name.slice(6)}:` : undefined;
}

/** Inserts texts at positions (each before what was at that position), or replaces `[at, end)`, in one pass. */
export function insertAt(xml: string, edits: { at: number; end?: number; text: string }[]): string {
  if (edits.length === 0) return xml;
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const parts: string[] = [];
  let from = 0;
  for (const edit of sorted) {
    parts.push(xml.slice(from, edit.at), edit.text);
    from = edit.end ?? edit.at;
  }
  parts.push(xml.slice(from));
  return parts.join("");
}

/** Adds children at the end of a child element (turning `<x/>` into `<x>…</x>`), its `count` set. */
export function appendToChild(xml: string, element: ChildElement, prefix: string, inner: string, count?: number): string {
  let attributes = element.attributes;
  if (count !== undefined) attributes = setAttribute(attributes, "count", String(count));
  const tag = `${prefix}${element.name}`;
  if (element.selfClosing) return xml.slice(0, element.start) + `<${tag}${attributes}>${inner}</${tag}>` + xml.slice(element.end);
  const closeAt = xml.lastIndexOf("</", element.end - 1);
  return xml.slice(0, element.start) + `<${tag}${attributes}>` + xml.slice(element.startTagEnd, closeAt) + inner + xml.slice(closeAt);
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function readRelationships(xml: string): Relationship[] {
  return eachStartTag(xml, "Relationship").map(({ attributes }) => ({
    id: findAttribute(attributes, "Id")?.value ?? "",
    type: findAttribute(attributes, "Type")?.value ?? "",
    target: findAttribute(attributes, "Target")?.value ?? "",
    external: (findAttribute(attributes, "TargetMode")?.value ?? "") === "External",
  }));
}

/** A relationship id the part does not use yet: `rIdPointage1`, … */
export function freeRelationshipId(relationships: readonly Relationship[]): string {
  const taken = new Set(relationships.map((r) => r.id));
  for (let n = 1; ; n++) if (!taken.has(`rIdPointage${n}`)) return `rIdPointage${n}`;
}

/** Adds a relationship to a rels part (or makes the part); `external` for a URL or a file outside the package. */
export function addRelationship(xml: string | undefined, id: string, type: string, target: string, external = false): string {
  const tag = `<Relationship Id="${encodeXml(id)}" Type="${encodeXml(type)}" Target="${encodeXml(target)}"${external ? ' TargetMode="External"' : ""}/>`;
  if (xml === undefined) return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${tag}</Relationships>`;
  const root = rootElement(xml);
  if (!root) throw new Error("relationships part without a root");
  const children = childElements(xml, root.contentStart);
  if (children.rootClose >= xml.length) {
    // `<Relationships …/>`: an empty part written self-closed.
    const selfClose = xml.lastIndexOf("/>");
    return `${xml.slice(0, selfClose)}>${tag}</${root.prefix}Relationships>${xml.slice(selfClose + 2)}`;
  }
  return insertAt(xml, [{ at: children.rootClose, text: tag }]);
}

/** Adds an `<Override>` for a new part to `[Content_Types].xml`. */
export function addContentType(xml: string, partPath: string, contentType: string): string {
  const root = rootElement(xml);
  if (!root) throw new Error("[Content_Types].xml without a root");
  const children = childElements(xml, root.contentStart);
  return insertAt(xml, [{ at: children.rootClose, text: `<${root.prefix}Override PartName="/${encodeXml(partPath)}" ContentType="${encodeXml(contentType)}"/>` }]);
}

/** The package path a relationship target points at, from the folder of its source part. */
export function resolveTarget(sourcePart: string, target: string): string {
  const decoded = decodeURIComponentSafe(target);
  if (decoded.startsWith("/")) return normalise(decoded.slice(1));
  const folder = sourcePart.includes("/") ? sourcePart.slice(0, sourcePart.lastIndexOf("/") + 1) : "";
  return normalise(folder + decoded);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "..") out.pop();
    else if (segment !== "." && segment !== "") out.push(segment);
  }
  return out.join("/");
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relative target from one part's folder to another part (both package paths). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

// ---------------------------------------------------------------------------------------------
// The package: its parts, its workbook, its styles (shared by the checked copy and the filled copy)

/** Excel's limit on a cell's text. */
const MAX_CELL_TEXT = 32767;

export const WORKBOOK_PART = "xl/workbook.xml";
export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** A structure the package lacks (no sheets list, no workbook relationships): not a copy we can make. */
export class PackageError extends Error {}

/** Text safe for a cell: no characters XML 1.0 forbids (nor lone surrogates), within Excel's length limit. */
export function cellText(text: string): string {
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

/**
 * Text for a `<t>` element: XML-escaped, a carriage return kept as a character reference, and
 * `_x0041_`-like sequences escaped as Excel reads them (`_x005F_`), so the text shows as given.
 */
export function textNode(text: string): string {
  return encodeXml(cellText(text))
    .replace(/\r/g, "&#13;")
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
}

export async function readText(zip: JSZip, path: string): Promise<string | undefined> {
  const file = zip.file(path);
  return file ? file.async("string") : undefined;
}

/** The first `<stem><n><ext>` path the package does not hold. */
export function freePartPath(zip: JSZip, stem: string, ext: string, taken: Set<string>): string {
  const held = new Set(Object.keys(zip.files).map((p) => p.toLowerCase()));
  for (let n = 1; ; n++) {
    const path = `${stem}${n}${ext}`;
    if (!held.has(path.toLowerCase()) && !taken.has(path.toLowerCase())) {
      taken.add(path.toLowerCase());
      return path;
    }
  }
}

export interface SheetEntry {
  name: string;
  sheetId: number;
  /** The worksheet part, or undefined for a chart sheet, a dialog sheet or a missing part. */
  part?: string;
  /** Where its `<sheet>` tag is in workbook.xml: `[start, end)`. */
  tagStart: number;
  tagEnd: number;
}

export interface WorkbookModel {
  xml: string;
  prefix: string;
  /** The prefix the workbook gives the relationships namespace (`r:`), if it declares one. */
  relPrefix?: string;
  sheetsElement: ChildElement;
  sheets: SheetEntry[];
  rels: Relationship[];
  relsXml: string;
}

export async function readWorkbookModel(zip: JSZip): Promise<WorkbookModel> {
  const xml = await readText(zip, WORKBOOK_PART);
  const relsXml = await readText(zip, relsPathOf(WORKBOOK_PART));
  if (xml === undefined || relsXml === undefined) throw new PackageError("no workbook relationships");
  const root = rootElement(xml);
  if (!root) throw new PackageError("no workbook element");
  const sheetsElement = childElements(xml, root.contentStart).elements.find((e) => e.name === "sheets");
  if (!sheetsElement) throw new PackageError("no sheets");
  const relPrefix = declaredPrefix(root.attributes, REL_NS);
  const rels = readRelationships(relsXml);
  const sheets: SheetEntry[] = [];
  for (const tag of eachStartTag(xml.slice(sheetsElement.start, sheetsElement.end), "sheet")) {
    const name = findAttribute(tag.attributes, "name")?.value;
    if (name === undefined) continue;
    const id = relPrefix ? findAttribute(tag.attributes, `${relPrefix}id`)?.value : undefined;
    const rel = rels.find((r) => r.id === id);
    const part = rel && !rel.external && rel.type.endsWith("/worksheet") ? resolveTarget(WORKBOOK_PART, rel.target) : undefined;
    sheets.push({ name, sheetId: Number(findAttribute(tag.attributes, "sheetId")?.value) || 0, part: part && zip.file(part) ? part : undefined, tagStart: sheetsElement.start + tag.start, tagEnd: sheetsElement.start + tag.end });
  }
  return { xml, prefix: root.prefix, relPrefix, sheetsElement, sheets, rels, relsXml };
}

export const EMPTY_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** CT_Stylesheet's order: a missing section goes before the first present one that follows it. */
const STYLE_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];
/** The element each section holds. */
const STYLE_ITEM: Record<string, string> = { numFmts: "numFmt", fonts: "font", fills: "fill", borders: "border", cellXfs: "xf", dxfs: "dxf" };

/** Appends items to a section of styles.xml (made if missing); returns the new text and the first new index. */
export function appendStyles(xml: string, section: string, items: string[]): { xml: string; first: number } {
  const root = rootElement(xml);
  if (!root) throw new PackageError("styles without a root");
  const p = root.prefix;
  const children = childElements(xml, root.contentStart);
  const element = children.elements.find((e) => e.name === section);
  if (!element) {
    const after = STYLE_ORDER.slice(STYLE_ORDER.indexOf(section) + 1);
    const next = children.elements.find((e) => after.includes(e.name));
    xml = insertAt(xml, [{ at: next ? next.start : children.rootClose, text: `<${p}${section} count="0"/>` }]);
    return appendStyles(xml, section, items);
  }
  const existing = eachStartTag(xml.slice(element.start, element.end), STYLE_ITEM[section]).length;
  const inner = items.map((item) => item.replace(/<(\/?)(?=[a-zA-Z])/g, `<$1${p}`)).join("");
  return { xml: appendToChild(xml, element, p, inner, existing + items.length), first: existing };
}

/** The workbook's styles part (its path and text), or a new `xl/styles.xml` registered in the package when it has none. */
export async function stylesPart(
  zip: JSZip,
  model: WorkbookModel,
  work: { contentTypes: string; newPaths: Set<string> },
): Promise<{ path: string; xml: string }> {
  const stylesRel = model.rels.find((r) => r.type.endsWith("/styles") && !r.external);
  const path = stylesRel ? resolveTarget(WORKBOOK_PART, stylesRel.target) : undefined;
  const xml = path === undefined ? undefined : await readText(zip, path);
  if (xml !== undefined && path !== undefined) return { path, xml };
  // Excel's own name when free (a package without styles, from a script), else a numbered one.
  const made = zip.file("xl/styles.xml") ? freePartPath(zip, "xl/styles", ".xml", work.newPaths) : "xl/styles.xml";
  work.contentTypes = addContentType(work.contentTypes, made, CONTENT_TYPE.styles);
  model.relsXml = addRelationship(model.relsXml, freeRelationshipId(model.rels), REL_TYPE.styles, relativeTarget(WORKBOOK_PART, made));
  model.rels = readRelationships(model.relsXml);
  return { path: made, xml: EMPTY_STYLES };
}
