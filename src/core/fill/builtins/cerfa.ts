/**
 * The budget pages of an association's subsidy request, as built-in templates:
 * - *Budget prévisionnel de l'action (cerfa 12156)*: CHARGES | Montant | PRODUITS | Montant with
 *   the form's account groups and wording, each group's amount a SUM of exactly its detail lines,
 *   TOTAL DES CHARGES and TOTAL DES PRODUITS a SUM of exactly the group lines (a group's lines and
 *   its `dont` lines are never added twice), an equality cell that a conditional format turns red
 *   when the sides differ, and the contributions volontaires en nature (86 | 87) with their TOTALs;
 * - *Compte rendu financier de l'action (cerfa 15059)*: the same lines with Prévision (the budget
 *   prévisionnel's amounts), Réalisation (empty, for the treasurer), Écart = réalisé − prévu and
 *   % = réalisé ÷ prévu as live formulas, and, when the Département's convention is in the
 *   workbook, the subsidy due and the reversement under its regime (bilan.ts's formulas).
 *
 * Laid out from the budget Pointage found in the workbook: its groups land on the form's groups
 * by account number (`60-Achats`, `Achats (60)`) or name (charges indirectes), with the
 * treasurer's own detail lines and figures; the form's groups the budget does not have keep the
 * form's lines, empty; groups the form does not have follow the form's. Without a budget, the
 * blank form. Labels from the workbook are text cells, never formulas.
 */
import { a1, rangeA1 } from "../../address";
import { cents } from "../../amounts";
import { formatMoney } from "../../format";
import { isDepartementLine } from "../../checks/bud-subvention";
import { groupFigure, mainColumn, type BudgetGroup, type BudgetLine, type BudgetSide } from "../../tables/budget";
import { sumFormula } from "../../tables/repartition";
import { isPartLine } from "../../tables/rows";
import { normalizeLabel } from "../../text";
import type { FillConditionalFormat } from "../plan";
import { dueFormula, reversementFormula } from "./bilan";
import { titledHeader } from "./heading";
import type { BudgetLayoutInput, BuiltinCell, BuiltinLayout, BuiltinTemplate } from "./types";

/** One of the form's account groups: its number (or the name it is matched by), its wording, its lines. */
interface FormGroup {
  account?: string;
  /** Folded name matched in a budget's label when the group has no number (charges indirectes). */
  key?: string;
  label: string;
  lines?: string[];
  /** `dont …` lines: parts of the group's amount, never added. */
  parts?: string[];
}

/** The form's charges, in its order and words (cerfa n° 12156, budget prévisionnel de l'action). */
const CHARGES: FormGroup[] = [
  { account: "60", label: "60 – Achats", lines: ["Prestations de services", "Achats matières et fournitures", "Autres fournitures"] },
  { account: "61", label: "61 – Services extérieurs", lines: ["Locations", "Entretien et réparation", "Assurance", "Documentation"] },
  { account: "62", label: "62 – Autres services extérieurs", lines: ["Rémunérations intermédiaires et honoraires", "Publicité, publication", "Déplacements, missions", "Services bancaires, autres"] },
  { account: "63", label: "63 – Impôts et taxes", lines: ["Impôts et taxes sur rémunération", "Autres impôts et taxes"] },
  { account: "64", label: "64 – Charges de personnel", lines: ["Rémunération des personnels", "Charges sociales", "Autres charges de personnel"] },
  { account: "65", label: "65 – Autres charges de gestion courante" },
  { account: "66", label: "66 – Charges financières" },
  { account: "67", label: "67 – Charges exceptionnelles" },
  { account: "68", label: "68 – Dotation aux amortissements" },
  { key: "chargesindirectes", label: "Charges indirectes réparties affectées à l'action", lines: ["Charges fixes de fonctionnement", "Frais financiers", "Autres"] },
];

/** The form's produits, with the funders of 74 it lists. */
const PRODUITS: FormGroup[] = [
  { account: "70", label: "70 – Vente de produits finis, de marchandises, prestations de services" },
  { account: "73", label: "73 – Dotations et produits de tarification" },
  {
    account: "74",
    label: "74 – Subventions d'exploitation",
    lines: [
      "État : préciser le(s) ministère(s) sollicité(s)",
      "Région(s) :",
      "Département(s) :",
      "Intercommunalité(s) : EPCI",
      "Commune(s) :",
      "Organismes sociaux (détailler) :",
      "Fonds européens (FSE, FEDER, etc.)",
      "L'agence de services et de paiement (emplois aidés)",
      "Aides privées (fondation)",
      "Autres établissements publics",
    ],
  },
  { account: "75", label: "75 – Autres produits de gestion courante", parts: ["Dont cotisations, dons manuels ou legs"] },
  { account: "76", label: "76 – Produits financiers" },
  { account: "77", label: "77 – Produits exceptionnels" },
  { account: "78", label: "78 – Reprises sur amortissements et provisions" },
];

