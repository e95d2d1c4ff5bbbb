/**
 * The .xlsx reader: jszip, then one left-to-right scan of each part Pointage needs (workbook,
 * relationships, shared strings, styles, worksheets, tables), straight into the snapshot. No DOM
 * and no workbook model: a plain ExcelJS load kept every cell as an object and cost several
 * times the parse (issue 10); it also refused valid files for their drawings or comments, which
 * are never read here, and read a formula with no cached value as an empty cell (issue 14).
 *
 * Every scan is linear in its part (no backtracking regular expression over workbook text), the
 * limits of limits.ts are checked as cells are met, and a part the workbook announces but does not
 * hold, or that is not well-formed XML, is refused with a message naming the sheet and the part,
 * never read as an empty sheet.
 */
import type JSZip from "jszip";
import { excelSerial } from "../core/address";
import type { CellValue, DefinedNameSnapshot, ListObjectSnapshot, SheetSnapshot, WorkbookSnapshot } from "../core/model";
import { SheetBuilder, type Bounds, type CellRecord } from "./assemble";
import { attributeText, bytesAre, ByteXmlScanner, digitsValue, eachAttribute, MalformedXml, plainNumber, rawText, textOf } from "./byteXml";
import { isUnusableFileError, UnusableFileError, type DamageDetail } from "./errors";
import { displayFormula, formatAddress, translateFormula } from "./formula";
import { MAX_CELLS_PER_SHEET, MAX_COLUMNS, MAX_ROWS, MAX_UNZIPPED_MB, MB, type LimitKind } from "./limits";
import { decodeXml, elementText, isXmlSpace, scanAttributes, startTagEnd } from "./xml";
import { BeyondUnzipBudget, inflateEntry, type UnzipBudget } from "./zipSize";

/** Excel's built-in number formats (ids without a `numFmt` in styles.xml), as ExcelJS names them. */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** A part that is not well-formed where the scan can tell (an unterminated tag, an unclosed element). */
class MalformedPart extends Error {}

/** The local name of a qualified name (`x:row` → `row`). */
function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

interface XmlVisitor {
  /** A start tag; `attributes` is its raw attribute text; `after` the index just after its `>`. */
  open(local: string, attributes: string, selfClosing: boolean, after: number): void;
  /** An end tag (also called right after `open` for a self-closing tag); `at` is the index of its `<`. */
  close(local: string, at: number): void;
}

/**
 * Walks the tags of a part once, left to right. Comments, processing instructions and CDATA are
 * skipped whole. Throws MalformedPart for a tag that never ends or elements left open at the end
 * (a truncated part), which a tolerant scan would otherwise read as a shorter sheet.
 */
function scanXml(xml: string, visitor: XmlVisitor): void {
  let depth = 0;
  let lt = xml.indexOf("<");
  while (lt >= 0) {
    const next = xml.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      const close = xml.startsWith("<!--", lt) ? xml.indexOf("-->", lt + 4) : xml.startsWith("<![CDATA[", lt) ? xml.indexOf("]]>", lt + 9) : xml.indexOf(">", lt);
      if (close < 0) throw new MalformedPart("unterminated markup");
      lt = xml.indexOf("<", close + 1);
      continue;
    }
    if (next === 63 /* ? */) {
      const close = xml.indexOf("?>", lt + 2);
      if (close < 0) throw new MalformedPart("unterminated processing instruction");
      lt = xml.indexOf("<", close + 2);
      continue;
    }
    const gt = startTagEnd(xml, lt);
    if (gt < 0) throw new MalformedPart("unterminated tag");
    if (next === 47 /* / */) {
      let end = gt;
      while (end > lt + 2 && isXmlSpace(xml.charCodeAt(end - 1))) end--;
      visitor.close(localName(xml.slice(lt + 2, end)), lt);
      depth--;
      if (depth < 0) throw new MalformedPart("end tag without start tag");
    } else {
      let i = lt + 1;
      while (i < gt) {
        const c = xml.charCodeAt(i);
        if (isXmlSpace(c) || c === 47) break;
        i++;
      }
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      const local = localName(xml.slice(lt + 1, i));
      visitor.open(local, xml.slice(i, selfClosing ? gt - 1 : gt), selfClosing, gt + 1);
      if (selfClosing) visitor.close(local, gt + 1);
      else depth++;
    }
    lt = xml.indexOf("<", gt + 1);
  }
  if (depth !== 0) throw new MalformedPart("unclosed element");
}

