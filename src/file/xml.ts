/**
 * The few XML string helpers the zip pre- and post-processing and the .ods reader need (no DOM:
 * this runs in Node and in the browser). Every scan here is linear in its input: workbook text
 * is untrusted, so no regular expression that can backtrack over it (issue 14).
 */
import type { WorkMeter } from "../core/workMeter";

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the entities of an attribute value or a text node. */
export function decodeXml(text: string): string {
  if (!text.includes("&")) return text;
  // Each `&` starts one attempt, bounded by the first character outside the entity's class: linear.
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code = entity[1] === "x" || entity[1] === "X" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity] ?? whole;
  });
}

/**
 * An element's text as XML reads it: a line break stored as CR LF or CR read as LF (a `&#13;`
 * stays a CR), CDATA sections unwrapped, entities decoded outside them.
 */
export function elementText(raw: string): string {
  if (raw.includes("\r")) raw = raw.replace(/\r\n?/g, "\n");
  if (!raw.includes("<![CDATA[")) return decodeXml(raw);
  let out = "";
  let at = 0;
  for (let open = raw.indexOf("<![CDATA["); open >= 0; open = raw.indexOf("<![CDATA[", at)) {
    out += decodeXml(raw.slice(at, open));
    const close = raw.indexOf("]]>", open + 9);
    out += raw.slice(open + 9, close);
    at = close + 3;
  }
  return out + decodeXml(raw.slice(at));
}

/** Escapes a string for an attribute value (double-quoted) or a text node. */
export function encodeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** XML white space. */
export function isXmlSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** One attribute of a start tag: its qualified name, raw (undecoded) value and place in the attribute text. */
export interface AttributeSpan {
  name: string;
  raw: string;
  /** Index of the name's first character. */
  start: number;
  /** Index just after the closing quote. */
  end: number;
}

/**
 * The attributes of a start tag's attribute text, in order, in one left-to-right pass. Stops at
 * the first thing that is not `name="value"` or `name='value'` (an unterminated quote, a bare
 * word): what follows is not an attribute.
 */
export function scanAttributes(attributes: string, meter?: WorkMeter): AttributeSpan[] {
  const out: AttributeSpan[] = [];
  const n = attributes.length;
  let i = 0;
  while (i < n) {
    const from = i;
    while (i < n && isXmlSpace(attributes.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n) {
      const c = attributes.charCodeAt(i);
      if (c === 61 /* = */ || isXmlSpace(c) || c === 34 || c === 39) break;
      i++;
    }
    const name = attributes.slice(start, i);
    while (i < n && isXmlSpace(attributes.charCodeAt(i))) i++;
    if (name === "" || attributes.charCodeAt(i) !== 61) {
      if (meter) meter.work += i - from;
      break;
    }
    i++;
    while (i < n && isXmlSpace(attributes.charCodeAt(i))) i++;
    const quote = attributes.charCodeAt(i);
    const quoted = quote === 34 || quote === 39;
    const close = quoted ? attributes.indexOf(quote === 34 ? '"' : "'", i + 1) : -1;
    // Read up to the closing quote, or to the end when the search for it failed.
    if (meter) meter.work += (close >= 0 ? close + 1 : quoted ? n : i) - from;
    if (close < 0) break;
    out.push({ name, raw: attributes.slice(i + 1, close), start, end: close + 1 });
    i = close + 1;
  }
  return out;
}

/** Finds an attribute (by its qualified name, `r:id`) in the attribute part of a start tag. */
export function findAttribute(attributes: string, name: string): { value: string; start: number; end: number } | undefined {
  const found = scanAttributes(attributes).find((a) => a.name === name);
  return found && { value: decodeXml(found.raw), start: found.start, end: found.end };
}

/** Replaces (or adds) an attribute in the attribute part of a start tag. */
export function setAttribute(attributes: string, name: string, value: string): string {
  const found = findAttribute(attributes, name);
  const written = `${name}="${encodeXml(value)}"`;
  if (!found) return `${attributes} ${written}`;
  return attributes.slice(0, found.start) + written + attributes.slice(found.end);
}

/** Removes an attribute (and the white space before it) from the attribute part of a start tag. */
export function removeAttribute(attributes: string, name: string): string {
  const found = findAttribute(attributes, name);
  if (!found) return attributes;
  let start = found.start;
  while (start > 0 && isXmlSpace(attributes.charCodeAt(start - 1))) start--;
  return attributes.slice(0, start) + attributes.slice(found.end);
}

/**
 * The end of the start tag opened at `lt`: the index of its `>` (the first outside quotes), or
 * -1 when a `<` comes first or the text ends (a malformed tag: `<` is never allowed inside a
 * tag, not even in a quoted value). Reads no further than the next `<`, so that scanning every
 * tag of a part reads each character a bounded number of times, however the tags are broken.
 */
export function startTagEnd(xml: string, lt: number, to = xml.length, meter?: WorkMeter): number {
  let quote = 0;
  let i = lt + 1;
  let gt = -1;
  for (; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c === 60 /* < */) break;
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62 /* > */) {
      gt = i;
      break;
    }
  }
  if (meter) meter.work += i - lt;
  return gt;
}

