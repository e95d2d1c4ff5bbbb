/**
 * Filling one template sheet: every placeholder is resolved first (an unknown or valueless field
 * is a problem, never a blank), then the plan is laid out: repeated rows, rewritten formulas,
 * values in final coordinates.
 */
import { a1, parseRange, rangeA1 } from "../address";
import type { Lang } from "../findings";
import type { SheetSnapshot } from "../model";
import type { FillData, Item } from "./data";
import { Layout, rewriteFormula, type RepeatGroup } from "./layout";
import type { FillBlock, FillCell, FillChart, FillPlan, FillProblem, FillResult, ResolvedField } from "./plan";
import { blockMarker, closest, FORMATTERS, formatText, FormatterMismatch, numberCell, parseCellText, type FieldValue, type Placeholder, type Segment } from "./placeholders";

export interface TemplateSource {
  /** The template sheet's name (absent for a built-in created from nothing). */
  sheetName?: string;
  /** The name messages give the template: its sheet, or the built-in's name. */
  label: string;
  sheet: SheetSnapshot;
  columnWidths?: { column: number; width: number }[];
  /** Charts over template ranges (`A5:A5` stretches with the repeated rows). */
  charts?: FillChart[];
}

interface TemplateCell {
  row: number;
  column: number;
  value: string | number | boolean;
  formula?: string;
  numberFormat?: string;
  segments?: Segment[];
}

const MESSAGES = {
  fr: {
    unknown: (where: string, p: string, s?: string) => `${where} : ${p} inconnu${s ? ` — vouliez-vous dire ${s} ?` : "."}`,
    missing: (where: string, p: string, why: string) => `${where} : ${p} n'a pas de valeur dans ce classeur (${why}) ; rien n'est rempli à blanc.`,
    missingItem: (where: string, p: string, n: number) => `${where} : ${p} n'a pas de valeur pour l'élément ${n} de la liste ; rien n'est rempli à blanc.`,
    noList: (where: string, p: string, list: string) => `${where} : ${p} : aucune liste « ${list} » dans ce classeur.`,
    formatter: (where: string, p: string, f: string, s?: string) => `${where} : ${p} : mise en forme « ${f} » inconnue${s ? ` — vouliez-vous dire « ${s} » ?` : ` (connues : ${FORMATTERS.join(", ")}).`}`,
    mismatch: (where: string, p: string, f: string) => `${where} : ${p} : la mise en forme « ${f} » ne s'applique pas à cette valeur.`,
    markers: (where: string, m: string) => `${where} : ${m} sans marque de début ou de fin correspondante.`,
    why: "aucune donnée lue ne la donne : ajoutez-la à la feuille Données",
    items: (n: number) => `${n} ligne${n > 1 ? "s" : ""}`,
  },
  en: {
    unknown: (where: string, p: string, s?: string) => `${where}: ${p} unknown${s ? ` — did you mean ${s}?` : "."}`,
    missing: (where: string, p: string, why: string) => `${where}: ${p} has no value in this workbook (${why}); nothing is filled with blanks.`,
    missingItem: (where: string, p: string, n: number) => `${where}: ${p} has no value for item ${n} of the list; nothing is filled with blanks.`,
    noList: (where: string, p: string, list: string) => `${where}: ${p}: no list “${list}” in this workbook.`,
    formatter: (where: string, p: string, f: string, s?: string) => `${where}: ${p}: unknown formatter “${f}”${s ? ` — did you mean “${s}”?` : ` (known: ${FORMATTERS.join(", ")}).`}`,
    mismatch: (where: string, p: string, f: string) => `${where}: ${p}: the formatter “${f}” does not apply to this value.`,
    markers: (where: string, m: string) => `${where}: ${m} with no matching start or end marker.`,
    why: "no table read gives it: add it to the Données sheet",
    items: (n: number) => `${n} row${n === 1 ? "" : "s"}`,
  },
};