/** Attribute values of a start tag by local name (`r:id` → `id`), decoded. */
function attributesOf(attributes: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of scanAttributes(attributes)) out.set(localName(a.name), decodeXml(a.raw));
  return out;
}

/** One attribute's value (by local name), decoded, without building the whole map. */
function attribute(attributes: string, name: string): string | undefined {
  if (!attributes.includes(name)) return undefined;
  for (const a of scanAttributes(attributes)) {
    if (a.name === name || localName(a.name) === name) return decodeXml(a.raw);
  }
  return undefined;
}

/** The text of an element between two indexes, CDATA sections unwrapped, entities decoded. */
function textBetween(xml: string, from: number, to: number): string {
  return elementText(xml.slice(from, to));
}

/** A part's path from a relationship target, relative to the folder of the part that names it. */
function resolveTarget(fromPart: string, target: string): string {
  const base = target.startsWith("/") ? [] : fromPart.split("/").slice(0, -1);
  for (const piece of target.split("/")) {
    if (piece === "" || piece === ".") continue;
    if (piece === "..") base.pop();
    else base.push(piece);
  }
  return base.join("/");
}

/** The relationships part of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`). */
function relsPath(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

interface Relationship {
  type: string;
  target: string;
  external: boolean;
}

/** The context a reader needs to refuse a file with a message naming what is wrong. */
interface Source {
  zip: JSZip;
  fileName: string;
  /** What the parts may still unzip to: counted as they are inflated, whatever the zip declares. */
  budget: UnzipBudget;
}

function damaged(source: Source, detail: DamageDetail, cause?: unknown): UnusableFileError {
  return new UnusableFileError("damaged", source.fileName, cause, undefined, detail);
}

function beyond(source: Source, kind: LimitKind, sheet: string): UnusableFileError {
  return new UnusableFileError("too-large", source.fileName, undefined, { kind, sheet });
}

/**
 * Unzips a part chunk by chunk into `onChunk`. A part that unzips past the workbook's budget (its
 * zip declared less: a zip bomb) is refused naming it, before the rest is inflated; one that
 * cannot be unzipped, or whose XML `onChunk` finds malformed, is damage naming it.
 */
async function streamPart(source: Source, path: string, entry: JSZip.JSZipObject, onChunk: (chunk: Uint8Array) => void, sheet?: string): Promise<void> {
  try {
    await inflateEntry(entry, source.budget, onChunk);
  } catch (error) {
    if (error instanceof BeyondUnzipBudget) throw new UnusableFileError("too-large", source.fileName, undefined, { kind: "unzipped-size", part: path, sheet });
    if (isUnusableFileError(error)) throw error;
    throw damaged(source, { kind: "malformed", part: path, sheet }, error);
  }
}

const utf8 = new TextDecoder("utf-8");

/** A part's text, or undefined when the zip does not hold it (for the small parts: workbook, relationships, styles, tables). */
async function partText(source: Source, path: string, sheet?: string): Promise<string | undefined> {
  const entry = source.zip.file(path);
  if (!entry) return undefined;
  const chunks: Uint8Array[] = [];
  let length = 0;
  await streamPart(
    source,
    path,
    entry,
    (chunk) => {
      chunks.push(chunk);
      length += chunk.length;
    },
    sheet,
  );
  if (chunks.length === 1) return utf8.decode(chunks[0]);
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return utf8.decode(bytes);
}

/** Scans a part, turning a malformed one into a message naming it. */
function scanPart(source: Source, path: string, xml: string, visitor: XmlVisitor, sheet?: string): void {
  try {
    scanXml(xml, visitor);
  } catch (error) {
    if (error instanceof MalformedPart) throw damaged(source, { kind: "malformed", part: path, sheet }, error);
    throw error;
  }
}

async function readRelationships(source: Source, part: string): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  const path = relsPath(part);
  const xml = await partText(source, path);
  if (xml === undefined) return rels;
  scanPart(source, path, xml, {
    open(local, attributes) {
      if (local !== "Relationship") return;
      const a = attributesOf(attributes);
      const id = a.get("Id");
      const target = a.get("Target");
      if (!id || target === undefined) return;
      const external = (a.get("TargetMode") ?? "").toLowerCase() === "external";
      rels.set(id, { type: a.get("Type") ?? "", target: external ? target : resolveTarget(part, target), external });
    },
    close() {},
  });
  return rels;
}

