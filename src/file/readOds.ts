/**
 * Reads an OpenDocument spreadsheet (.ods, LibreOffice) into the same snapshot as an .xlsx:
 * cached values (LibreOffice stores formula results), formulas in Excel's A1 syntax, number
 * formats, value types, merged areas and hidden sheets. A hand-written scan of `content.xml`
 * (no DOM, no Node built-ins: this runs in the browser bundle too). Repeated empty cells and rows
 * (LibreOffice ends every sheet with a million of them) are counted, never materialised.
 *
 * Kept rather than SheetJS (which reads .ods too, and converts it for the checked copy): on the
 * real 2.8 MB dotations-investissement-2018.ods (469 154 cells) it read in 7.6-9.0 s and 503 MB
 * peak against 11.9-13.5 s and 583 MB for SheetJS 0.20.3 on the same loaded machine, and it keeps
 * what SheetJS drops (the `@` text format, a trailing space in a text cell). test/file/odsFaithfulness.test.ts
 * checks it against the .xlsx reader.
 */
import { excelSerial, quoteSheet } from "../core/address";
import JSZip from "jszip";
import { EXCEL_ERRORS, type CellValue, type SheetSnapshot, type ValueType, type WorkbookSnapshot } from "../core/model";
import type { ReadProgress } from "../host/HostApi";
import { assembleSheet, type CellRecord, type RowRecord } from "./assemble";
import { UnusableFileError } from "./errors";
import { formatAddress } from "./formula";
import { BeyondUnzipBudget, declaredUnzippedSize, inflateEntry, type UnzipBudget } from "./zipSize";
import { MAX_CELL_TEXT, MAX_CELLS_PER_SHEET, MAX_COLUMNS, MAX_FILE_MB, MAX_ROWS, MAX_UNZIPPED_MB, MB, type LimitKind } from "./limits";
import type { WorkMeter } from "../core/workMeter";
import { decodeXml, isXmlSpace, scanAttributes, startTagEnd } from "./xml";

export interface ReadOdsOptions {
  /** Called after each sheet, in characters of `content.xml` read so far and in all. */
  onProgress?: (progress: ReadProgress) => void;
  /** Counts the characters the scans of content.xml and styles.xml search or read (tests show them linear with it). */
  meter?: WorkMeter;
}

/** A sheet beyond a limit (see limits.ts): refused with its name, before the cells are made. */
class SheetLimitError extends Error {
  constructor(
    readonly kind: LimitKind,
    readonly sheet: string,
  ) {
    super(`sheet ${sheet} beyond the ${kind} limit`);
  }
}

// ---------------------------------------------------------------------------------------------
// A minimal XML scanner: start tags, end tags and text, in document order. Linear in its input:
// each character is read a bounded number of times, however the XML is broken (issue 14).

interface ScanHandler {
  start(name: string, attributes: string, selfClosing: boolean): void;
  end(name: string): void;
  text(raw: string): void;
}

/**
 * Scans `xml` from `from` to `to` (exclusive), calling the handler for each tag and text run;
 * `meter` counts the characters searched or read.
 */