function templateCells(sheet: SheetSnapshot): TemplateCell[] {
  const out: TemplateCell[] = [];
  sheet.values.forEach((row, i) =>
    row.forEach((value, j) => {
      const f = sheet.formulas?.[i]?.[j];
      const formula = typeof f === "string" && f.startsWith("=") ? f : undefined;
      if ((value === "" || value === null || value === undefined) && !formula) return;
      const cell: TemplateCell = { row: sheet.origin.row + i, column: sheet.origin.column + j, value: value ?? "", formula, numberFormat: sheet.numberFormats?.[i]?.[j] };
      if (!formula && typeof value === "string" && value.includes("{")) {
        const segments = parseCellText(value);
        if (segments.some((s) => "placeholder" in s)) cell.segments = segments;
      }
      out.push(cell);
    }),
  );
  return out;
}

function listOf(p: Placeholder): { list: string; field: string } | undefined {
  const dot = p.key.indexOf(".");
  return dot > 0 ? { list: p.key.slice(0, dot), field: p.key.slice(dot + 1) } : undefined;
}

/** The sheet a placeholder's messages name: `Modèle Rapport!B7`. */
function where(source: TemplateSource, row: number, column: number): string {
  return `${source.label}!${a1(row, column)}`;
}

export function fillTemplate(source: TemplateSource, data: FillData, options: { sheetName: string; lang: Lang; scratch: boolean }): FillResult {
  const m = MESSAGES[options.lang];
  const cells = templateCells(source.sheet);
  const problems: FillProblem[] = [];
  const problem = (p: Omit<FillProblem, "sheet">) => problems.push({ sheet: source.label, ...p });

  // 1. Block markers and repeated rows.
  const groups: RepeatGroup[] = [];
  const open: { list: string; row: number; column: number }[] = [];
  const markerCells = new Set<TemplateCell>();
  for (const c of [...cells].sort((a, b) => a.row - b.row || a.column - b.column)) {
    if (typeof c.value !== "string" || !c.segments) continue;
    const marker = blockMarker(c.value);
    if (!marker) continue;
    markerCells.add(c);
    if (marker.start) open.push({ list: marker.start, row: c.row, column: c.column });
    else {
      const at = open.findIndex((o) => o.list === marker.end);
      if (at < 0) {
        problem({ kind: "syntax", cell: a1(c.row, c.column), name: c.value.trim(), message: m.markers(where(source, c.row, c.column), c.value.trim()) });
        continue;
      }
      const [o] = open.splice(at, 1);
      groups.push({ list: o.list, first: o.row + 1, last: c.row - 1, startMarker: o.row, endMarker: c.row, count: 0 });
    }
  }
  for (const o of open) problem({ kind: "syntax", cell: a1(o.row, o.column), name: `{début ${o.list}}`, message: m.markers(where(source, o.row, o.column), `{début ${o.list}}`) });
  const inBlock = (row: number) => groups.some((g) => row >= g.first && row <= g.last);
  for (const c of cells) {
    if (!c.segments || markerCells.has(c) || inBlock(c.row)) continue;
    const list = c.segments.map((s) => ("placeholder" in s ? listOf(s.placeholder) : undefined)).find((l) => l !== undefined);
    if (list && !groups.some((g) => g.first === c.row)) groups.push({ list: list.list, first: c.row, last: c.row, count: 0 });
  }
  for (const g of groups) g.count = data.lists.get(g.list)?.length ?? 0;
  const layout = new Layout(groups);

  // 2. Every placeholder resolved before anything is laid out.
  const knownNames = [...data.known, ...[...data.knownItemFields].flatMap(([l, fs]) => [...fs].map((f) => `${l}.${f}`))];
  const fields: ResolvedField[] = [];
  const resolve = (c: TemplateCell, p: Placeholder, item: Item | undefined, itemIndex: number): FieldValue | undefined => {
    const at = where(source, c.row, c.column);
    const cell = a1(c.row, c.column);
    for (const f of p.formatters) {
      if (!(FORMATTERS as readonly string[]).includes(f)) {
        const s = closest(f, FORMATTERS);
        problem({ kind: "unknown-formatter", cell, name: p.raw, suggestion: s, message: m.formatter(at, p.raw, f, s) });
        return undefined;
      }
    }
    const list = listOf(p);
    if (list) {
      const known = data.knownItemFields.get(list.list);
      if (!known || !known.has(list.field)) {
        const s = closest(p.key, knownNames);
        problem({ kind: "unknown-field", cell, name: p.raw, suggestion: s && `{${s}}`, message: m.unknown(at, p.raw, s && `{${s}}`) });
        return undefined;
      }
      if (!data.lists.has(list.list)) {
        problem({ kind: "missing-value", cell, name: p.raw, message: m.noList(at, p.raw, list.list) });
        return undefined;
      }
      if (!item) return undefined;
      const v = item[list.field];
      if (!v) problem({ kind: "missing-value", cell, name: p.raw, message: m.missingItem(at, p.raw, itemIndex + 1) });
      return v;
    }
    if (!data.known.has(p.key)) {
      const s = closest(p.key, knownNames);
      problem({ kind: "unknown-field", cell, name: p.raw, suggestion: s && `{${s}}`, message: m.unknown(at, p.raw, s && `{${s}}`) });
      return undefined;
    }
    const v = data.scalars.get(p.key);
    if (!v) problem({ kind: "missing-value", cell, name: p.raw, message: m.missing(at, p.raw, m.why) });
    return v;
  };

  /** The cell a template cell becomes, for one copy (item) or none. */
  const render = (c: TemplateCell, item: Item | undefined, itemIndex: number, record: boolean): FillCell | undefined => {
    const segments = c.segments!;
    const values: (FieldValue | undefined)[] = segments.map((s) => ("placeholder" in s ? resolve(c, s.placeholder, item, itemIndex) : undefined));
    const placeholders = segments.filter((s): s is { placeholder: Placeholder } => "placeholder" in s);
    if (placeholders.some((_, k) => !values[segments.indexOf(placeholders[k])])) return undefined;
    try {
      let out: FillCell;
      const only = segments.length === 1 && placeholders.length === 1 ? numberCell(values[0]!, placeholders[0].placeholder.formatters) : undefined;
      if (only) out = { kind: "number", value: only.value, numberFormat: only.numberFormat };
      else {
        const text = segments.map((s, k) => ("placeholder" in s ? formatText(values[k]!, s.placeholder.formatters, options.lang) : s.text)).join("");
        out = text === "" ? { kind: "empty" } : { kind: "text", text };
      }
      if (record) {
        for (const p of placeholders) {
          const v = values[segments.indexOf(p)]!;
          fields.push({ cell: a1(c.row, c.column), placeholder: p.placeholder.raw, shown: formatText(v, p.placeholder.formatters, options.lang) });
        }
      }
      return out;
    } catch (e) {
      if (!(e instanceof FormatterMismatch)) throw e;
      const p = placeholders[0].placeholder;
      problem({ kind: "unknown-formatter", cell: a1(c.row, c.column), name: p.raw, message: m.mismatch(where(source, c.row, c.column), p.raw, e.message) });
      return undefined;
    }
  };

  const constant = (c: TemplateCell): FillCell => {
    if (typeof c.value === "number") return { kind: "number", value: c.value, numberFormat: c.numberFormat && c.numberFormat !== "General" ? c.numberFormat : undefined };
    return { kind: "text", text: String(c.value) };
  };

  // 3. The cells in final coordinates.
  const written = new Map<string, { row: number; column: number; cell: FillCell }>();
  const put = (row: number, column: number, cell: FillCell) => written.set(`${row}:${column}`, { row, column, cell });
  const formulaCell = (c: TemplateCell, group?: RepeatGroup, copy?: number): FillCell => {
    const formula = rewriteFormula(c.formula!, layout, { group, copy, templateSheet: source.sheetName, newSheet: options.sheetName });
    const out: FillCell = { kind: "formula", formula };
    if (options.scratch && c.numberFormat && c.numberFormat !== "General") out.numberFormat = c.numberFormat;
    return out;
  };
  for (const c of cells) {
    if (markerCells.has(c) || layout.isMarker(c.row)) continue;
    const g = layout.groupOf(c.row);
    if (!g) {
      const row = layout.finalRow(c.row);
      if (c.formula) put(row, c.column, formulaCell(c));
      else if (c.segments) {
        const out = render(c, undefined, 0, true);
        if (out) put(row, c.column, out);
      } else if (options.scratch) put(row, c.column, constant(c));
      continue;
    }
    const items = data.lists.get(g.list) ?? [];
    if (c.segments) {
      for (const p of c.segments) if ("placeholder" in p && items.length === 0) resolve(c, p.placeholder, undefined, 0);
      if (items.length) fields.push(...c.segments.filter((s): s is { placeholder: Placeholder } => "placeholder" in s).map((s) => ({ cell: a1(c.row, c.column), placeholder: s.placeholder.raw, shown: MESSAGES[options.lang].items(items.length) })));
    }
    items.forEach((item, k) => {
      const row = layout.copyRow(g, c.row, k);
      if (c.formula) put(row, c.column, formulaCell(c, g, k));
      else if (c.segments) {
        const out = render(c, item, k, false);
        if (out) put(row, c.column, out);
      } else if (options.scratch || k > 0) put(row, c.column, constant(c));
    });
  }
  if (problems.length) return { ok: false, problems: dedupe(problems) };

  // 4. One rectangle with everything written; null leaves the copy's cell as it is.
  const blocks: FillBlock[] = [];
  if (written.size) {
    const all = [...written.values()];
    const top = Math.min(...all.map((w) => w.row));
    const bottom = Math.max(...all.map((w) => w.row));
    const left = Math.min(...all.map((w) => w.column));
    const right = Math.max(...all.map((w) => w.column));
    const grid: FillCell[][] = Array.from({ length: bottom - top + 1 }, () => Array.from({ length: right - left + 1 }, () => null));
    for (const w of all) grid[w.row - top][w.column - left] = w.cell;
    blocks.push({ row: top, column: left, cells: grid });
  }

  // Merges: from scratch all of them, in a copy those of the inserted copies of repeated rows.
  const merges: string[] = [];
  for (const mr of source.sheet.merges ?? []) {
    const r = parseRange(mr);
    if (!r) continue;
    const top = r.start.row;
    const bottom = r.end.row;
    const moved = (d: number) => rangeA1({ start: { row: top + d, column: r.start.column }, end: { row: bottom + d, column: r.end.column } });
    const g = layout.groupOf(top);
    if (g && bottom <= g.last) {
      for (let k = options.scratch ? 0 : 1; k < g.count; k++) merges.push(moved(layout.copyRow(g, top, k) - top));
    } else if (options.scratch && !g && !layout.isMarker(top)) merges.push(moved(layout.finalRow(top) - top));
  }

  const charts: FillChart[] = [];
  for (const chart of source.charts ?? []) {
    const categories = rewriteFormula(`=SUM(${chart.categories})`, layout, { newSheet: options.sheetName }).replace(/^=SUM\((.*)\)$/, "$1");
    const values = rewriteFormula(`=SUM(${chart.values})`, layout, { newSheet: options.sheetName }).replace(/^=SUM\((.*)\)$/, "$1");
    if (categories === "=0" || values === "=0") continue;
    const anchor = parseRange(chart.anchor);
    charts.push({ ...chart, categories, values, anchor: anchor ? a1(layout.finalRow(anchor.start.row), anchor.start.column) : chart.anchor });
  }

  const plan: FillPlan = {
    sheetName: options.sheetName,
    rowOperations: options.scratch ? [] : layout.rowOperations(),
    blocks,
    fields,
  };
  if (!options.scratch && source.sheetName) plan.template = source.sheetName;
  if (merges.length) plan.merges = merges;
  if (source.columnWidths?.length) plan.columnWidths = source.columnWidths;
  if (charts.length) plan.charts = charts;
  return { ok: true, plan };
}

function dedupe(problems: FillProblem[]): FillProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.cell}|${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
