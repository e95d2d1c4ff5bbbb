/**
 * The defined names of a filled copy, as Excel's Move or Copy of a sheet makes them: the
 * template's own names (`localSheetId`: print area, filter database, names scoped to it) and the
 * workbook's names that point only at the template are copied as names of the new sheet, their
 * references re-pointed at it and moved by the plan's row operations (a name over the repeated
 * row grows over its copies). Inserting a sheet shifts the `localSheetId` of the sheets after it.
 * References are read with the formula tokenizer, never with a regular expression.
 */
import type { RowOperation } from "../core/fill/plan";
import { referenceText, tokenize, untokenize, type Reference, type Token } from "../core/fill/formulaTokens";
import { moveRange } from "./fillSheetXml";
import { appendToChild, childElements, insertAt, rootElement, type ChildElement } from "./ooxmlParts";
import { decodeXml, encodeXml, findAttribute, removeAttribute, setAttribute } from "./xml";

export interface NameCopy {
  /** Index in `<sheets>` of the template, and of the new sheet once inserted. */
  templateIndex: number;
  newIndex: number;
  templateName: string;
  newName: string;
  rowOperations: readonly RowOperation[];
}

const sameSheet = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The name's formula on the new sheet: references to the template re-pointed and moved; `#REF!` for one whose rows all went. */
export function copiedFormula(formula: string, copy: NameCopy): string {
  const tokens: Token[] = tokenize(formula).map((t) => {
    if (t.t !== "ref" || t.ref.sheet === undefined || !sameSheet(t.ref.sheet, copy.templateName)) return t;
    const ref: Reference = { ...t.ref, sheet: copy.newName };
    const end = ref.end ?? ref.start;
    if (ref.start.row !== undefined && end.row !== undefined) {
      const moved = moveRange({ start: { row: ref.start.row, column: ref.start.column ?? 0 }, end: { row: end.row, column: end.column ?? 0 } }, copy.rowOperations);
      if (!moved) return { ...t, text: "#REF!" };
      ref.start = { ...ref.start, row: moved.start.row };
      if (ref.end || moved.end.row !== moved.start.row) ref.end = { ...end, row: moved.end.row };
    }
    return { ...t, text: referenceText(ref) };
  });
  return untokenize(tokens);
}

/** Whether a formula refers to cells, and only to the template's. */
function onlyOnTemplate(formula: string, templateName: string): boolean {
  const refs = tokenize(formula).filter((t): t is Extract<Token, { t: "ref" }> => t.t === "ref");
  return refs.length > 0 && refs.every((t) => t.ref.sheet !== undefined && sameSheet(t.ref.sheet, templateName));
}

/** workbook.xml with its names shifted for the inserted sheet and the template's copied; also the names it copied. */
export function copyNames(xml: string, copy: NameCopy): { xml: string; copied: string[] } {
  const root = rootElement(xml);
  if (!root) return { xml, copied: [] };
  const p = root.prefix;
  const element = childElements(xml, root.contentStart).elements.find((e) => e.name === "definedNames");
  if (!element || element.selfClosing) return { xml, copied: [] };
  const names = childElements(xml, element.startTagEnd).elements.filter((e) => e.name === "definedName");
  const local = (e: ChildElement) => {
    const id = findAttribute(e.attributes, "localSheetId")?.value;
    return id === undefined ? undefined : Number(id);
  };
  const text = (e: ChildElement) => decodeXml(e.selfClosing ? "" : xml.slice(e.startTagEnd, xml.lastIndexOf("</", e.end - 1)));
  const templateOwn = new Set(names.filter((e) => local(e) === copy.templateIndex).map((e) => findAttribute(e.attributes, "name")?.value.toLowerCase()));
  const edits: { at: number; end: number; text: string }[] = [];
  const added: string[] = [];
  const copied: string[] = [];
  for (const e of names) {
    const id = local(e);
    if (id !== undefined && id >= copy.newIndex) {
      edits.push({ at: e.start, end: e.startTagEnd, text: `<${p}definedName${setAttribute(e.attributes, "localSheetId", String(id + 1))}${e.selfClosing ? "/" : ""}>` });
    }
    const name = findAttribute(e.attributes, "name")?.value ?? "";
    const formula = text(e);
    const ownName = id === copy.templateIndex;
    // A workbook name over the template becomes the copy's own (unless the template has its own of that name).
    const workbookName = id === undefined && !templateOwn.has(name.toLowerCase()) && onlyOnTemplate(formula, copy.templateName);
    if (!ownName && !workbookName) continue;
    const attributes = setAttribute(removeAttribute(e.attributes, "localSheetId"), "localSheetId", String(copy.newIndex));
    added.push(`<${p}definedName${attributes}>${encodeXml(copiedFormula(formula, copy))}</${p}definedName>`);
    copied.push(name);
  }
  let out = insertAt(xml, edits);
  if (added.length) {
    const again = childElements(out, root.contentStart).elements.find((e) => e.name === "definedNames")!;
    out = appendToChild(out, again, p, added.join(""));
  }
  return { xml: out, copied };
}

/** What a reference to a template's table that was not copied becomes: Excel's own error for a deleted table. */
export const DROPPED_TABLE = "#REF!";

/**
 * A formula with the template's tables renamed to their copies (`TabListe[Reste]` →
 * `TabListe_2[Reste]`, a bare `TabListe` too), as Excel's copy of a sheet does: the filled
 * sheet's totals add its own rows, never the template's. A table not copied (DROPPED_TABLE)
 * makes the reference `#REF!`: an error shown, rather than the template's figures added.
 */
export function withTablesRenamed(formula: string, renamed: ReadonlyMap<string, string>): string {
  if (renamed.size === 0) return formula;
  return untokenize(
    tokenize(formula).map((t) => {
      if (t.t !== "name") return t;
      const bracket = t.text.indexOf("[");
      const name = bracket < 0 ? t.text : t.text.slice(0, bracket);
      const copy = renamed.get(name.toLowerCase());
      if (copy === undefined) return t;
      return { ...t, text: copy === DROPPED_TABLE ? DROPPED_TABLE : copy + (bracket < 0 ? "" : t.text.slice(bracket)) };
    }),
  );
}