function scanXml(xml: string, handler: ScanHandler, meter: WorkMeter, from = 0, to = xml.length): void {
  let pos = from;
  /** The first `search` at or after `at`, the characters searched for it counted. */
  const find = (search: string, at: number) => {
    const found = xml.indexOf(search, at);
    meter.work += (found < 0 ? xml.length : found + search.length) - at;
    return found;
  };
  while (pos < to) {
    const lt = find("<", pos);
    if (lt < 0 || lt >= to) {
      if (pos < to) handler.text(xml.slice(pos, to));
      return;
    }
    if (lt > pos) handler.text(xml.slice(pos, lt));
    const next = xml.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      const gt = find(">", lt);
      if (gt < 0) throw new Error("unterminated end tag");
      handler.end(xml.slice(lt + 2, gt).trim());
      pos = gt + 1;
      continue;
    }
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      if (xml.startsWith("<!--", lt)) {
        const close = find("-->", lt + 4);
        if (close < 0) throw new Error("unterminated comment");
        pos = close + 3;
      } else if (xml.startsWith("<![CDATA[", lt)) {
        const close = find("]]>", lt + 9);
        if (close < 0) throw new Error("unterminated CDATA section");
        // Already decoded text: escape the ampersands so that the handler's decoding keeps them.
        handler.text(xml.slice(lt + 9, close).replace(/&/g, "&amp;"));
        pos = close + 3;
      } else {
        const gt = find(">", lt);
        if (gt < 0) throw new Error("unterminated declaration");
        pos = gt + 1;
      }
      continue;
    }
    // A start tag: its end is the first '>' outside quotes, before any other '<'.
    const gt = startTagEnd(xml, lt, to, meter);
    if (gt < 0) throw new Error("unterminated start tag");
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    const inner = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
    let nameEnd = 0;
    while (nameEnd < inner.length && !isXmlSpace(inner.charCodeAt(nameEnd))) nameEnd++;
    handler.start(inner.slice(0, nameEnd), inner.slice(nameEnd), selfClosing);
    pos = gt + 1;
  }
}

/** The attributes of a start tag, by qualified name, decoded; `meter` counts the characters read. */
function parseAttributes(attributes: string, meter: WorkMeter): Record<string, string> {
  const out: Record<string, string> = {};
  if (attributes.length === 0) return out;
  for (const a of scanAttributes(attributes, meter)) out[a.name] = decodeXml(a.raw);
  return out;
}