interface SheetEntry {
  name: string;
  relId?: string;
  state?: string;
}

interface DefinedNameEntry {
  name: string;
  formula: string;
  localSheetId?: number;
  hidden: boolean;
}

interface WorkbookPart {
  date1904: boolean;
  sheets: SheetEntry[];
  names: DefinedNameEntry[];
}

function readWorkbookPart(source: Source, xml: string): WorkbookPart {
  const out: WorkbookPart = { date1904: false, sheets: [], names: [] };
  let name: { entry: Omit<DefinedNameEntry, "formula">; from: number } | undefined;
  scanPart(source, "xl/workbook.xml", xml, {
    open(local, attributes, selfClosing, after) {
      if (local === "workbookPr") {
        out.date1904 = /^(1|true|on)$/i.test((attribute(attributes, "date1904") ?? "").trim());
      } else if (local === "sheet") {
        const a = attributesOf(attributes);
        const entryName = a.get("name");
        if (entryName !== undefined) out.sheets.push({ name: entryName, relId: a.get("id"), state: a.get("state") });
      } else if (local === "definedName" && !selfClosing) {
        const a = attributesOf(attributes);
        const local = a.get("localSheetId");
        name = {
          entry: { name: a.get("name") ?? "", localSheetId: local === undefined ? undefined : Number(local), hidden: /^(1|true)$/i.test(a.get("hidden") ?? "") },
          from: after,
        };
      }
    },
    close(local, at) {
      if (local === "definedName" && name) {
        out.names.push({ ...name.entry, formula: textBetween(xml, name.from, at) });
        name = undefined;
      }
    },
  });
  return out;
}

/** The tags a shared strings scan tells apart. */
const STRING_TAGS = ["si", "t", "rPh"];

/** The shared strings, rich text runs joined, phonetic guides (`rPh`) left out as Excel shows them; read as the part is unzipped. */
async function readSharedStrings(source: Source, path: string, entry: JSZip.JSZipObject): Promise<string[]> {
  const strings: string[] = [];
  let current: string[] | undefined;
  let phonetic = 0;
  let capturing = false;
  const scanner: ByteXmlScanner = new ByteXmlScanner(STRING_TAGS, {
    open(id, _buf, _attrStart, _attrEnd, selfClosing, after) {
      if (id === 0) current = [];
      else if (id === 2) phonetic++;
      else if (id === 1 && !selfClosing && phonetic === 0) {
        capturing = true;
        scanner.mark(after);
      }
    },
    close(id, buf, at) {
      if (id === 1 && capturing) {
        current?.push(textOf(buf, scanner.marked(), at));
        capturing = false;
      } else if (id === 2) phonetic--;
      else if (id === 0) {
        strings.push(current ? (current.length === 1 ? current[0] : current.join("")) : "");
        current = undefined;
      }
    },
  });
  await streamPart(source, path, entry, (chunk) => scanner.push(chunk));
  try {
    scanner.end();
  } catch (error) {
    if (error instanceof MalformedXml) throw damaged(source, { kind: "malformed", part: path }, error);
    throw error;
  }
  return strings;
}

