/**
 * The data a template can use, read from the engine's found tables: the line the user picked
 * (an imputation or Dépense line), the other lines of its table (`lignes`), the convention terms,
 * the breakdown (`actions`), every operation of the workbook (`operations`, for the synthesis),
 * a `Données` sheet (label | value pairs) and the workbook's defined names.
 */
import { a1 } from "../address";
import { cents, percentPoints } from "../amounts";
import { checkWorkbook } from "../engine";
import { evaluateUncachedFormulas } from "../evaluate";
import { SheetGrid, type GridCell } from "../grid";
import type { CellValue, WorkbookSnapshot } from "../model";
import { formatIsPercent, isDateFormat } from "../numbers";
import { readSettings, type ProrataRegime } from "../settings";
import { findTables } from "../tables/find";
import { codeKey } from "../tables/operations";
import { detailRows } from "../tables/repartition";
import type { DepenseLine, FoundTables, ImputationLine, TermKey } from "../tables/types";
import { fieldKey, type FieldValue } from "./placeholders";

export type Item = Record<string, FieldValue>;

export interface LineInfo {
  /** `Rapport!A2`: the line's sheet and first cell, unique in the workbook. */
  id: string;
  /** `C05-043A06 – Actions européennes et internationales (Rapport, ligne 2)`. */
  label: string;
  sheet: string;
  /** A1 of the line's first cell. */
  cell: string;
  kind: "imputation" | "depense" | "action";
  code?: string;
}

export interface FillData {
  scalars: Map<string, FieldValue>;
  lists: Map<string, Item[]>;
  /** Field names a template may use although this workbook has no value for them (missing, not unknown). */
  known: Set<string>;
  /** Fields of each list's items, known in any workbook. */
  knownItemFields: Map<string, Set<string>>;
  regime: ProrataRegime;
}

/** Fields of a report or Article 3 line. */
export const LINE_FIELDS = ["code", "imputation", "libelle", "cp", "disponible", "proposition", "solde", "depense", "montant"];
/** Convention terms as fields. */
export const TERM_FIELDS: Record<TermKey, string> = {
  subvention: "subvention",
  coutTotal: "cout_total",
  tauxIntervention: "taux",
  plafond: "plafond",
  tauxPlafond: "taux_plafond",
  depensesRealisees: "depenses_realisees",
  montantVerse: "montant_verse",
  subventionDue: "subvention_due",
  reversement: "reversement",
};
export const ACTION_FIELDS = ["libelle", "description", "montant", "pct"];
export const OPERATION_FIELDS = ["code", "imputation", "libelle", "cp", "disponible", "propositions", "solde", "lignes"];
export const TABLE_FIELDS = ["tableau", "feuille", "plage", "type", "erreurs", "avertissements", "constats"];
const OTHER_FIELDS = ["beneficiaire", "annee", "total_actions", "nombre_lignes", "date"];

export interface Found {
  grids: SheetGrid[];
  tables: FoundTables;
}

export function readTables(snapshot: WorkbookSnapshot): Found {
  const settings = readSettings(snapshot);
  const evaluated = evaluateUncachedFormulas(snapshot);
  const grids = evaluated.snapshot.sheets.map((s) => new SheetGrid(s));
  return { grids, tables: findTables(grids, settings.headerMap) };
}

function money(cell: GridCell | undefined): FieldValue | undefined {
  const c = cents(cell);
  return c === undefined ? undefined : { kind: "money", cents: c };
}

function text(t: string | undefined): FieldValue | undefined {
  return t === undefined || t.trim() === "" ? undefined : { kind: "text", text: t.trim() };
}

function lineItem(line: ImputationLine | DepenseLine): Item {
  const item: Item = {};
  const put = (k: string, v: FieldValue | undefined) => {
    if (v) item[k] = v;
  };
  put("code", text(line.code));
  put("imputation", text(line.imputation));
  put("libelle", text(line.libelle));
  put("cp", money(line.cp));
  const imp = line as ImputationLine;
  const dep = line as DepenseLine;
  put("disponible", money(imp.disponible));
  put("proposition", money(imp.proposition) ?? money(dep.depense));
  put("solde", money(imp.solde));
  put("depense", money(dep.depense) ?? money(imp.proposition));
  put("montant", item.proposition);
  return item;
}

/** Every line a user can pick, in workbook order: report lines, Article 3 lines. */
export function pickableLines(found: Found): { info: LineInfo; line: ImputationLine | DepenseLine; table: ImputationLine[] | DepenseLine[] }[] {
  const out: { info: LineInfo; line: ImputationLine | DepenseLine; table: ImputationLine[] | DepenseLine[] }[] = [];
  const tables = [...found.tables.imputation, ...found.tables.depense].sort((a, b) => a.sheetIndex - b.sheetIndex || a.range.start.row - b.range.start.row);
  for (const t of tables) {
    for (const line of t.lines) {
      const cell = a1(line.row, t.range.start.column);
      const where = `${line.sheet}, ligne ${line.row + 1}`;
      out.push({
        info: {
          id: `${line.sheet}!${cell}`,
          label: `${line.code || "?"} – ${line.libelle || line.imputation} (${where})`,
          sheet: line.sheet,
          cell,
          kind: t.kind === "imputation" ? "imputation" : "depense",
          code: line.code || undefined,
        },
        line,
        table: t.lines,
      });
    }
  }
  return out;
}