function positiveInt(text: string | undefined, fallback = 1): number {
  if (text === undefined) return fallback;
  const n = parseInt(text, 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

// ---------------------------------------------------------------------------------------------
// Styles: which number format a cell style carries, and which sheets are hidden.

interface DataStyle {
  kind: string;
  /** The Excel format built from the style's parts, "General" when none applies. */
  format: string;
  /** A style used for positive values (`style:map` with `value()>=0`), for currency styles. */
  positive?: string;
}

interface CellStyle {
  parent?: string;
  dataStyle?: string;
}

class OdsStyles {
  readonly dataStyles = new Map<string, DataStyle>();
  readonly cellStyles = new Map<string, CellStyle>();
  readonly hiddenTables = new Set<string>();
  private readonly resolved = new Map<string, string>();

  /** Reads the styles of one part (styles.xml, or the head of content.xml before the body). */
  read(xml: string, meter: WorkMeter, from = 0, to = xml.length): void {
    let data: { name: string; kind: string; parts: string[]; positive?: string; text?: string } | undefined;
    let pendingText: string | undefined;
    let tableStyle: string | undefined;
    const finishText = () => {
      if (data && pendingText !== undefined) data.parts.push(literal(pendingText, data.kind));
      pendingText = undefined;
    };
    scanXml(
      xml,
      {
        start: (name, attributeText, selfClosing) => {
          if (name === "style:style") {
            const a = parseAttributes(attributeText, meter);
            const family = a["style:family"];
            const styleName = a["style:name"];
            if (!styleName) return;
            if (family === "table-cell") {
              this.cellStyles.set(styleName, { parent: a["style:parent-style-name"], dataStyle: a["style:data-style-name"] });
            } else if (family === "table" && !selfClosing) tableStyle = styleName;
            return;
          }
          if (name === "style:table-properties" && tableStyle) {
            if (parseAttributes(attributeText, meter)["table:display"] === "false") this.hiddenTables.add(tableStyle);
            return;
          }
          if (name.startsWith("number:") && name.endsWith("-style")) {
            const a = parseAttributes(attributeText, meter);
            data = { name: a["style:name"] ?? "", kind: name.slice(7, -6), parts: [] };
            if (selfClosing) {
              this.finishDataStyle(data);
              data = undefined;
            }
            return;
          }
          if (!data) return;
          finishText();
          const a = parseAttributes(attributeText, meter);
          switch (name) {
            case "number:number":
              data.parts.push(numberPattern(a));
              break;
            case "number:scientific-number":
            case "number:fraction":
              data.parts.push("General");
              break;
            case "number:text":
            case "number:currency-symbol":
              if (!selfClosing) pendingText = "";
              break;
            case "number:text-content":
              data.parts.push("@");
              break;
            case "number:day":
              data.parts.push(a["number:style"] === "long" ? "dd" : "d");
              break;
            case "number:day-of-week":
              data.parts.push(a["number:style"] === "long" ? "dddd" : "ddd");
              break;
            case "number:month":
              data.parts.push(a["number:textual"] === "true" ? (a["number:style"] === "long" ? "mmmm" : "mmm") : a["number:style"] === "long" ? "mm" : "m");
              break;
            case "number:year":
              data.parts.push(a["number:style"] === "long" ? "yyyy" : "yy");
              break;
            case "number:hours":
              data.parts.push(a["number:style"] === "long" ? "hh" : "h");
              break;
            case "number:minutes":
              data.parts.push(a["number:style"] === "long" ? "mm" : "m");
              break;
            case "number:seconds":
              data.parts.push(a["number:style"] === "long" ? "ss" : "s");
              break;
            case "number:am-pm":
              data.parts.push("AM/PM");
              break;
            case "style:map": {
              const condition = (a["style:condition"] ?? "").replace(/\s/g, "");
              if (/^value\(\)(>=|>)0$/.test(condition) && a["style:apply-style-name"]) data.positive = a["style:apply-style-name"];
              break;
            }
            default:
              break;
          }
        },
        end: (name) => {
          if (name === "style:style") {
            tableStyle = undefined;
          } else if (data && name.startsWith("number:") && name.endsWith("-style")) {
            finishText();
            this.finishDataStyle(data);
            data = undefined;
          } else if (name === "number:text" || name === "number:currency-symbol") {
            if (data && pendingText !== undefined) {
              data.parts.push(name === "number:currency-symbol" ? `"${pendingText.replace(/"/g, "")}"` : literal(pendingText, data.kind));
            }
            pendingText = undefined;
          }
        },
        text: (raw) => {
          if (pendingText !== undefined) pendingText += decodeXml(raw);
        },
      },
      meter,
      from,
      to,
    );
  }

  private finishDataStyle(data: { name: string; kind: string; parts: string[]; positive?: string }): void {
    if (!data.name) return;
    let format: string;
    if (data.kind === "text") format = "@";
    else if (data.kind === "boolean") format = "General";
    else if (data.parts.includes("General") || !data.parts.some((p) => /[0#dmyhs@]/.test(p.replace(/"[^"]*"/g, "")))) format = "General";
    else format = data.parts.join("").trim() || "General";
    this.dataStyles.set(data.name, { kind: data.kind, format, positive: data.positive });
  }

  /** The Excel number format a cell style carries, following parent styles. */
  formatOf(styleName: string | undefined): string | undefined {
    if (!styleName) return undefined;
    const cached = this.resolved.get(styleName);
    if (cached !== undefined) return cached || undefined;
    let format = "";
    const seen = new Set<string>();
    for (let name: string | undefined = styleName; name && !seen.has(name); name = this.cellStyles.get(name)?.parent) {
      seen.add(name);
      const dataName = this.cellStyles.get(name)?.dataStyle;
      if (!dataName) continue;
      let data = this.dataStyles.get(dataName);
      if (data?.positive) data = this.dataStyles.get(data.positive) ?? data;
      format = data?.format ?? "";
      break;
    }
    this.resolved.set(styleName, format);
    return format || undefined;
  }
}

/** `#,##0.00` from a `number:number` element. */
function numberPattern(a: Record<string, string>): string {
  if (a["number:decimal-places"] === undefined && a["number:grouping"] !== "true") return "General";
  const decimals = Math.min(30, Math.max(0, parseInt(a["number:decimal-places"] ?? "0", 10) || 0));
  const integer = a["number:grouping"] === "true" ? "#,##0" : "0";
  return decimals > 0 ? `${integer}.${"0".repeat(decimals)}` : integer;
}

/** A literal of a number format: spaces, signs and `%` as they are, anything else quoted. */
function literal(text: string, kind: string): string {
  if (text === "") return "";
  if (kind === "date" || kind === "time") return /^[\s/:.,-]*$/.test(text) ? text : `"${text.replace(/"/g, "")}"`;
  return /^[\s%()+\-/:,.]*$/.test(text) ? text.replace(/\u00a0|\u202f/g, " ") : `"${text.replace(/"/g, "")}"`;
}

// ---------------------------------------------------------------------------------------------
// Formulas: OpenFormula (`of:=SUM([.B2:.B5];[$Feuille2.C1])`) to Excel's A1 syntax.

/** A sheet name as Excel writes it in a reference: bare when it can be, quoted otherwise. */
function excelSheetName(name: string): string {
  if (/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C\d*$/i.test(name)) return name;
  return quoteSheet(name);
}

/** Splits a bracketed reference on `:` outside quoted sheet names. */
function splitRange(text: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const c of text) {
    if (c === "'") quoted = !quoted;
    if (c === ":" && !quoted) {
      parts.push(current);
      current = "";
    } else current += c;
  }
  parts.push(current);
  return parts;
}

const REFERENCE_PART = /^(\$?(?:'(?:[^']|'')*'|[^.']*))?\.(.*)$/;

/** `$Feuille1.B2` → { sheet: "Feuille1", cell: "B2" }; `.B2` → { cell: "B2" }. */
function referencePart(part: string): { sheet?: string; cell: string } {
  const m = REFERENCE_PART.exec(part.trim());
  if (!m) return { cell: part.trim() };
  let sheet = m[1] ? m[1].replace(/^\$/, "") : undefined;
  if (sheet && sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet: sheet || undefined, cell: m[2] };
}

/** `[.B2:.B5]` → `B2:B5`, `[$'Ma feuille'.B2]` → `'Ma feuille'!B2`. */
function convertReference(inner: string): string {
  const parts = splitRange(inner).map(referencePart);
  let out = "";
  let sheet: string | undefined;
  parts.forEach((part, i) => {
    if (i > 0) out += ":";
    if (part.sheet && part.sheet !== sheet) out += `${excelSheetName(part.sheet)}!`;
    if (part.sheet) sheet = part.sheet;
    out += part.cell;
  });
  return out;
}

/**
 * An ODF formula as Excel shows it: `of:=SUM([.B2:.B5];[.C2])` → `=SUM(B2:B5,C2)`. Strips the
 * namespace (`of:`, `oooc:`; `msoxl:` formulas are already Excel's), turns bracketed references
 * into A1 ones and `;` separators into `,`, leaving string literals untouched.
 */
export function odfFormula(formula: string, meter?: WorkMeter): string {
  const m = /^\s*([A-Za-z][\w.-]*):(?=\s*=)/.exec(formula);
  const namespace = m ? m[1].toLowerCase() : undefined;
  let body = m ? formula.slice(m[0].length).trim() : formula.trim();
  if (!body.startsWith("=")) body = `=${body}`;
  if (namespace === "msoxl") return body;
  return body
    .split('"')
    .map((piece, i) => (i % 2 === 1 ? piece : convertReferences(piece, meter).replace(/;/g, ",")))
    .join('"');
}

/**
 * Every `[…]` of a formula piece converted (see convertReference), in one pass; a `[` never
 * closed stays. `meter` counts the characters searched.
 */
function convertReferences(piece: string, meter?: WorkMeter): string {
  let out = "";
  let at = 0;
  for (let open = piece.indexOf("["); open >= 0; open = piece.indexOf("[", at)) {
    const close = piece.indexOf("]", open + 1);
    if (meter) meter.work += (close < 0 ? piece.length : close + 1) - at;
    if (close < 0) break;
    out += piece.slice(at, open) + convertReference(piece.slice(open + 1, close));
    at = close + 1;
  }
  return out + piece.slice(at);
}

// ---------------------------------------------------------------------------------------------
// Values.

/** `2018-03-15` or `2018-03-15T10:30:00` → Excel serial number. */
export function odfDateSerial(text: string): number | undefined {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(text.trim());
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), 0) + Number(m[6] ?? 0) * 1000;
  const serial = excelSerial(new Date(ms));
  return Number.isFinite(serial) ? serial : undefined;
}