/** The number format of each cell style (`s` index into `cellXfs`). */
function readStyles(source: Source, path: string, xml: string): string[] {
  const custom = new Map<number, string>();
  const formats: string[] = [];
  let inCellXfs = false;
  scanPart(source, path, xml, {
    open(local, attributes, selfClosing) {
      if (local === "numFmt") {
        const a = attributesOf(attributes);
        const id = Number(a.get("numFmtId"));
        const code = a.get("formatCode");
        if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
      } else if (local === "cellXfs" && !selfClosing) inCellXfs = true;
      else if (local === "xf" && inCellXfs) {
        const id = Number(attribute(attributes, "numFmtId") ?? 0);
        formats.push(String(id));
      }
    },
    close(local) {
      if (local === "cellXfs") inCellXfs = false;
    },
  });
  // Resolved once styles are read whole: numFmts come before cellXfs, but nothing requires it.
  return formats.map((id) => {
    const n = Number(id);
    const format = custom.get(n) ?? BUILT_IN_FORMATS[n];
    return format === undefined || format === "" ? "General" : format;
  });
}

/** 1-based row and column of an A1 reference (`B12`), or undefined; written for speed (one per cell). */
function cellPosition(ref: string): { row: number; col: number } | undefined {
  let i = 0;
  let col = 0;
  const n = ref.length;
  while (i < n) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
    i++;
  }
  if (i === 0 || i > 3 || i === n) return undefined;
  let row = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    row = row * 10 + (c - 48);
  }
  return row >= 1 ? { row, col } : undefined;
}

/** A range `A1:B2` (or one cell) as 1-based bounds, corners in any order. */
function rangeBounds(ref: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const [a, b = a] = ref.replace(/\$/g, "").split(":");
  const p = cellPosition(a);
  const q = cellPosition(b);
  if (!p || !q) return undefined;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  const tl = formatAddress(top, left);
  const br = formatAddress(bottom, right);
  return tl === br ? tl : `${tl}:${br}`;
}

/** A date cell (`t="d"`, ISO 8601) as its serial number, as a spreadsheet shows it. */
function dateSerial(text: string, date1904: boolean): number | undefined {
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !/T/.test(text) ? text : `${text}Z`);
  const serial = excelSerial(date, date1904);
  return Number.isFinite(serial) ? serial : undefined;
}

interface SheetContext {
  source: Source;
  name: string;
  path: string;
  strings: string[] | undefined;
  stringsPath: string;
  formats: string[];
  date1904: boolean;
}

interface SheetCells {
  sheet: SheetBuilder;
  merges: Bounds[];
  tableIds: string[];
}

/** The tags a worksheet scan tells apart (ByteXmlScanner ids). */
const SHEET_TAGS = ["row", "c", "v", "f", "is", "t", "rPh", "sheetData", "mergeCell", "tablePart"];
const ROW = 0;
const C = 1;
const V = 2;
const F = 3;
const IS = 4;
const T = 5;
const RPH = 6;
const SHEET_DATA = 7;
const MERGE_CELL = 8;
const TABLE_PART = 9;

/** A cell's `t`, from its bytes. */
const enum CellKind {
  Number,
  Shared,
  Str,
  Inline,
  Bool,
  Error,
  Date,
}

function cellKind(text: string): CellKind {
  switch (text) {
    case "s":
      return CellKind.Shared;
    case "str":
      return CellKind.Str;
    case "inlineStr":
      return CellKind.Inline;
    case "b":
      return CellKind.Bool;
    case "e":
      return CellKind.Error;
    case "d":
      return CellKind.Date;
    default:
      return CellKind.Number;
  }
}

/** 1-based row and column of a plain A1 reference in bytes (`B12`), or false; written for speed (one per cell). */
function bytePosition(buf: Uint8Array, from: number, to: number, out: { row: number; col: number }): boolean {
  let i = from;
  let col = 0;
  while (i < to) {
    const c = buf[i] | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
    i++;
  }
  if (i === from || i - from > 3 || i === to) return false;
  let row = 0;
  for (; i < to; i++) {
    const c = buf[i];
    if (c < 48 || c > 57) return false;
    row = row * 10 + (c - 48);
  }
  if (row < 1) return false;
  out.row = row;
  out.col = col;
  return true;
}