/** A `Données` cell's value: a percent format is a rate, a date format a date, other numbers are amounts. */
function cellValue(value: CellValue, numberFormat: string | undefined): FieldValue | undefined {
  if (typeof value === "number") {
    if (formatIsPercent(numberFormat)) return { kind: "percent", fraction: value };
    if (isDateFormat(numberFormat)) return { kind: "date", serial: value };
    // An amount is shown as one (`€`, two decimals); a bare integer (a year, a count) is a number.
    const amountFormat = !!numberFormat && (numberFormat.includes("€") || /0[.,]00/.test(numberFormat));
    if ((amountFormat || !Number.isInteger(value)) && Number.isInteger(Math.round(value * 100 * 1e6) / 1e6)) return { kind: "money", cents: Math.round(value * 100) };
    return { kind: "number", value };
  }
  if (typeof value === "boolean") return { kind: "text", text: value ? "VRAI" : "FAUX" };
  return text(String(value));
}

/** The `Données` sheet's label | value pairs (first two non-empty columns of each row). */
function dataSheet(snapshot: WorkbookSnapshot, scalars: Map<string, FieldValue>): void {
  for (const sheet of snapshot.sheets) {
    if (fieldKey(sheet.name) !== "donnees") continue;
    sheet.values.forEach((row, i) => {
      const cells = row.map((v, j) => ({ v, j })).filter(({ v }) => v !== "" && v !== null && v !== undefined);
      if (cells.length < 2 || typeof cells[0].v !== "string") return;
      const key = fieldKey(cells[0].v.replace(/\s*:\s*$/, ""));
      const v = cellValue(cells[1].v, sheet.numberFormats?.[i]?.[cells[1].j]);
      if (key && v) scalars.set(key, v);
    });
  }
}

/**
 * `withFindings`: whether to run the checks for the `tableaux` list (a second pass of the engine
 * over the workbook, done only for a template that names it).
 */