const EMPLOIS: FormGroup[] = [
  { account: "86", label: "86 – Emplois des contributions volontaires en nature", lines: ["860 – Secours en nature", "861 – Mise à disposition gratuite de biens et prestations", "862 – Prestations", "864 – Personnel bénévole"] },
];
const CONTRIBUTIONS: FormGroup[] = [{ account: "87", label: "87 – Contributions volontaires en nature", lines: ["870 – Bénévolat", "871 – Prestations en nature", "875 – Dons en nature"] }];

const NOTE_12156 = "Cerfa n° 12156 – Le total des charges doit être égal au total des produits. Ne pas indiquer les centimes d'euros.";
const NOTE_15059 = "Cerfa n° 15059 – Prévision reprise du budget prévisionnel ; saisissez la réalisation, l'écart et le % se calculent.";

/** A line of one side of the form, before it is placed. */
interface FormRow {
  label: string;
  kind: "group" | "detail" | "part" | "heading" | "total";
  /** The budget's amount (prévu), in cents; undefined: to be typed. */
  cents?: number;
  /** What the budget's cell holds when it is not an amount (`n/a`, `#REF!`): copied as text, never dropped. */
  unread?: string;
  /** A group's detail lines or a TOTAL's addends, by index in the side's rows: its amount is their SUM. */
  sums?: number[];
}

function matches(form: FormGroup, line: BudgetLine): boolean {
  if (form.account) return line.account === form.account;
  return normalizeLabel(line.label).includes(form.key!);
}

/** A budget line's amount as a row's: its cents, or the text of a cell that holds something else. */
function amountOf(l: BudgetLine, column: number): Pick<FormRow, "cents" | "unread"> {
  const cell = l.cells[column];
  const c = cents(cell);
  if (c !== undefined) return { cents: c };
  const r = cell.reading;
  return r.kind === "text" || r.kind === "error" ? { unread: r.text } : {};
}

/** The budget's lines under a group line, up to the next group: details, `dont` and funders' parts, headings. */
function runOf(side: BudgetSide, group: BudgetGroup, column: number): FormRow[] {
  const start = side.lines.indexOf(group.line);
  const out: FormRow[] = [];
  for (const l of side.lines.slice(start + 1)) {
    if (l.kind === "group") break;
    if (l.kind === "subtotal") continue;
    // A funder's part written under it (`Pas-de-Calais` under `Département(s)`): after a dash, so that it stays a part.
    const label = l.kind === "part" && !isPartLine(l.label) && !/^[-–—•]/.test(l.label) ? `- ${l.label}` : l.label;
    out.push({ label, kind: l.kind === "detail" || l.kind === "part" ? l.kind : "heading", ...amountOf(l, column) });
  }
  return out;
}

/** The rows of one side: the budget's when there is one, laid on the form's groups; the form's own lines otherwise. */
function sideRows(form: readonly FormGroup[], side: BudgetSide | undefined, totalLabel: string): FormRow[] {
  const rows: FormRow[] = [];
  const addends: number[] = [];
  const column = side ? mainColumn(side) : 0;
  // A budget without account groups (Recettes | Dépenses): its lines first, where nothing takes them for a group's.
  for (const l of side?.loose ?? []) {
    addends.push(rows.length);
    rows.push({ label: l.label, kind: "detail", ...amountOf(l, column) });
  }
  const pushGroup = (label: string, lines: FormRow[], stated?: number) => {
    const group: FormRow = { label, kind: "group" };
    addends.push(rows.length);
    rows.push(group);
    const details: number[] = [];
    for (const l of lines) {
      if (l.kind === "detail") details.push(rows.length);
      rows.push(l);
    }
    if (details.length) group.sums = details;
    else group.cents = stated;
  };
  const formLines = (f: FormGroup): FormRow[] => [...(f.parts ?? []).map((label): FormRow => ({ label, kind: "part" })), ...(f.lines ?? []).map((label): FormRow => ({ label, kind: "detail" }))];
  const used = new Set<BudgetGroup>();
  for (const f of form) {
    const g = side?.groups.find((x) => !used.has(x) && matches(f, x.line));
    if (!g) {
      pushGroup(f.label, formLines(f));
      continue;
    }
    used.add(g);
    const run = runOf(side!, g, column);
    // The form's `dont` line stays when the budget has none of its own.
    const parts = run.some((r) => r.kind === "part" && isPartLine(r.label)) ? [] : (f.parts ?? []).map((label): FormRow => ({ label, kind: "part" }));
    pushGroup(f.label, [...parts, ...run], groupFigure(g, column).stated);
  }
  for (const g of side?.groups ?? []) if (!used.has(g)) pushGroup(g.line.label, runOf(side!, g, column), groupFigure(g, column).stated);
  rows.push({ label: totalLabel, kind: "total", sums: addends });
  return rows;
}

