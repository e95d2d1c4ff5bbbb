/**
 * Report templates (issue 9, DOMAIN.md « Report templates »): which templates a workbook offers,
 * which lines a user can pick, and the fill plan the hosts apply (plan.ts).
 *
 * A sheet is a template when its name starts with `Modèle` (accents and case aside), or when it
 * holds a placeholder naming a field Pointage knows (`{proposition}`, `{lignes.montant}`) or a
 * block marker (`{début lignes}`). The `Données` and `_pointage` sheets never are.
 */
import type { Lang } from "../findings";
import { SETTINGS_SHEET, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "../model";
import { cents } from "../amounts";
import { codeKey } from "../tables/operations";
import { BUILTINS, builtins } from "./builtins";
import { readSettings } from "../settings";
import type { BuiltinCell, BuiltinTemplate } from "./builtins/types";
import { fillData, pickableLines, readTables, LINE_FIELDS, type LineInfo } from "./data";
import { fillTemplate, type TemplateSource } from "./fillSheet";
import type { FillBlock, FillCell, FillPlan, FillResult, ResolvedField } from "./plan";
import { termCents } from "../conventions";
import type { BudgetTable } from "../tables/budget";
import { blockMarker, closest, fieldKey, parseCellText } from "./placeholders";

export type { LineInfo } from "./data";
export type { FillPlan, FillResult, FillProblem, FillCell, FillBlock, RowOperation, FillChart, FillConditionalFormat } from "./plan";
export { withFilePrefixes } from "./formulaTokens";

export interface TemplateInfo {
  /** The built-in's id (`rapport`) or the template sheet's name. */
  id: string;
  name: string;
  builtin: boolean;
  /** The template sheet, for a workbook's own template. */
  sheet?: string;
  /** Whether filling it needs a picked line (`--line`). */
  needsLine: boolean;
  /** The kinds of lines it can be filled from (`imputation`, `depense`). */
  lineKinds: string[];
}

export interface FillRequest {
  /** A built-in's id or name, or a template sheet's name. */
  template: string;
  /** A line's id (`Rapport!A2`) or its code opération (`C05-043A06`). */
  line?: string;
  lang?: Lang;
  /** The filled sheet's name; by default the template's and the line's (`Rapport C05-043A06`), made free. */
  sheetName?: string;
}

const LIST_NAMES = new Set(["lignes", "actions", "operations", "tableaux"]);
const KNOWN_SCALARS = new Set([
  ...LINE_FIELDS, "subvention", "cout_total", "taux", "plafond", "taux_plafond", "depenses_realisees", "montant_verse",
  "subvention_due", "reversement", "beneficiaire", "annee", "total_actions", "nombre_lignes", "date",
]);

function placeholdersOf(sheet: SheetSnapshot): { key: string; list?: string }[] {
  const out: { key: string; list?: string }[] = [];
  for (const row of sheet.values) {
    for (const v of row) {
      if (typeof v !== "string" || !v.includes("{")) continue;
      const marker = blockMarker(v);
      if (marker) {
        out.push({ key: v, list: marker.start ?? marker.end });
        continue;
      }
      for (const s of parseCellText(v)) {
        if (!("placeholder" in s)) continue;
        const key = s.placeholder.key;
        const dot = key.indexOf(".");
        out.push(dot > 0 ? { key, list: key.slice(0, dot) } : { key });
      }
    }
  }
  return out;
}

function isTemplateSheet(sheet: SheetSnapshot, extraKeys: ReadonlySet<string>): boolean {
  const name = fieldKey(sheet.name);
  if (sheet.name === SETTINGS_SHEET || name === "donnees") return false;
  if (name.startsWith("modele")) return true;
  return placeholdersOf(sheet).some((p) => (p.list ? LIST_NAMES.has(p.list) : KNOWN_SCALARS.has(p.key) || extraKeys.has(p.key)));
}

function sheetTemplateInfo(sheet: SheetSnapshot): TemplateInfo {
  const used = placeholdersOf(sheet);
  const needsLine = used.some((p) => p.list === "lignes" || (!p.list && LINE_FIELDS.includes(p.key)));
  return { id: sheet.name, name: sheet.name, builtin: false, sheet: sheet.name, needsLine, lineKinds: needsLine ? ["imputation", "depense"] : [] };
}

function builtinInfo(b: BuiltinTemplate): TemplateInfo {
  return { id: b.id, name: b.name, builtin: true, needsLine: b.needsLine, lineKinds: b.lineKinds };
}

/** The workbook's template sheets, then the built-ins. */
export function listTemplates(snapshot: WorkbookSnapshot): TemplateInfo[] {
  const names = new Set((snapshot.names ?? []).map((n) => fieldKey(n.name)));
  return [...snapshot.sheets.filter((s) => isTemplateSheet(s, names)).map(sheetTemplateInfo), ...BUILTINS.map(builtinInfo)];
}

/** The lines a user can pick: report lines and Article 3 lines, in workbook order. */
export function listLines(snapshot: WorkbookSnapshot, lang: Lang = "fr"): LineInfo[] {
  return pickableLines(readTables(snapshot)).map((p) => (lang === "en" ? { ...p.info, label: p.info.label.replace(", ligne ", ", row ") } : p.info));
}

/** A sheet of a built-in, as a snapshot: what the template reads when filled directly. */
function builtinSheet(b: BuiltinTemplate, name: string): SheetSnapshot {
  const width = Math.max(...b.rows.map((r) => r.length));
  const values: CellValue[][] = [];
  const formulas: CellValue[][] = [];
  const numberFormats: string[][] = [];
  for (const row of b.rows) {
    const v: CellValue[] = [];
    const f: CellValue[] = [];
    const n: string[] = [];
    for (let j = 0; j < width; j++) {
      const c: BuiltinCell | undefined = row[j];
      if (c === null || c === undefined) {
        v.push("");
        f.push("");
        n.push("General");
      } else if (typeof c === "object" && "f" in c) {
        v.push("");
        f.push(c.f);
        n.push(c.fmt ?? "General");
      } else if (typeof c === "object") {
        v.push(c.v);
        f.push(c.v);
        n.push(c.fmt);
      } else {
        v.push(c);
        f.push(c);
        n.push("General");
      }
    }
    values.push(v);
    formulas.push(f);
    numberFormats.push(n);
  }
  return { name, origin: { row: 0, column: 0 }, values, formulas, numberFormats, merges: b.merges };
}

function findBuiltin(name: string, snapshot: WorkbookSnapshot): BuiltinTemplate | undefined {
  const k = fieldKey(name);
  return builtins(readSettings(snapshot).prorataRegime).find((b) => fieldKey(b.id) === k || fieldKey(b.name) === k || fieldKey(b.sheetName) === k);
}

/** A name free in the workbook, at most 31 characters, without `[]:*?/\`. */
export function freeSheetName(snapshot: WorkbookSnapshot, wanted: string): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, "-").replace(/^'+|'+$/g, "").trim().slice(0, 31) || "Feuille";
  const taken = new Set(snapshot.sheets.map((s) => s.name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = base.slice(0, 31 - suffix.length) + suffix;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

const TEXTS = {
  fr: {
    unknownTemplate: (t: string, s?: string) => `Modèle « ${t} » introuvable${s ? ` — vouliez-vous dire « ${s} » ?` : ""} (pointage templates les liste).`,
    noLine: (t: string, lines: string) => `Le modèle « ${t} » remplit une ligne : choisissez-la avec --line parmi ${lines}.`,
    noLines: (t: string) => `Le modèle « ${t} » remplit une ligne, et ce classeur n'a aucune ligne de rapport ni d'article 3.`,
    unknownLine: (l: string, lines: string) => `Ligne « ${l} » introuvable ; lignes du classeur : ${lines}.`,
    ambiguous: (l: string, lines: string) => `Plusieurs lignes portent le code « ${l} » : choisissez-en une par son identifiant parmi ${lines}.`,
    noBudget: (t: string) => `Le modèle « ${t} » reprend la prévision d'un budget prévisionnel, et ce classeur n'en a aucun : remplissez d'abord le modèle « Budget prévisionnel de l'action (cerfa 12156) ».`,
    unknownBudget: (l: string, budgets: string) => `Budget « ${l} » introuvable ; budgets du classeur : ${budgets}.`,
  },
  en: {
    unknownTemplate: (t: string, s?: string) => `Template “${t}” not found${s ? ` — did you mean “${s}”?` : ""} (pointage templates lists them).`,
    noLine: (t: string, lines: string) => `Template “${t}” fills one line: pick it with --line among ${lines}.`,
    noLines: (t: string) => `Template “${t}” fills one line, and this workbook has no report or Article 3 line.`,
    unknownLine: (l: string, lines: string) => `Line “${l}” not found; lines of the workbook: ${lines}.`,
    ambiguous: (l: string, lines: string) => `Several lines have code “${l}”: pick one by its id among ${lines}.`,
    noBudget: (t: string) => `Template “${t}” takes its forecast from a budget prévisionnel, and this workbook has none: fill the template “Budget prévisionnel de l'action (cerfa 12156)” first.`,
    unknownBudget: (l: string, budgets: string) => `Budget “${l}” not found; budgets of the workbook: ${budgets}.`,
  },
};

export function planFill(snapshot: WorkbookSnapshot, request: FillRequest): FillResult {
  const lang = request.lang ?? "fr";
  const t = TEXTS[lang];
  const templates = listTemplates(snapshot);
  const wanted = fieldKey(request.template);
  const own = templates.find((x) => !x.builtin && fieldKey(x.id) === wanted);
  const builtin = own ? undefined : findBuiltin(request.template, snapshot);
  if (!own && !builtin) {
    const s = closest(wanted, templates.flatMap((x) => [fieldKey(x.id)]));
    const suggestion = s && templates.find((x) => fieldKey(x.id) === s)?.id;
    return { ok: false, problems: [{ kind: "unknown-template", name: request.template, suggestion, message: t.unknownTemplate(request.template, suggestion) }] };
  }
  const info = own ?? builtinInfo(builtin!);
  const found = readTables(snapshot);
  if (builtin?.fromBudget) return budgetFormPlan(snapshot, builtin, found, request, lang);
  const lines = pickableLines(found);
  const listed = () => lines.map((l) => (l.info.code ? `${l.info.id} (${l.info.code})` : l.info.id)).join(", ");
  let picked: (typeof lines)[number] | undefined;
  if (request.line) {
    const byId = lines.filter((l) => l.info.id.toLowerCase() === request.line!.toLowerCase());
    const byCode = lines.filter((l) => l.info.code && codeKey(l.info.code) === codeKey(request.line!));
    const matches = byId.length ? byId : byCode;
    if (matches.length === 0) return { ok: false, problems: [{ kind: "no-line", name: request.line, message: t.unknownLine(request.line, listed() || "—") }] };
    // Several lines with one code: the same line read in a report and its Article 3 is one choice,
    // the kind the template is filled from first (a deliberation votes the Article 3's imputation).
    const kinds = info.lineKinds.length ? info.lineKinds : ["imputation", "depense"];
    const preferred = kinds.map((k) => matches.filter((l) => l.info.kind === k)).find((g) => g.length > 0);
    const candidates = preferred ?? matches;
    if (candidates.length > 1) {
      return { ok: false, problems: [{ kind: "no-line", name: request.line, message: t.ambiguous(request.line, candidates.map((l) => l.info.id).join(", ")) }] };
    }
    picked = candidates[0];
  } else {
    // With no --line, the one line of the workbook (of the kind the template prefers) is the line.
    // So is the line of a dossier whose lines all name one operation (its report and its Article 3).
    const kinds = info.lineKinds.length ? info.lineKinds : ["imputation", "depense"];
    const preferred = kinds.map((k) => lines.filter((l) => l.info.kind === k)).find((g) => g.length > 0) ?? [];
    // (code and CP: 2023 and 2025 share a code with other CP, and are two operations to choose from).
    const codes = new Set(lines.map((l) => (l.info.code ? `${codeKey(l.info.code)}|${cents(l.line.cp)}` : l.info.id)));
    if (preferred.length === 1 || (preferred.length > 0 && codes.size === 1)) picked = preferred[0];
    else if (lines.length === 1) picked = lines[0];
    else if (info.needsLine) return { ok: false, problems: [{ kind: "no-line", message: lines.length ? t.noLine(info.name, listed()) : t.noLines(info.name) }] };
  }
  const templateSheet = own ? snapshot.sheets.find((sh) => sh.name === own.sheet)! : builtinSheet(builtin!, builtin!.sheetName);
  const wantsFindings = placeholdersOf(templateSheet).some((p) => p.list === "tableaux");
  const data = fillData(snapshot, found, picked && { line: picked.line, table: picked.table }, wantsFindings);
  for (const list of builtin?.optionalLists ?? []) if (!data.lists.has(list)) data.lists.set(list, []);
  const prefix = builtin ? builtin.filledName : info.name.replace(/^mod[eè]le\s*/i, "") || info.name;
  const sheetName = freeSheetName(snapshot, request.sheetName ?? (info.needsLine && picked?.info.code ? `${prefix} ${picked.info.code}` : prefix));
  let source: TemplateSource;
  if (own) source = { sheetName: own.sheet, label: own.sheet!, sheet: templateSheet };
  else
    source = {
      label: builtin!.name,
      sheet: templateSheet,
      columnWidths: builtin!.columnWidths?.map((width, column) => ({ column, width })),
      charts: builtin!.charts,
    };
  return fillTemplate(source, data, { sheetName, lang, scratch: !own });
}

/**
 * A cerfa form laid out from a budget of the workbook: the one `--line` names (its id `Budget!A3:D30`,
 * its first cell or its sheet), else the first budget prévisionnel (a cerfa form before a simple
 * budget, a compte rendu last); without any, the blank form, or a problem for a form that needs one.
 */
function budgetFormPlan(snapshot: WorkbookSnapshot, b: BuiltinTemplate, found: ReturnType<typeof readTables>, request: FillRequest, lang: Lang): FillResult {
  const t = TEXTS[lang];
  const budgets = found.tables.budget;
  let budget: BudgetTable | undefined;
  if (request.line) {
    const k = request.line.toLowerCase();
    budget = budgets.find((x) => x.id.toLowerCase() === k || x.id.toLowerCase().startsWith(`${k}:`) || x.sheet.toLowerCase() === k);
    if (!budget) return { ok: false, problems: [{ kind: "no-line", name: request.line, message: t.unknownBudget(request.line, budgets.map((x) => x.id).join(", ") || "—") }] };
  } else {
    const rank = (x: BudgetTable) => (x.compteRendu ? 2 : x.form === "cerfa" ? 0 : 1);
    budget = [...budgets].sort((x, y) => rank(x) - rank(y))[0];
  }
  if (!budget && b.fromBudget!.required) return { ok: false, problems: [{ kind: "missing-value", name: b.name, message: t.noBudget(b.name) }] };
  // The Département's convention, chosen as CRF-ECART chooses it: the workbook's one, else the budget's sheet's.
  const conventions = found.tables.convention.filter((c) => termCents(c, "subvention") !== undefined && termCents(c, "coutTotal") !== undefined);
  const mine = conventions.length === 1 ? conventions : conventions.filter((c) => c.sheet === budget?.sheet);
  const c = mine.length === 1 ? mine[0] : undefined;
  const layout = b.fromBudget!.layout({
    budget,
    convention: c && { subvention: termCents(c, "subvention")!, coutTotal: termCents(c, "coutTotal")!, montantVerse: termCents(c, "montantVerse") },
    regime: readSettings(snapshot).prorataRegime,
    lang,
  });
  const sheetName = freeSheetName(snapshot, request.sheetName ?? b.filledName);
  return { ok: true, plan: plainPlan(layout.rows, sheetName, { ...b, merges: layout.merges, conditionalFormats: layout.conditionalFormats }, layout.fields) };
}

/** The plan that adds a built-in as an editable template sheet: its placeholders as text, its formulas live. */
export function insertTemplatePlan(templateId: string, snapshot: WorkbookSnapshot, lang: Lang = "fr"): FillPlan {
  const b = findBuiltin(templateId, snapshot);
  if (!b) throw new Error(TEXTS[lang].unknownTemplate(templateId));
  return plainPlan(b.rows, freeSheetName(snapshot, b.sheetName), b, []);
}

/** A sheet written as it is: strings as text (never formulas), numbers, formulas; with the built-in's merges, widths and formats. */
function plainPlan(rows: BuiltinTemplate["rows"], sheetName: string, b: Pick<BuiltinTemplate, "merges" | "columnWidths" | "conditionalFormats">, fields: ResolvedField[]): FillPlan {
  const width = Math.max(...rows.map((r) => r.length));
  const cells: FillCell[][] = rows.map((row) =>
    Array.from({ length: width }, (_, j): FillCell => {
      const c = row[j];
      if (c === null || c === undefined) return null;
      if (typeof c === "string") return { kind: "text", text: c };
      if (typeof c === "number") return { kind: "number", value: c };
      if ("f" in c) return { kind: "formula", formula: c.f, numberFormat: c.fmt };
      return typeof c.v === "number" ? { kind: "number", value: c.v, numberFormat: c.fmt } : { kind: "text", text: c.v };
    }),
  );
  const blocks: FillBlock[] = [{ row: 0, column: 0, cells }];
  const plan: FillPlan = { sheetName, rowOperations: [], blocks, fields };
  if (b.merges?.length) plan.merges = b.merges;
  if (b.columnWidths?.length) plan.columnWidths = b.columnWidths.map((width, column) => ({ column, width }));
  if (b.conditionalFormats?.length) plan.conditionalFormats = b.conditionalFormats;
  return plan;
}