/** A start tag found by eachStartTag. */
export interface StartTag {
  /** The whole tag, `<x:sheet name="a"/>`. */
  whole: string;
  /** Its qualified name, `x:sheet`. */
  tag: string;
  /** The text between the name and `>` or `/>`, starting with white space (or empty). */
  attributes: string;
  /** "/" for a self-closing tag, else "". */
  slash: string;
  start: number;
  end: number;
}

/** Whether `name` is `localName` or `prefix:localName`. */
function hasLocalName(name: string, localName: string): boolean {
  if (name === localName) return true;
  return name.length > localName.length + 1 && name.endsWith(localName) && name.charCodeAt(name.length - localName.length - 1) === 58 /* : */ && !name.slice(0, -localName.length - 1).includes(":");
}

/**
 * The start tags `<sheet …>`, `<x:sheet …/>` of one local name (whatever the namespace prefix),
 * in document order, in one linear pass. A malformed tag (unterminated quote, no `>`) is
 * skipped, never searched for to the end of the part.
 */
export function eachStartTag(xml: string, localName: string, meter?: WorkMeter): StartTag[] {
  const tags: StartTag[] = [];
  /** The next `<` from `from`, the characters searched for it counted. */
  const nextTag = (from: number) => {
    const lt = xml.indexOf("<", from);
    if (meter) meter.work += (lt < 0 ? xml.length : lt) - from;
    return lt;
  };
  let lt = nextTag(0);
  while (lt >= 0) {
    let i = lt + 1;
    while (i < xml.length) {
      const c = xml.charCodeAt(i);
      if (isXmlSpace(c) || c === 47 || c === 62 || c === 60) break;
      i++;
    }
    if (meter) meter.work += i - lt;
    const tag = xml.slice(lt + 1, i);
    const next = xml.charCodeAt(i);
    if (hasLocalName(tag, localName) && (isXmlSpace(next) || next === 47 || next === 62)) {
      const gt = startTagEnd(xml, lt, xml.length, meter);
      if (gt >= 0) {
        const selfClosing = xml.charCodeAt(gt - 1) === 47;
        const attrEnd = selfClosing ? gt - 1 : gt;
        // `<sheet/>` has no attributes; `<sheet …>` has them after white space.
        if (attrEnd >= i) {
          tags.push({ whole: xml.slice(lt, gt + 1), tag, attributes: xml.slice(i, attrEnd), slash: selfClosing ? "/" : "", start: lt, end: gt + 1 });
          lt = nextTag(gt + 1);
          continue;
        }
      }
    }
    lt = nextTag(Math.max(i, lt + 1));
  }
  return tags;
}

/** Rewrites the start tags of one local name (see eachStartTag): `rewrite` returns the new tag text. */
export function replaceStartTags(xml: string, localName: string, rewrite: (tag: StartTag) => string, meter?: WorkMeter): string {
  const tags = eachStartTag(xml, localName, meter);
  if (tags.length === 0) return xml;
  // The rewritten part is copied once, whole.
  if (meter) meter.work += xml.length;
  const parts: string[] = [];
  let at = 0;
  for (const tag of tags) {
    parts.push(xml.slice(at, tag.start), rewrite(tag));
    at = tag.end;
  }
  parts.push(xml.slice(at));
  return parts.join("");
}