/** `PT12H30M00S` (an ISO 8601 duration) → fraction of a day. */
export function odfTimeFraction(text: string): number | undefined {
  const m = /^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!m) return undefined;
  const days = Number(m[2] ?? 0) + Number(m[3] ?? 0) / 24 + Number(m[4] ?? 0) / 1440 + Number(m[5] ?? 0) / 86400;
  const value = Math.round(days * 1e10) / 1e10;
  return m[1] ? -value : value;
}

function isErrorText(text: string): boolean {
  return EXCEL_ERRORS.has(text) || /^Err:\d{3}$/.test(text);
}

const CURRENCY_SYMBOLS: Record<string, string> = { EUR: "€", USD: "$", GBP: "£", CHF: "CHF", XPF: "XPF" };

/** Decimals shown in a displayed number (`37,44 %` → 2). */
function shownDecimals(text: string): number {
  const m = /[.,](\d+)\s*%?\s*$/.exec(text.replace(/[\u00a0\u202f]/g, " ").trim());
  return m ? m[1].length : 0;
}

interface OpenCell {
  attributes: Record<string, string>;
  column: number;
  repeat: number;
  covered: boolean;
  collectText: boolean;
  paragraphs: string[];
  inParagraph: number;
  /** Characters in `paragraphs` so far, kept within MAX_CELL_TEXT. */
  textLength: number;
}