/**
 * Reads one worksheet part as it is unzipped (ByteXmlScanner): its cells straight into a
 * SheetBuilder, its merged areas and table parts. No object per cell, and no text kept but the
 * cells' own.
 */
async function readSheetPart(ctx: SheetContext, entry: JSZip.JSZipObject): Promise<SheetCells> {
  const { source, name } = ctx;
  const sheet = new SheetBuilder();
  const merges: Bounds[] = [];
  const tableIds: string[] = [];
  const shared = new Map<string, { formula: string; address: string }>();
  let cellCount = 0;

  let inSheetData = false;
  let rowNumber = 0;
  let col = 0;
  // The cell being read.
  let kind = CellKind.Number;
  let numFmt = "General";
  /** Whether the cell has a `<v>`, and what it reads as (type "" when it reads as nothing). */
  let hasValue = false;
  let value: CellValue = "";
  let valueType: CellRecord["type"] | "" = "";
  let formulaText: string | undefined;
  let formulaKind = "";
  let formulaShared: string | undefined;
  let formulaRef = false;
  let hasFormula = false;
  let inline: string[] | undefined;
  let phonetic = 0;
  /** Which element's text is being kept (V, F, T), or -1. */
  let capturing = -1;
  let inCell = false;
  const position = { row: 0, col: 0 };

  const cellAddress = (): string => formatAddress(rowNumber, col);

  const sharedString = (index: number, text: string): string => {
    // `text` names the index in the message, as the file writes it.
    if (!ctx.strings) throw damaged(source, { kind: "missing-strings", part: ctx.stringsPath, sheet: name, cell: cellAddress() });
    const s = Number.isInteger(index) ? ctx.strings[index] : undefined;
    if (s === undefined) throw damaged(source, { kind: "bad-string", part: ctx.stringsPath, sheet: name, cell: cellAddress(), index: text });
    return s;
  };

  /** A constant or a formula's stored result from its text, by the cell's `t`. */
  const typedText = (text: string): void => {
    valueType = "";
    switch (kind) {
      case CellKind.Shared:
        value = sharedString(Number(text), text);
        valueType = "String";
        return;
      case CellKind.Str:
      case CellKind.Inline:
        value = text;
        valueType = "String";
        return;
      case CellKind.Bool:
        value = text === "1" || text.toLowerCase() === "true";
        valueType = "Boolean";
        return;
      case CellKind.Error:
        value = text;
        valueType = "Error";
        return;
      case CellKind.Date: {
        const serial = dateSerial(text, ctx.date1904);
        if (serial !== undefined) {
          value = serial;
          valueType = "Double";
        }
        return;
      }
      default: {
        if (text.trim() === "") return;
        const n = Number(text);
        if (Number.isFinite(n)) {
          value = n;
          valueType = "Double";
        } else {
          value = "#NUM!";
          valueType = "Error";
        }
      }
    }
  };

  /** The same from the bytes of the `<v>`, without making a string where a number is plain. */
  const typedBytes = (buf: Uint8Array, from: number, to: number): void => {
    if (kind === CellKind.Number) {
      const n = plainNumber(buf, from, to);
      if (n !== undefined) {
        value = n;
        valueType = "Double";
        return;
      }
    } else if (kind === CellKind.Shared) {
      const index = digitsValue(buf, from, to);
      const s = index >= 0 ? ctx.strings?.[index] : undefined;
      // A missing one is said from its text, as written.
      if (s !== undefined) {
        value = s;
        valueType = "String";
        return;
      }
    }
    typedText(textOf(buf, from, to));
  };

  const endCell = (): void => {
    inCell = false;
    let formula: string | undefined;
    let cellValue: CellValue;
    let cellType: CellRecord["type"];
    if (hasFormula) {
      if (formulaText !== undefined && formulaText !== "") {
        formula = formulaText;
        if (formulaKind === "shared" && formulaShared !== undefined && formulaRef) shared.set(formulaShared, { formula, address: cellAddress() });
      } else if (formulaKind === "shared" && formulaShared !== undefined) {
        const master = shared.get(formulaShared);
        if (master) formula = translateFormula(master.formula, master.address, cellAddress());
      }
      // No `<v>`: the file stores no result (a script wrote it). Kept apart from a stored empty
      // text (`t="str"` with `<v></v>`, type String), so that src/core/evaluate.ts computes it or
      // the engine reports it as not checked.
      if (hasValue && valueType !== "") {
        cellValue = value;
        cellType = valueType;
      } else {
        cellValue = "";
        cellType = "Empty";
      }
      // Joined, not concatenated: V8 keeps `"=" + text` as a two-string pair (32 bytes more for each
      // of a million formulas) where join makes one flat string.
      if (formula !== undefined) formula = ["=", displayFormula(formula)].join("");
    } else {
      if (kind === CellKind.Inline) typedText((inline ?? []).join(""));
      else if (!hasValue) return;
      // An empty text is no data, as in Office.js's used range.
      if (valueType === "" || (valueType === "String" && value === "")) return;
      cellValue = value;
      cellType = valueType;
    }
    if (++cellCount > MAX_CELLS_PER_SHEET) throw beyond(source, "cells", name);
    sheet.add(rowNumber, col, cellValue, formula, numFmt, cellType);
  };

  /** The `<c>` tag's attributes: `r`, `t`, `s`. */
  let refFound = false;
  const cellAttribute = (buf: Uint8Array, nameFrom: number, nameTo: number, from: number, to: number): void => {
    if (nameTo - nameFrom !== 1) return;
    const letter = buf[nameFrom];
    if (letter === 114 /* r */) {
      const plain = bytePosition(buf, from, to, position);
      if (plain) refFound = true;
      else {
        const p = cellPosition(attributeText(buf, from, to));
        if (p) {
          position.row = p.row;
          position.col = p.col;
          refFound = true;
        }
      }
    } else if (letter === 116 /* t */) {
      kind = bytesAre(buf, from, to, "s") ? CellKind.Shared : cellKind(attributeText(buf, from, to));
    } else if (letter === 115 /* s */) {
      const index = digitsValue(buf, from, to);
      // A cell with no style shows General, whatever the first style says (as ExcelJS read it).
      if (from === to) numFmt = "General";
      else numFmt = ctx.formats[index >= 0 ? index : Number(attributeText(buf, from, to))] ?? "General";
    }
  };

  const scanner: ByteXmlScanner = new ByteXmlScanner(SHEET_TAGS, {
    open(id, buf, attrStart, attrEnd, selfClosing, after) {
      if (inCell) {
        if (id === V) {
          if (selfClosing) {
            hasValue = true;
            typedText("");
          } else {
            capturing = V;
            scanner.mark(after);
          }
        } else if (id === F) {
          hasFormula = true;
          if (attrEnd > attrStart) {
            const a = attributesOf(rawText(buf, attrStart, attrEnd));
            formulaKind = a.get("t") ?? "";
            formulaShared = a.get("si");
            formulaRef = a.has("ref");
          }
          if (selfClosing) formulaText = "";
          else {
            capturing = F;
            scanner.mark(after);
          }
        } else if (id === IS) inline = [];
        else if (id === RPH) phonetic++;
        else if (id === T && inline && phonetic === 0 && !selfClosing) {
          capturing = T;
          scanner.mark(after);
        }
        return;
      }
      if (id === SHEET_DATA) inSheetData = !selfClosing;
      else if (id === ROW && inSheetData) {
        let r: number | undefined;
        eachAttribute(buf, attrStart, attrEnd, (_, nameFrom, nameTo, from, to) => {
          if (nameTo - nameFrom === 1 && buf[nameFrom] === 114 && r === undefined) {
            const n = digitsValue(buf, from, to);
            r = n >= 0 ? n : Number(attributeText(buf, from, to));
          }
        });
        rowNumber = r === undefined ? rowNumber + 1 : r;
        if (!Number.isInteger(rowNumber) || rowNumber < 1) throw damaged(source, { kind: "malformed", part: ctx.path, sheet: name });
        if (rowNumber > MAX_ROWS) throw beyond(source, "rows", name);
        col = 0;
      } else if (id === C && inSheetData) {
        kind = CellKind.Number;
        numFmt = "General";
        refFound = false;
        eachAttribute(buf, attrStart, attrEnd, cellAttribute);
        if (refFound) {
          col = position.col;
          rowNumber = position.row;
        } else col++;
        if (rowNumber > MAX_ROWS) throw beyond(source, "rows", name);
        if (col > MAX_COLUMNS) throw beyond(source, "columns", name);
        hasValue = false;
        value = "";
        valueType = "";
        formulaText = undefined;
        formulaKind = "";
        formulaShared = undefined;
        formulaRef = false;
        hasFormula = false;
        inline = undefined;
        phonetic = 0;
        capturing = -1;
        inCell = true;
        if (selfClosing) endCell();
      } else if (id === MERGE_CELL) {
        const bounds = rangeBounds(attribute(rawText(buf, attrStart, attrEnd), "ref") ?? "");
        if (bounds) merges.push(bounds);
      } else if (id === TABLE_PART) {
        const tableId = attribute(rawText(buf, attrStart, attrEnd), "id");
        if (tableId) tableIds.push(tableId);
      }
    },
    close(id, buf, at) {
      if (inCell) {
        if (id === C) endCell();
        else if (id === capturing) {
          const from = scanner.marked();
          capturing = -1;
          if (id === V) {
            hasValue = true;
            typedBytes(buf, from, at);
          } else if (id === F) formulaText = textOf(buf, from, at);
          else inline?.push(textOf(buf, from, at));
        } else if (id === RPH) phonetic--;
        return;
      }
      if (id === SHEET_DATA) inSheetData = false;
    },
  });
  await streamPart(ctx.source, ctx.path, entry, (chunk) => scanner.push(chunk), name);
  try {
    scanner.end();
  } catch (error) {
    if (error instanceof MalformedXml) throw damaged(source, { kind: "malformed", part: ctx.path, sheet: name }, error);
    throw error;
  }
  return { sheet, merges, tableIds };
}