export function fillData(
  snapshot: WorkbookSnapshot,
  found: Found,
  line?: { line: ImputationLine | DepenseLine; table: (ImputationLine | DepenseLine)[] },
  withFindings = true,
): FillData {
  const scalars = new Map<string, FieldValue>();
  const lists = new Map<string, Item[]>();
  const regime = readSettings(snapshot).prorataRegime;
  const known = new Set<string>([...LINE_FIELDS, ...Object.values(TERM_FIELDS), ...OTHER_FIELDS]);

  if (line) {
    for (const [k, v] of Object.entries(lineItem(line.line))) scalars.set(k, v);
    lists.set("lignes", line.table.map(lineItem));
    scalars.set("nombre_lignes", { kind: "number", value: line.table.length });
  }

  // The convention: the first convention table's terms.
  for (const c of found.tables.convention) {
    for (const [key, term] of Object.entries(c.terms) as [TermKey, NonNullable<(typeof c.terms)[TermKey]>][]) {
      const name = TERM_FIELDS[key];
      if (scalars.has(name) || !term) continue;
      if (key === "tauxIntervention" || key === "tauxPlafond") {
        const p = percentPoints(term.value, "points");
        if (p) scalars.set(name, { kind: "percent", fraction: p.points / 100, decimals: p.decimals });
      } else {
        const v = money(term.value);
        if (v) scalars.set(name, v);
      }
    }
  }

  // The breakdown: the repartition whose TOTAL is the subsidy or the project's cost, else the first.
  const breakdowns = found.tables.repartition;
  const wanted = [scalars.get("subvention"), scalars.get("cout_total"), scalars.get("proposition")]
    .filter((v): v is { kind: "money"; cents: number } => v?.kind === "money")
    .map((v) => v.cents);
  const breakdown =
    breakdowns.find((b) => {
      const total = b.rows.find((r) => r.kind === "total");
      const c = total ? cents(total.amount) : undefined;
      return c !== undefined && wanted.includes(c);
    }) ?? breakdowns[0];
  if (breakdown) {
    const descriptionColumn = Object.keys(breakdown.headers)
      .map(Number)
      .find((c) => c !== breakdown.amountColumn && c !== breakdown.percentColumn && c !== breakdown.range.start.column && fieldKey(breakdown.headers[c]).startsWith("description"));
    const grid = found.grids.find((g) => g.name === breakdown.sheet)!;
    const items: Item[] = [];
    for (const r of detailRows(breakdown.rows)) {
      const item: Item = {};
      const label = text(r.label);
      if (label) item.libelle = label;
      if (descriptionColumn !== undefined) {
        const d = text(String(grid.value(r.row, descriptionColumn)));
        if (d) item.description = d;
      }
      const m = money(r.amount);
      if (m) item.montant = m;
      const p = r.percent ? percentPoints(r.percent, breakdown.percentScale) : undefined;
      if (p) item.pct = { kind: "percent", fraction: p.points / 100, decimals: p.decimals };
      items.push(item);
    }
    lists.set("actions", items);
    const total = breakdown.rows.find((r) => r.kind === "total");
    const t = total ? money(total.amount) : undefined;
    if (t) scalars.set("total_actions", t);
    else if (items.every((i) => i.montant?.kind === "money"))
      scalars.set("total_actions", { kind: "money", cents: items.reduce((s, i) => s + (i.montant as { cents: number }).cents, 0) });
  }

  // A subsidy with no convention is the picked line's amount; a project's cost with no term, the breakdown's total.
  if (!scalars.has("subvention") && scalars.has("proposition")) scalars.set("subvention", scalars.get("proposition")!);
  if (!scalars.has("cout_total") && scalars.has("total_actions")) scalars.set("cout_total", scalars.get("total_actions")!);
  const sub = scalars.get("subvention");
  const cost = scalars.get("cout_total");
  if (!scalars.has("taux") && sub?.kind === "money" && cost?.kind === "money" && cost.cents > 0) {
    scalars.set("taux", { kind: "percent", fraction: sub.cents / cost.cents, decimals: 2 });
  }

  operations(found, lists);
  if (withFindings) findingsPerTable(snapshot, found, lists);

  // Données and names come last: what the officer typed wins over what was read.
  dataSheet(snapshot, scalars);
  for (const n of snapshot.names ?? []) {
    if (n.value === undefined || n.value === "") continue;
    const v = cellValue(n.value, undefined);
    if (v) scalars.set(fieldKey(n.name), v);
  }
  for (const k of scalars.keys()) known.add(k);
  const knownItemFields = new Map<string, Set<string>>([
    ["lignes", new Set(LINE_FIELDS)],
    ["actions", new Set(ACTION_FIELDS)],
    ["operations", new Set(OPERATION_FIELDS)],
    ["tableaux", new Set(TABLE_FIELDS)],
  ]);
  return { scalars, lists, known, knownItemFields, regime };
}

/** Every operation (code and CP: 2023 and 2025 share a code with different CP), with Σ propositions. */
function operations(found: Found, lists: Map<string, Item[]>): void {
  const groups = new Map<string, ImputationLine[]>();
  for (const t of found.tables.imputation) {
    for (const line of t.lines) {
      const key = `${codeKey(line.code)}|${cents(line.cp) ?? "?"}`;
      const g = groups.get(key);
      if (g) g.push(line);
      else groups.set(key, [line]);
    }
  }
  const items: Item[] = [];
  for (const lines of groups.values()) {
    const first = lines[0];
    const item: Item = lineItem(first);
    // The operation as this workbook leaves it: its first line's Disponible, less every proposition.
    delete item.proposition;
    delete item.solde;
    delete item.depense;
    delete item.montant;
    const props = lines.map((l) => cents(l.proposition));
    if (props.every((p) => p !== undefined)) item.propositions = { kind: "money", cents: props.reduce((s, p) => s! + p!, 0)! };
    const disponible = cents(first.disponible);
    if (disponible !== undefined && item.propositions?.kind === "money") item.solde = { kind: "money", cents: disponible - item.propositions.cents };
    item.lignes = { kind: "number", value: lines.length };
    items.push(item);
  }
  lists.set("operations", items);
}

function findingsPerTable(snapshot: WorkbookSnapshot, found: Found, lists: Map<string, Item[]>): void {
  const result = checkWorkbook(snapshot);
  const kinds: Record<string, string> = { imputation: "Rapport (imputation)", depense: "Article 3", repartition: "Répartition", convention: "Convention", liste: "Tableau" };
  lists.set(
    "tableaux",
    result.tables.map((t) => {
      const own = result.findings.filter((f) => f.table === t.id);
      return {
        tableau: { kind: "text", text: t.id },
        feuille: { kind: "text", text: t.sheet },
        plage: { kind: "text", text: t.range },
        type: { kind: "text", text: kinds[t.kind] ?? t.kind },
        erreurs: { kind: "number", value: own.filter((f) => f.severity === "error").length },
        avertissements: { kind: "number", value: own.filter((f) => f.severity === "warning").length },
        constats: { kind: "text", text: own.length ? own.map((f) => `${f.rule} ${f.cell}`).join(", ") : "aucun" },
      };
    }),
  );
  void found;
}