/** A cell's record from its attributes and text, or undefined when it holds nothing. */
function cellRecord(cell: OpenCell, style: string | undefined, styles: OdsStyles, meter: WorkMeter): Omit<CellRecord, "col"> | undefined {
  const a = cell.attributes;
  const valueType = a["office:value-type"];
  const formulaText = a["table:formula"];
  const text = cell.paragraphs.join("\n");
  let value: CellValue = "";
  let type: ValueType = "Empty";
  const styleFormat = styles.formatOf(style);
  let numFmt = styleFormat ?? "General";

  const errorType = a["calcext:value-type"] === "error";
  if (formulaText !== undefined && (errorType || ((valueType === undefined || (valueType === "string" && !a["office:string-value"])) && isErrorText(text)))) {
    value = text || "#VALUE!";
    type = "Error";
  } else {
    switch (valueType) {
      case "float":
      case "percentage":
      case "currency": {
        const n = Number(a["office:value"]);
        if (a["office:value"] !== undefined && Number.isFinite(n)) {
          value = n;
          type = "Double";
        } else if (text !== "") {
          value = text;
          type = isErrorText(text) ? "Error" : "String";
        }
        if (valueType === "percentage" && !styleFormat?.includes("%")) {
          const decimals = shownDecimals(text);
          numFmt = decimals > 0 ? `0.${"0".repeat(decimals)}%` : "0%";
        } else if (valueType === "currency" && (!styleFormat || styleFormat === "General")) {
          const code = a["office:currency"] ?? "EUR";
          numFmt = `#,##0.00 "${CURRENCY_SYMBOLS[code] ?? code}"`;
        }
        break;
      }
      case "boolean": {
        const b = (a["office:boolean-value"] ?? "").trim().toLowerCase();
        value = b === "true" || b === "1";
        type = "Boolean";
        break;
      }
      case "date": {
        const serial = odfDateSerial(a["office:date-value"] ?? "");
        if (serial !== undefined) {
          value = serial;
          type = "Double";
          if (numFmt === "General") numFmt = serial % 1 === 0 ? "dd/mm/yyyy" : "dd/mm/yyyy hh:mm";
        } else if (text) {
          value = text;
          type = "String";
        }
        break;
      }
      case "time": {
        const fraction = odfTimeFraction(a["office:time-value"] ?? "");
        if (fraction !== undefined) {
          value = fraction;
          type = "Double";
          if (numFmt === "General") numFmt = "hh:mm:ss";
        } else if (text) {
          value = text;
          type = "String";
        }
        break;
      }
      default: {
        // "string", or no type at all (old files): the displayed text.
        const s = a["office:string-value"] ?? text;
        value = s;
        type = s === "" ? "Empty" : "String";
      }
    }
  }
  if (formulaText === undefined && type === "Empty") return undefined;
  const formula: CellValue = formulaText !== undefined ? odfFormula(formulaText, meter) : value;
  return { value, formula, numFmt, type };
}

