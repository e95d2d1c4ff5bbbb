/**
 * The cell formats a filled copy adds to styles.xml: the template cell's own format (its `xf`:
 * font, fill, border, alignment) with the number format the plan asks for (`#,##0.00\ "€"`, or
 * `@` for a text that must stay text). Existing entries are never changed, so every `s` index of
 * the workbook keeps its meaning; new `numFmt` and `xf` entries are appended once, at the end.
 */
import { appendStyles, childElements, PackageError, rootElement } from "./ooxmlParts";
import { eachStartTag, encodeXml, findAttribute, setAttribute } from "./xml";

/** Excel's built-in number formats a plan may name (ECMA-376 §18.8.30): they need no `numFmt`. */
const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};

/** The first id of a workbook's own number formats. */
const FIRST_CUSTOM_FORMAT = 164;

export class StyleBook {
  private readonly xfs: string[];
  private readonly prefix: string;
  private readonly formatIds = new Map<string, number>();
  private nextFormatId = FIRST_CUSTOM_FORMAT;
  private readonly newFormats: string[] = [];
  private readonly newXfs: string[] = [];
  private readonly derived = new Map<string, number>();
  private readonly existingDxfs: number;
  private readonly newDxfs: string[] = [];

  constructor(private readonly xml: string) {
    const root = rootElement(xml);
    if (!root) throw new PackageError("styles without a root");
    this.prefix = root.prefix;
    const sections = childElements(xml, root.contentStart).elements;
    const cellXfs = sections.find((e) => e.name === "cellXfs");
    this.xfs = cellXfs && !cellXfs.selfClosing ? childElements(xml, cellXfs.startTagEnd).elements.filter((e) => e.name === "xf").map((e) => xml.slice(e.start, e.end)) : [];
    const dxfs = sections.find((e) => e.name === "dxfs");
    this.existingDxfs = dxfs ? eachStartTag(xml.slice(dxfs.start, dxfs.end), "dxf").length : 0;
    const numFmts = sections.find((e) => e.name === "numFmts");
    for (const tag of numFmts ? eachStartTag(xml.slice(numFmts.start, numFmts.end), "numFmt") : []) {
      const id = Number(findAttribute(tag.attributes, "numFmtId")?.value);
      const code = findAttribute(tag.attributes, "formatCode")?.value;
      if (!Number.isInteger(id)) continue;
      if (code !== undefined && !this.formatIds.has(code)) this.formatIds.set(code, id);
      this.nextFormatId = Math.max(this.nextFormatId, id + 1);
    }
  }

  /** The number format id of a format code: built in, the workbook's own, or a new one. */
  private formatId(code: string): number {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    let id = this.formatIds.get(code);
    if (id === undefined) {
      id = this.nextFormatId++;
      this.formatIds.set(code, id);
      this.newFormats.push(`<numFmt numFmtId="${id}" formatCode="${encodeXml(code)}"/>`);
    }
    return id;
  }

  /** The `s` of a cell formatted like `base` but showing numbers as `code`. */
  withNumberFormat(base: number, code: string): number {
    const key = `${base}|${code}`;
    const known = this.derived.get(key);
    if (known !== undefined) return known;
    const id = this.formatId(code);
    const source = this.xfs[base] ?? this.xfs[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    const unprefixed = this.prefix ? source.split(`<${this.prefix}`).join("<").split(`</${this.prefix}`).join("</") : source;
    const tagEnd = unprefixed.indexOf(">");
    const selfClosing = unprefixed[tagEnd - 1] === "/";
    const attributes = unprefixed.slice(3, selfClosing ? tagEnd - 1 : tagEnd);
    if (Number(findAttribute(attributes, "numFmtId")?.value ?? 0) === id) {
      this.derived.set(key, base);
      return base;
    }
    const changed = setAttribute(setAttribute(attributes, "numFmtId", String(id)), "applyNumberFormat", "1");
    const index = this.xfs.length + this.newXfs.length;
    this.newXfs.push(`<xf${changed}${unprefixed.slice(selfClosing ? tagEnd - 1 : tagEnd)}`);
    this.derived.set(key, index);
    return index;
  }

  /** The `dxfId` of a differential format filling the cell with `#RRGGBB` (for a conditional format). */
  fillDxf(colour: string): number {
    const rgb = `FF${colour.replace(/^#/, "").toUpperCase()}`;
    if (!/^FF[0-9A-F]{6}$/.test(rgb)) throw new PackageError(`fill colour ${colour}`);
    this.newDxfs.push(`<dxf><fill><patternFill patternType="solid"><bgColor rgb="${rgb}"/></patternFill></fill></dxf>`);
    return this.existingDxfs + this.newDxfs.length - 1;
  }

  /** styles.xml with what was added (the input text when nothing was). */
  result(): string {
    let xml = this.xml;
    if (this.newFormats.length) xml = appendStyles(xml, "numFmts", this.newFormats).xml;
    if (this.newXfs.length) {
      const appended = appendStyles(xml, "cellXfs", this.newXfs);
      if (appended.first !== this.xfs.length) throw new PackageError("cellXfs count changed while adding formats");
      xml = appended.xml;
    }
    if (this.newDxfs.length) {
      const appended = appendStyles(xml, "dxfs", this.newDxfs);
      if (appended.first !== this.existingDxfs) throw new PackageError("dxfs count changed while adding formats");
      xml = appended.xml;
    }
    return xml;
  }
}