async function readTables(source: Source, sheetPath: string, tableIds: string[], sheet: string): Promise<ListObjectSnapshot[]> {
  if (tableIds.length === 0) return [];
  const rels = await readRelationships(source, sheetPath);
  const tables: ListObjectSnapshot[] = [];
  for (const id of tableIds) {
    const rel = rels.get(id);
    if (!rel || rel.external) continue;
    const xml = await partText(source, rel.target, sheet);
    // A table part the sheet names but the zip lacks only loses the table's name: the cells are read.
    if (xml === undefined) continue;
    let found: ListObjectSnapshot | undefined;
    scanPart(
      source,
      rel.target,
      xml,
      {
        open(local, attributes) {
          if (local !== "table" || found) return;
          const a = attributesOf(attributes);
          const ref = a.get("ref");
          const displayName = a.get("displayName");
          if (ref) found = { name: displayName || a.get("name") || id, range: ref.replace(/\$/g, "").toUpperCase() };
        },
        close() {},
      },
      sheet,
    );
    if (found) tables.push(found);
  }
  return tables;
}

function visibility(state: string | undefined): SheetSnapshot["visibility"] {
  if (state === "hidden") return "Hidden";
  if (state === "veryHidden") return "VeryHidden";
  return "Visible";
}

const WORKSHEET_TYPE = /\/worksheet$/;
const SHARED_STRINGS_TYPE = /\/sharedStrings$/;
const STYLES_TYPE = /\/styles$/;