// ---------------------------------------------------------------------------------------------
// The sheets.

/** Elements whose text never belongs to the cell's value (comments, drawings, nested tables). */
function skipsContent(name: string): boolean {
  return name === "office:annotation" || name.startsWith("draw:") || name === "table:table" || name === "table:shapes" || name === "office:forms";
}

/** Reads the `office:spreadsheet` body of content.xml. */
function readSheets(xml: string, from: number, styles: OdsStyles, meter: WorkMeter, options: ReadOdsOptions): SheetSnapshot[] {
  const sheets: SheetSnapshot[] = [];
  let table: { name: string; hidden: boolean; rows: RowRecord[]; merges: string[]; columnStyles: string[] } | undefined;
  let row: { index: number; repeat: number; defaultStyle?: string; column: number; cells: CellRecord[] } | undefined;
  let rowIndex = 0;
  let cell: OpenCell | undefined;
  let skip = 0;
  /** Cells holding something in the current sheet, repeats counted: checked before they are made. */
  let cellCount = 0;

  const refuse = (kind: LimitKind): never => {
    throw new SheetLimitError(kind, table?.name ?? `Feuille${sheets.length + 1}`);
  };

  const finishCell = (open: OpenCell) => {
    if (!row) return;
    const start = open.column;
    if (!open.covered) {
      const style = open.attributes["table:style-name"] ?? row.defaultStyle ?? (start < MAX_COLUMNS ? table?.columnStyles[start] : undefined) ?? "Default";
      const record = cellRecord(open, style, styles, meter);
      if (record) {
        // Repeated cells holding something are real data: within the sheet's size, or refused.
        if (start + open.repeat > MAX_COLUMNS) refuse("columns");
        if (row.index >= MAX_ROWS) refuse("rows");
        if (cellCount + row.cells.length + open.repeat > MAX_CELLS_PER_SHEET) refuse("cells");
        const end = start + open.repeat;
        for (let c = start; c < end; c++) row.cells.push({ col: c + 1, ...record });
      }
      const across = positiveInt(open.attributes["table:number-columns-spanned"]);
      const down = positiveInt(open.attributes["table:number-rows-spanned"]);
      if ((across > 1 || down > 1) && table && row.index < MAX_ROWS) {
        const top = row.index + 1;
        const left = start + 1;
        table.merges.push(`${formatAddress(top, left)}:${formatAddress(Math.min(MAX_ROWS, top + down - 1), Math.min(MAX_COLUMNS, left + across - 1))}`);
      }
    }
    row.column = start + open.repeat;
  };

  const finishRow = () => {
    if (!row || !table) return;
    if (row.cells.length > 0) {
      // A repeated row holding something: counted before its copies are made.
      if (row.index + row.repeat > MAX_ROWS) refuse("rows");
      if (cellCount + row.cells.length * row.repeat > MAX_CELLS_PER_SHEET) refuse("cells");
      cellCount += row.cells.length * row.repeat;
      const end = row.index + row.repeat;
      for (let r = row.index; r < end; r++) table.rows.push({ row: r + 1, cells: r === row.index ? row.cells : row.cells.map((c) => ({ ...c })) });
    }
    rowIndex = row.index + row.repeat;
    row = undefined;
  };

  let done = false;
  let position = from;
  let chunkEnd = from;
  const handler: ScanHandler = {
    start(name, attributeText, selfClosing) {
      if (done) return;
      if (skip > 0) {
        if (!selfClosing) skip++;
        return;
      }
      if (cell) {
        if (skipsContent(name)) {
          if (!selfClosing) skip = 1;
          return;
        }
        if (!cell.collectText) return;
        if (name === "text:p" || name === "text:h") {
          cell.paragraphs.push("");
          if (!selfClosing) cell.inParagraph++;
        } else if (cell.inParagraph > 0) {
          const last = cell.paragraphs.length - 1;
          if (cell.textLength >= MAX_CELL_TEXT) return;
          let added = "";
          if (name === "text:s") added = " ".repeat(Math.min(1000, positiveInt(parseAttributes(attributeText, meter)["text:c"])));
          else if (name === "text:tab") added = "\t";
          else if (name === "text:line-break") added = "\n";
          added = added.slice(0, MAX_CELL_TEXT - cell.textLength);
          cell.paragraphs[last] += added;
          cell.textLength += added.length;
        }
        return;
      }
      switch (name) {
        case "table:table": {
          const a = parseAttributes(attributeText, meter);
          table = { name: a["table:name"] ?? `Feuille${sheets.length + 1}`, hidden: styles.hiddenTables.has(a["table:style-name"] ?? ""), rows: [], merges: [], columnStyles: [] };
          rowIndex = 0;
          cellCount = 0;
          if (selfClosing) handler.end(name);
          return;
        }
        case "table:table-column": {
          if (!table) return;
          const a = parseAttributes(attributeText, meter);
          const repeat = positiveInt(a["table:number-columns-repeated"]);
          const style = a["table:default-cell-style-name"] ?? "Default";
          for (let i = 0; i < repeat && table.columnStyles.length < MAX_COLUMNS; i++) table.columnStyles.push(style);
          return;
        }
        case "table:table-row": {
          if (!table) return;
          const a = parseAttributes(attributeText, meter);
          row = { index: rowIndex, repeat: positiveInt(a["table:number-rows-repeated"]), defaultStyle: a["table:default-cell-style-name"], column: 0, cells: [] };
          if (selfClosing) finishRow();
          return;
        }
        case "table:table-cell":
        case "table:covered-table-cell": {
          if (!row) return;
          const covered = name === "table:covered-table-cell";
          // Most cells are empty and self-closing: no attribute parsing beyond the repeat count.
          const a = parseAttributes(attributeText, meter);
          const type = a["office:value-type"];
          const open: OpenCell = {
            attributes: a,
            column: row.column,
            repeat: positiveInt(a["table:number-columns-repeated"]),
            covered,
            // Numbers need their text only to count a percentage's decimals or spot an error.
            collectText: !covered && (type === undefined || type === "string" || type === "percentage" || a["table:formula"] !== undefined || a["office:value"] === undefined),
            paragraphs: [],
            inParagraph: 0,
            textLength: 0,
          };
          if (selfClosing) finishCell(open);
          else cell = open;
          return;
        }
        default:
          return;
      }
    },
    end(name) {
      if (done) return;
      if (skip > 0) {
        skip--;
        return;
      }
      if (cell) {
        if (name === "table:table-cell" || name === "table:covered-table-cell") {
          finishCell(cell);
          cell = undefined;
        } else if ((name === "text:p" || name === "text:h") && cell.inParagraph > 0) cell.inParagraph--;
        return;
      }
      if (name === "table:table-row") finishRow();
      else if (name === "table:table" && table) {
        finishRow();
        sheets.push(assembleSheet({ name: table.name, merges: table.merges, visibility: table.hidden ? "Hidden" : "Visible" }, table.rows));
        table = undefined;
        options.onProgress?.({ done: chunkEnd, total: xml.length });
      } else if (name === "office:spreadsheet") done = true;
    },
    text(raw) {
      if (skip > 0 || !cell || !cell.collectText || cell.inParagraph === 0) return;
      const last = cell.paragraphs.length - 1;
      // ODF collapses white space (LibreOffice writes runs of spaces as text:s); a run holding a
      // line break only is the indentation of a pretty-printed file.
      if (/[\r\n]/.test(raw) && raw.trim() === "") return;
      // Excel's limit on a cell's text: a cell's text never grows past it, however many runs it has.
      if (cell.textLength >= MAX_CELL_TEXT) return;
      const added = decodeXml(raw.replace(/[ \t\r\n]+/g, " ")).slice(0, MAX_CELL_TEXT - cell.textLength);
      cell.paragraphs[last] += added;
      cell.textLength += added.length;
    },
  };
  // Sheets end at known positions: scan one table at a time to report progress.
  const bodyEnd = xml.lastIndexOf("</office:spreadsheet>");
  const end = bodyEnd > from ? bodyEnd : xml.length;
  while (position < end && !done) {
    const close = xml.indexOf("</table:table>", position);
    const stop = close < 0 || close >= end ? end : close + "</table:table>".length;
    chunkEnd = stop;
    scanXml(xml, handler, meter, position, stop);
    position = stop;
  }
  return sheets;
}

