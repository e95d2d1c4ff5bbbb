/**
 * Opening an .xlsx safely (JSZip; ExcelJS, for templates only, loaded on first use): tells
 * unusable files apart by their bytes, and works around what ExcelJS 4.4 cannot load (sheet names over 31 characters, LibreOffice's
 * `date1904="true"`, namespace-prefixed parts from the OpenXML SDK) by rewriting the XML in a
 * copy of the zip. No Node built-ins: this runs in the browser bundle too.
 */
import type * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { quoteSheet } from "../core/address";
import { UnusableFileError, type UnusableFileCode } from "./errors";
import { eachStartTag, encodeXml, findAttribute, replaceStartTags, setAttribute } from "./xml";

/** Bytes as a Uint8Array view, without copying. Tolerates buffers from another realm (jest, workers). */
export function toBytes(data: Uint8Array | ArrayBuffer): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) {
    const view = data as ArrayBufferView;
    return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  }
  const tag = Object.prototype.toString.call(data);
  if (tag === "[object ArrayBuffer]" || tag === "[object SharedArrayBuffer]") return new Uint8Array(data);
  throw new TypeError("Expected a Uint8Array or an ArrayBuffer");
}

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

function startsWithAscii(bytes: Uint8Array, text: string): boolean {
  return startsWith(bytes, Array.from(text, (c) => c.charCodeAt(0)));
}

/** Whether the bytes hold `text` encoded as UTF-16LE (how OLE2 directory entries name streams). */
export function containsUtf16le(bytes: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    needle[2 * i] = code & 0xff;
    needle[2 * i + 1] = code >> 8;
  }
  const first = needle[0];
  const last = bytes.length - needle.length;
  outer: for (let i = bytes.indexOf(first); i !== -1 && i <= last; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) {
      if (bytes[i + j] !== needle[j]) continue outer;
    }
    return true;
  }
  return false;
}

/**
 * What an OLE2 compound file holds, from the names of its streams (UTF-16LE in the directory).
 * An encrypted .xlsx is an OLE2 file with `EncryptionInfo`; anything else not clearly Word or
 * PowerPoint is taken for a legacy .xls.
 */
function classifyOle2(bytes: Uint8Array): UnusableFileCode {
  if (containsUtf16le(bytes, "EncryptionInfo") || containsUtf16le(bytes, "EncryptedPackage")) return "password";
  if (containsUtf16le(bytes, "Workbook") || containsUtf16le(bytes, "Book")) return "xls";
  if (containsUtf16le(bytes, "WordDocument")) return "docx";
  if (containsUtf16le(bytes, "PowerPoint Document")) return "pptx";
  return "xls";
}

/** A text file (CSV, HTML, SpreadsheetML 2003) rather than a binary container. */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let printable = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b === 9 || b === 10 || b === 13 || b >= 32) printable++;
  }
  return printable >= sample.length * 0.95;
}

/** Classifies a zip that is not a readable .xlsx, or returns undefined when it is one. */
async function classifyZip(zip: JSZip): Promise<UnusableFileCode | undefined> {
  const mimetype = zip.file("mimetype");
  if (mimetype) {
    const type = (await mimetype.async("string")).trim();
    if (type === "application/vnd.oasis.opendocument.spreadsheet" || type.startsWith("application/vnd.oasis.opendocument.spreadsheet")) {
      return "ods";
    }
    if (type.startsWith("application/vnd.oasis.opendocument")) return "not-spreadsheet";
  }
  if (zip.file("xl/workbook.xml")) return undefined;
  if (zip.file("xl/workbook.bin")) return "xlsb";
  if (zip.file("word/document.xml")) return "docx";
  if (zip.file("ppt/presentation.xml")) return "pptx";
  if (zip.file("content.xml") && zip.file("META-INF/manifest.xml")) {
    // OpenDocument without a mimetype entry: look at the manifest.
    const manifest = await zip.file("META-INF/manifest.xml")!.async("string");
    return manifest.includes("opendocument.spreadsheet") ? "ods" : "not-spreadsheet";
  }
  const contentTypes = zip.file("[Content_Types].xml");
  if (contentTypes && (await contentTypes.async("string")).includes("spreadsheetml")) return "unsupported";
  return "not-spreadsheet";
}

/**
 * Checks that the bytes are an .xlsx and opens its zip; throws UnusableFileError otherwise.
 * The bytes are never modified.
 */
export async function openXlsxZip(bytes: Uint8Array, fileName: string): Promise<JSZip> {
  if (bytes.length === 0) throw new UnusableFileError("empty", fileName);
  if (startsWith(bytes, OLE2_MAGIC)) throw new UnusableFileError(classifyOle2(bytes), fileName);
  if (startsWithAscii(bytes, "PK")) {
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(bytes);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      throw new UnusableFileError(/encrypt/i.test(text) ? "password" : "corrupt", fileName, error);
    }
    let code: UnusableFileCode | undefined;
    try {
      code = await classifyZip(zip);
    } catch (error) {
      throw new UnusableFileError("corrupt", fileName, error);
    }
    if (code) throw new UnusableFileError(code, fileName);
    return zip;
  }
  if (startsWithAscii(bytes, "%PDF")) throw new UnusableFileError("pdf", fileName);
  if (looksLikeText(bytes)) throw new UnusableFileError("text", fileName);
  throw new UnusableFileError("not-spreadsheet", fileName);
}

