/** The few XML string helpers the zip pre- and post-processing needs (no DOM: this runs in Node too). */

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the entities of an attribute value or a text node. */
export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code = entity[1] === "x" || entity[1] === "X" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity] ?? whole;
  });
}

/** Escapes a string for an attribute value (double-quoted) or a text node. */
export function encodeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function escapeName(name: string): string {
  return name.replace(/[:.-]/g, "\\$&");
}

/** Finds an attribute (no namespace prefix) in the attribute part of a start tag. */
export function findAttribute(attributes: string, name: string): { value: string; start: number; end: number } | undefined {
  const pattern = new RegExp(`(^|\\s)${escapeName(name)}\\s*=\\s*("([^"]*)"|'([^']*)')`);
  const match = pattern.exec(attributes);
  if (!match) return undefined;
  const start = match.index + match[1].length;
  return { value: decodeXml(match[3] ?? match[4] ?? ""), start, end: match.index + match[0].length };
}

/** Replaces (or adds) an attribute in the attribute part of a start tag. */
export function setAttribute(attributes: string, name: string, value: string): string {
  const found = findAttribute(attributes, name);
  const written = `${name}="${encodeXml(value)}"`;
  if (!found) return `${attributes} ${written}`;
  return attributes.slice(0, found.start) + written + attributes.slice(found.end);
}

/** Removes an attribute from the attribute part of a start tag. */
export function removeAttribute(attributes: string, name: string): string {
  const pattern = new RegExp(`\\s${escapeName(name)}\\s*=\\s*("[^"]*"|'[^']*')`);
  return attributes.replace(pattern, "");
}

/** Start tags `<x:sheet …>` / `<sheet …/>` of one local name, whatever the namespace prefix. */
export function startTagPattern(localName: string): RegExp {
  return new RegExp(`<((?:[A-Za-z_][\\w.-]*:)?${localName})(\\s(?:[^>"']|"[^"]*"|'[^']*')*?)?(\\/?)>`, "g");
}