/** A defined name's value when it is a constant or one cell of a sheet read (Office.js `NamedItem.value`). */
function nameValue(formula: string, sheets: SheetSnapshot[]): CellValue | undefined {
  const text = formula.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  if (/^(TRUE|FALSE)$/i.test(text)) return text.toUpperCase() === "TRUE";
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"') && !text.slice(1, -1).replace(/""/g, "").includes('"')) return text.slice(1, -1).replace(/""/g, '"');
  const bang = text.lastIndexOf("!");
  if (bang <= 0) return undefined;
  let sheetName = text.slice(0, bang);
  if (sheetName.startsWith("'") && sheetName.endsWith("'") && sheetName.length >= 2) sheetName = sheetName.slice(1, -1).replace(/''/g, "'");
  const position = cellPosition(text.slice(bang + 1).replace(/\$/g, ""));
  if (!position) return undefined;
  const sheet = sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
  if (!sheet) return undefined;
  const v = sheet.values[position.row - 1 - sheet.origin.row]?.[position.col - 1 - sheet.origin.column];
  return v === undefined ? "" : v;
}

export interface ReadXlsxPartsOptions {
  /** Called after each sheet with the sheets read so far and in all. */
  onSheet?: (done: number, total: number) => void;
}

/** Reads an opened .xlsx zip into a snapshot (see the file's comment). */
export async function readXlsxParts(zip: JSZip, fileName: string, options: ReadXlsxPartsOptions = {}): Promise<WorkbookSnapshot> {
  const source: Source = { zip, fileName, budget: { left: MAX_UNZIPPED_MB * MB } };
  const workbookXml = await partText(source, "xl/workbook.xml");
  if (workbookXml === undefined) throw damaged(source, { kind: "missing-part", part: "xl/workbook.xml" });
  const workbook = readWorkbookPart(source, workbookXml);
  const rels = await readRelationships(source, "xl/workbook.xml");

  const relOfType = (type: RegExp, fallback: string): string => {
    for (const rel of rels.values()) if (type.test(rel.type) && !rel.external) return rel.target;
    return fallback;
  };
  const stringsPath = relOfType(SHARED_STRINGS_TYPE, "xl/sharedStrings.xml");
  const stylesPath = relOfType(STYLES_TYPE, "xl/styles.xml");
  const stringsEntry = zip.file(stringsPath);
  const strings = stringsEntry ? await readSharedStrings(source, stringsPath, stringsEntry) : undefined;
  const stylesXml = await partText(source, stylesPath);
  const formats = stylesXml === undefined ? [] : readStyles(source, stylesPath, stylesXml);

  // Worksheets only: chart sheets and dialog sheets hold no cells to check.
  const worksheets = workbook.sheets.filter((s) => {
    const rel = s.relId === undefined ? undefined : rels.get(s.relId);
    return !rel || WORKSHEET_TYPE.test(rel.type);
  });
  const sheets: SheetSnapshot[] = [];
  for (const [i, entry] of worksheets.entries()) {
    const rel = entry.relId === undefined ? undefined : rels.get(entry.relId);
    if (!rel || rel.external) throw damaged(source, { kind: "missing-sheet", part: "xl/_rels/workbook.xml.rels", sheet: entry.name });
    const part = zip.file(rel.target);
    if (!part) throw damaged(source, { kind: "missing-sheet", part: rel.target, sheet: entry.name });
    const cells = await readSheetPart({ source, name: entry.name, path: rel.target, strings, stringsPath, formats, date1904: workbook.date1904 }, part);
    const listObjects = await readTables(source, rel.target, cells.tableIds, entry.name);
    const merges = [...new Set(cells.merges.map((m) => rangeAddress(m.top, m.left, m.bottom, m.right)))];
    sheets.push(cells.sheet.build({ name: entry.name, listObjects, merges, visibility: visibility(entry.state) }, cells.merges));
    options.onSheet?.(i + 1, worksheets.length);
  }

  const names: DefinedNameSnapshot[] = [];
  for (const n of workbook.names) {
    // Excel's own names (print areas, filters) and hidden ones are not the user's fields.
    if (n.hidden || n.name === "" || n.name.startsWith("_xlnm.")) continue;
    const formula = `=${displayFormula(n.formula)}`;
    const scope = n.localSheetId === undefined ? undefined : workbook.sheets[n.localSheetId]?.name;
    const value = nameValue(n.formula, sheets);
    names.push({ name: n.name, formula, ...(value === undefined ? {} : { value }), ...(scope === undefined ? {} : { scope }) });
  }
  return names.length > 0 ? { sheets, names } : { sheets };
}