/** The workbook formats Pointage reads. */
export type WorkbookFormat = "xlsx" | "xls" | "xlsb" | "ods";

/** Formats read (and converted to .xlsx for a checked copy) by SheetJS or the .ods reader. */
const OTHER_FORMATS: ReadonlySet<UnusableFileCode> = new Set(["xls", "xlsb", "ods"]);

/**
 * The format of a workbook from its bytes (never its name), or the UnusableFileError it is:
 * empty, Word, PDF, password-protected… An OLE2 file that is neither encrypted, Word nor
 * PowerPoint is taken for an .xls, which its reader may still find damaged.
 */
export async function workbookFormat(data: Uint8Array | ArrayBuffer, fileName: string): Promise<WorkbookFormat> {
  try {
    await openXlsxZip(toBytes(data), fileName);
    return "xlsx";
  } catch (error) {
    if (error instanceof UnusableFileError && OTHER_FORMATS.has(error.code)) return error.code as WorkbookFormat;
    throw error;
  }
}

/** A sheet name ExcelJS 4.4 refuses on load (it throws "Worksheet name already exists" for long ones). */
function excelJsRefuses(name: string): boolean {
  return (
    name.length === 0 ||
    name.length > 31 ||
    /[*?:/\\[\]]/.test(name) ||
    /(^')|('$)/.test(name) ||
    name === "History"
  );
}

/** Placeholder sheet names: short, plain and unlikely to collide with anything in the file. */
function placeholderName(index: number): string {
  return `__pointage_sheet_${index}__`;
}

const MAIN_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/**
 * The prefix a part gives SpreadsheetML's namespace (`x` in `<x:workbook xmlns:x="…">`, as the
 * OpenXML SDK writes), or undefined when it uses the default namespace. ExcelJS 4.4 only
 * understands unprefixed elements.
 */
function mainPrefix(xml: string): string | undefined {
  const head = xml.slice(0, 4096);
  const m = /xmlns:([A-Za-z_][\w.-]*)\s*=\s*["']([^"']*)["']/g;
  for (let match = m.exec(head); match; match = m.exec(head)) {
    if (match[2] !== MAIN_NAMESPACE) continue;
    const prefix = match[1];
    const rootIsPrefixed = new RegExp(`<${prefix}:[A-Za-z]`).test(head);
    const hasDefault = /\sxmlns\s*=/.test(head);
    return rootIsPrefixed && !hasDefault ? prefix : undefined;
  }
  return undefined;
}

/** Moves a part's prefixed SpreadsheetML elements into the default namespace. */
function dropPrefix(xml: string, prefix: string): string {
  return xml
    .replace(new RegExp(`<(/?)${prefix}:`, "g"), "<$1")
    .replace(new RegExp(`xmlns:${prefix}(\\s*=)`), "xmlns$1");
}

export interface PreparedXlsx {
  /** The bytes to give ExcelJS: the input itself, or a rewritten copy. */
  bytes: Uint8Array;
  /** Placeholder sheet name → the name the file really has. Empty when no sheet was renamed. */
  renamed: Map<string, string>;
  /** How many worksheet parts the zip holds, to notice a load that silently read none. */
  worksheetParts: number;
}

/**
 * Rewrites `xl/workbook.xml` where ExcelJS would fail or misread: sheet names it refuses (over
 * 31 characters, duplicates) get unique placeholders, and `date1904="true"` (LibreOffice)
 * becomes `"1"`, the only spelling ExcelJS understands.
 */