/** What a row amounts to in cents (its SUM's rows for a group or a TOTAL); empty lines count 0. */
function rowCents(rows: readonly FormRow[], i: number): number {
  const r = rows[i];
  return r.sums ? r.sums.reduce((s, k) => s + rowCents(rows, k), 0) : (r.cents ?? 0);
}

/** Where a side's columns are: its label, then its amounts (Montant, or Prévision · Réalisation · Écart · %). */
interface SideColumns {
  label: number;
  prevu: number;
  realise?: number;
  ecart?: number;
  pourcent?: number;
}

/**
 * Places two sides next to each other from `top`, their TOTALs on one row (the form's). Returns
 * the cells by row and the row of each side's TOTAL.
 */
function placeSides(out: BuiltinCell[][], top: number, sides: [FormRow[], FormRow[]], columns: [SideColumns, SideColumns], money: string): { totals: [number, number]; rowsAt: [number[], number[]] } {
  const body = Math.max(sides[0].length, sides[1].length) - 1;
  const totalRow = top + body;
  const rowsAt: [number[], number[]] = [[], []];
  sides.forEach((rows, s) => {
    const col = columns[s];
    rows.forEach((r, i) => {
      const row = r.kind === "total" ? totalRow : top + i;
      rowsAt[s][i] = row;
    });
    rows.forEach((r, i) => {
      const row = rowsAt[s][i];
      const line = (out[row] ??= []);
      line[col.label] = r.label;
      if (r.kind === "heading") return;
      const at = (k: number) => rowsAt[s][k];
      line[col.prevu] = r.sums ? { f: sumFormula(col.prevu, r.sums.map(at)), fmt: money } : r.cents !== undefined ? { v: r.cents / 100, fmt: money } : r.unread !== undefined ? r.unread : null;
      if (col.realise === undefined) return;
      // Réalisation: the treasurer types the lines; a group or a TOTAL adds them.
      if (r.sums) line[col.realise] = { f: sumFormula(col.realise, r.sums.map(at)), fmt: money };
      const p = a1(row, col.prevu);
      const q = a1(row, col.realise);
      line[col.ecart!] = { f: `=${q}-${p}`, fmt: money };
      // % only where there is a prévu to divide by (no #DIV/0! on a line the budget leaves empty).
      if (rowCents(rows, i) !== 0) line[col.pourcent!] = { f: `=${q}/${p}`, fmt: "0.00%" };
    });
  });
  return { totals: [rowsAt[0][sides[0].length - 1], rowsAt[1][sides[1].length - 1]], rowsAt };
}

/** Amounts with cents anywhere: two decimals; whole euros otherwise, as the form asks. */
function moneyFormat(sides: FormRow[][]): string {
  return sides.some((rows) => rows.some((r) => r.cents !== undefined && r.cents % 100 !== 0)) ? "#,##0.00" : "#,##0";
}

/** The preview's one field: the budget the form was laid out from, with its charges. */
function sourceField(input: BudgetLayoutInput, chargesRows: readonly FormRow[]): BuiltinLayout["fields"] {
  const b = input.budget;
  if (!b) return [{ cell: "A4", placeholder: "budget", shown: input.lang === "en" ? "no budget in the workbook: blank form" : "aucun budget dans le classeur : formulaire vierge" }];
  const charges = rowCents(chargesRows, chargesRows.length - 1);
  const what = input.lang === "en" ? `budget ${b.id} (expenses ${formatMoney(charges, "en", { wholeEuros: true })})` : `budget ${b.id} (charges ${formatMoney(charges, "fr", { wholeEuros: true })})`;
  return [{ cell: "A4", placeholder: "budget", shown: what }];
}

/** The form's four columns of groups (charges, produits, 86, 87), from the budget or blank, and their money format. */
function formSides(b: BudgetLayoutInput["budget"]) {
  const charges = sideRows(CHARGES, b?.charges, "TOTAL DES CHARGES");
  const produits = sideRows(PRODUITS, b?.produits, "TOTAL DES PRODUITS");
  const emplois = sideRows(EMPLOIS, b?.chargesNature, "TOTAL");
  const contributions = sideRows(CONTRIBUTIONS, b?.produitsNature, "TOTAL");
  return { charges, produits, emplois, contributions, money: moneyFormat([charges, produits, emplois, contributions]) };
}