/**
 * The text of a zip entry, decoded as UTF-8 (TextDecoder is faster than JSZip's own decoder),
 * its bytes counted against `budget` as they unzip: a zip whose headers declare less than it
 * holds is stopped at the limit (BeyondUnzipBudget), not inflated whole.
 */
async function entryText(zip: JSZip, path: string, budget: UnzipBudget): Promise<string | undefined> {
  const file = zip.file(path);
  if (!file) return undefined;
  const chunks: Uint8Array[] = [];
  let length = 0;
  await inflateEntry(file, budget, (chunk) => {
    chunks.push(chunk);
    length += chunk.length;
  });
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  chunks.length = 0;
  return new TextDecoder("utf-8").decode(bytes);
}

/**
 * Reads an .ods (already opened as a zip, or bytes) into a snapshot. Throws UnusableFileError:
 * "corrupt" for a damaged zip or XML, "ods" when it holds no spreadsheet Pointage can read.
 */
export async function readOds(data: Uint8Array | JSZip, fileName: string, options: ReadOdsOptions = {}): Promise<WorkbookSnapshot> {
  let zip: JSZip;
  let content: string | undefined;
  let stylesXml: string | undefined;
  if (data instanceof Uint8Array) {
    // Before anything is unzipped: the file's size and what its entries say they unzip to.
    if (data.length > MAX_FILE_MB * MB) throw new UnusableFileError("too-large", fileName, undefined, { kind: "file-size" });
    if ((declaredUnzippedSize(data) ?? 0) > MAX_UNZIPPED_MB * MB) throw new UnusableFileError("too-large", fileName, undefined, { kind: "unzipped-size" });
  }
  const budget: UnzipBudget = { left: MAX_UNZIPPED_MB * MB };
  let part = "content.xml";
  try {
    zip = data instanceof Uint8Array ? await JSZip.loadAsync(data) : data;
    content = await entryText(zip, part, budget);
    part = "styles.xml";
    stylesXml = await entryText(zip, part, budget);
  } catch (error) {
    if (error instanceof BeyondUnzipBudget) throw new UnusableFileError("too-large", fileName, undefined, { kind: "unzipped-size", part });
    throw new UnusableFileError("corrupt", fileName, error);
  }
  if (content === undefined) throw new UnusableFileError("ods", fileName);
  const body = content.indexOf("<office:spreadsheet");
  if (body < 0) throw new UnusableFileError("ods", fileName);
  try {
    const styles = new OdsStyles();
    const meter = options.meter ?? { work: 0 };
    if (stylesXml) styles.read(stylesXml, meter);
    const head = content.lastIndexOf("<office:body", body);
    styles.read(content, meter, 0, head < 0 ? body : head);
    const sheets = readSheets(content, body, styles, meter, options);
    options.onProgress?.({ done: content.length, total: content.length });
    return { sheets };
  } catch (error) {
    if (error instanceof SheetLimitError) throw new UnusableFileError("too-large", fileName, error, { kind: error.kind, sheet: error.sheet });
    throw new UnusableFileError("corrupt", fileName, error);
  }
}