export async function prepareXlsx(bytes: Uint8Array, fileName: string): Promise<PreparedXlsx> {
  const zip = await openXlsxZip(bytes, fileName);
  let xml: string;
  try {
    xml = await zip.file("xl/workbook.xml")!.async("string");
  } catch (error) {
    throw new UnusableFileError("corrupt", fileName, error);
  }

  let changed = false;
  const prefix = mainPrefix(xml);
  if (prefix) {
    xml = dropPrefix(xml, prefix);
    changed = true;
    for (const path of Object.keys(zip.files)) {
      if (path === "xl/workbook.xml" || !/^xl\/.*\.xml$/.test(path)) continue;
      try {
        const part = await zip.file(path)!.async("string");
        const partPrefix = mainPrefix(part);
        if (partPrefix) zip.file(path, dropPrefix(part, partPrefix));
      } catch (error) {
        throw new UnusableFileError("corrupt", fileName, error);
      }
    }
  }

  const names: string[] = [];
  for (const tag of eachStartTag(xml, "sheet")) {
    const name = findAttribute(tag.attributes, "name");
    if (name) names.push(name.value);
  }

  const taken = new Set(names.map((n) => n.toLowerCase()));
  const seen = new Set<string>();
  const renamed = new Map<string, string>();
  let counter = 0;
  const newName = new Map<number, string>();
  names.forEach((name, i) => {
    const key = name.toLowerCase();
    if (excelJsRefuses(name) || seen.has(key)) {
      let placeholder: string;
      do placeholder = placeholderName(++counter);
      while (taken.has(placeholder.toLowerCase()));
      taken.add(placeholder.toLowerCase());
      renamed.set(placeholder, name);
      newName.set(i, placeholder);
    }
    seen.add(key);
  });

  if (renamed.size > 0) changed = true;
  let index = 0;
  let rewritten = replaceStartTags(xml, "sheet", ({ whole, tag, attributes, slash }) => {
    const i = findAttribute(attributes, "name") ? index++ : -1;
    const placeholder = newName.get(i);
    if (placeholder === undefined) return whole;
    return `<${tag}${setAttribute(attributes, "name", placeholder)}${slash}>`;
  });
  rewritten = replaceStartTags(rewritten, "workbookPr", ({ whole, tag, attributes, slash }) => {
    const date1904 = findAttribute(attributes, "date1904");
    if (!date1904 || !/^(true|on)$/i.test(date1904.value.trim())) return whole;
    changed = true;
    return `<${tag}${setAttribute(attributes, "date1904", "1")}${slash}>`;
  });

  const worksheetParts = Object.keys(zip.files).filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p)).length;
  if (!changed) return { bytes, renamed, worksheetParts };
  zip.file("xl/workbook.xml", rewritten);
  // Unchanged entries keep their compressed bytes, so this is quick even for big files.
  const out = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  return { bytes: out, renamed, worksheetParts };
}

/** Whether an ExcelJS load error says the XML or the zip inside is damaged. */
function isDamage(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  // saxes prefixes its errors with line:column; JSZip speaks of corrupted data, CRC, inflate.
  return /^\d+:\d+:|corrupt|invalid|unexpected end|end of data|crc|inflate/i.test(text);
}

export interface LoadedWorkbook {
  workbook: ExcelJS.Workbook;
  /** Placeholder sheet name → real name (see prepareXlsx). */
  renamed: Map<string, string>;
}

/** The name a worksheet really has in the file. */
export function realSheetName(loaded: LoadedWorkbook, worksheet: ExcelJS.Worksheet): string {
  return loaded.renamed.get(worksheet.name) ?? worksheet.name;
}

let excelJs: Promise<typeof ExcelJS> | undefined;

/**
 * ExcelJS, loaded once, on first use: only templates need it, and loading it costs a check
 * 0.3–0.8 s and 30 MB it never uses (issue 10).
 */
function loadExcelJs(): Promise<typeof ExcelJS> {
  excelJs ??= import(/* webpackChunkName: "exceljs" */ "exceljs");
  return excelJs;
}

/** Loads an .xlsx with ExcelJS; throws UnusableFileError with a one-line message when it cannot. */
export async function loadWorkbook(data: Uint8Array | ArrayBuffer, fileName: string): Promise<LoadedWorkbook> {
  const prepared = await prepareXlsx(toBytes(data), fileName);
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    // ExcelJS types say Buffer; JSZip, which it calls, takes any Uint8Array.
    await workbook.xlsx.load(prepared.bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw new UnusableFileError(isDamage(error) ? "corrupt" : "unsupported", fileName, error);
  }
  // ExcelJS skips parts it does not recognise without a word: never report an empty workbook then.
  if (workbook.worksheets.length === 0 && prepared.worksheetParts > 0) throw new UnusableFileError("unsupported", fileName);
  return { workbook, renamed: prepared.renamed };
}

/** Restores the real sheet names in a workbook ExcelJS wrote (workbook.xml and docProps/app.xml). */
export function restoreNamesInWorkbookXml(xml: string, renamed: Map<string, string>): string {
  if (renamed.size === 0) return xml;
  let out = replaceStartTags(xml, "sheet", ({ whole, tag, attributes, slash }) => {
    const name = findAttribute(attributes, "name");
    const real = name && renamed.get(name.value);
    if (!real) return whole;
    return `<${tag}${setAttribute(attributes, "name", real)}${slash}>`;
  });
  // Defined names (print areas, filters) that ExcelJS wrote with the placeholder.
  for (const [placeholder, real] of renamed) {
    const quoted = `${encodeXml(quoteSheet(real))}!`;
    out = out.split(`'${placeholder}'!`).join(quoted).split(`&apos;${placeholder}&apos;!`).join(quoted);
    out = out.split(`${placeholder}!`).join(quoted);
  }
  return out;
}

/** Restores the real sheet names in docProps/app.xml (the list of part titles). */
export function restoreNamesInText(xml: string, renamed: Map<string, string>): string {
  let out = xml;
  for (const [placeholder, real] of renamed) out = out.split(placeholder).join(encodeXml(real));
  return out;
}