/** The cerfa 12156 budget prévisionnel de l'action. */
export function budgetPrevisionnelLayout(input: BudgetLayoutInput): BuiltinLayout {
  const { charges, produits, emplois, contributions, money } = formSides(input.budget);
  const rows: BuiltinCell[][] = titledHeader("Budget prévisionnel de l'action", ["CHARGES", "Montant", "PRODUITS", "Montant"], NOTE_12156);
  const cols: [SideColumns, SideColumns] = [
    { label: 0, prevu: 1 },
    { label: 2, prevu: 3 },
  ];
  const main = placeSides(rows, 3, [charges, produits], cols, money);
  const nature = placeSides(rows, main.totals[0] + 2, [emplois, contributions], cols, money);
  const equality = nature.totals[0] + 2;
  rows[equality] = ["Écart entre le total des charges et le total des produits (doit être nul)", { f: `=${a1(main.totals[0], 1)}-${a1(main.totals[1], 3)}`, fmt: money }];
  const cell = a1(equality, 1);
  const conditionalFormats: FillConditionalFormat[] = [{ range: cell, formula: `=ROUND(${cell},2)<>0`, fill: "#F8696B" }];
  return { rows: dense(rows), merges: ["A1:D1"], conditionalFormats, fields: sourceField(input, charges) };
}

/** The cerfa 15059 compte rendu financier de l'action, from the budget prévisionnel. */
export function compteRenduLayout(input: BudgetLayoutInput): BuiltinLayout {
  const { charges, produits, emplois, contributions, money } = formSides(input.budget);
  const head = ["Prévision", "Réalisation", "Écart", "%"];
  const rows: BuiltinCell[][] = titledHeader("Compte rendu financier de l'action", ["CHARGES", ...head, "PRODUITS", ...head], NOTE_15059);
  const cols: [SideColumns, SideColumns] = [
    { label: 0, prevu: 1, realise: 2, ecart: 3, pourcent: 4 },
    { label: 5, prevu: 6, realise: 7, ecart: 8, pourcent: 9 },
  ];
  const main = placeSides(rows, 3, [charges, produits], cols, money);
  const nature = placeSides(rows, main.totals[0] + 2, [emplois, contributions], cols, money);
  const c = input.convention;
  if (c) {
    const top = nature.totals[0] + 2;
    const at = (k: number) => a1(top + 1 + k, 1);
    const MONEY = "#,##0.00";
    // The subsidy received: the convention's montant versé, else the Département's line as realised.
    const departement = produits.findIndex((r) => r.kind === "detail" && isDepartementLine(r.label));
    const verse: BuiltinCell = c.montantVerse !== undefined ? { v: c.montantVerse / 100, fmt: MONEY } : departement >= 0 ? { f: `=${a1(main.rowsAt[1][departement], 7)}`, fmt: MONEY } : null;
    rows[top] = ["Subvention du Département : ajustement selon la convention"];
    rows[top + 1] = ["Montant de la subvention", { v: c.subvention / 100, fmt: MONEY }];
    rows[top + 2] = ["Coût total prévisionnel", { v: c.coutTotal / 100, fmt: MONEY }];
    rows[top + 3] = ["Dépenses réalisées", { f: `=${a1(main.totals[0], 2)}`, fmt: MONEY }];
    rows[top + 4] = ["Subvention due", { f: dueFormula(input.regime, at(0), at(1), at(2)), fmt: MONEY }];
    rows[top + 5] = ["Montant versé", verse];
    rows[top + 6] = ["Reversement", { f: reversementFormula(at(4), at(3)), fmt: MONEY }];
  }
  return { rows: dense(rows), merges: [rangeA1({ start: { row: 0, column: 0 }, end: { row: 0, column: 9 } })], fields: sourceField(input, charges) };
}

/** Rows with no hole (a sparse array's gaps are empty rows and cells). */
function dense(rows: BuiltinCell[][]): BuiltinCell[][] {
  return Array.from(rows, (r) => Array.from(r ?? [], (c) => c ?? null));
}

const blank = { regime: "prorata" as const, lang: "fr" as const };

export const budgetPrevisionnel: BuiltinTemplate = {
  id: "budget-previsionnel",
  name: "Budget prévisionnel de l'action (cerfa 12156)",
  sheetName: "Budget prévisionnel",
  filledName: "Budget prévisionnel",
  needsLine: false,
  lineKinds: [],
  rows: budgetPrevisionnelLayout(blank).rows,
  merges: ["A1:D1"],
  conditionalFormats: budgetPrevisionnelLayout(blank).conditionalFormats,
  columnWidths: [52, 14, 52, 14],
  fromBudget: { required: false, layout: budgetPrevisionnelLayout },
};

export const compteRendu: BuiltinTemplate = {
  id: "compte-rendu",
  name: "Compte rendu financier de l'action (cerfa 15059)",
  sheetName: "Compte rendu financier",
  filledName: "Compte rendu financier",
  needsLine: false,
  lineKinds: [],
  rows: compteRenduLayout(blank).rows,
  merges: ["A1:J1"],
  columnWidths: [52, 12, 12, 12, 9, 52, 12, 12, 12, 9],
  fromBudget: { required: true, layout: compteRenduLayout },
};
