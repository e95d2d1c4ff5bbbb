/**
 * Association budgets: the budget prévisionnel of a subsidy request (cerfa n° 12156, association
 * or action) and the compte rendu financier of its action (cerfa n° 15059), and the small
 * two-sided budgets of an event (`Recettes | montant | Dépenses | montant`).
 *
 * Recognised by their words, wherever they sit: a side ends at its `TOTAL DES CHARGES` /
 * `TOTAL DES PRODUITS` (`Total dépenses`, `Total recettes`) and starts under its `CHARGES` /
 * `PRODUITS` header, the other side beside it (4 columns or more) or under it. The hierarchy is
 * read as treasurers write it: a line with a two-digit account number (`60 – Achats`, `60-Achats`,
 * `Achats (60)`) or a group's name opens an account group, the lines under it are its parts (the
 * funders under `74 – Subventions d'exploitation`), a group line with no amount is a heading whose
 * amount is the sum of its lines, a `dont …` line is a part of the line above and is never added.
 * The contributions volontaires en nature (86 Emplois, 87 Contributions) under each side's TOTAL,
 * with their own TOTAL, are a block of their own.
 */
import { qualified, rangeA1, type RangeRef } from "../address";
import { cents } from "../amounts";
import type { GridCell, SheetGrid } from "../grid";
import { labelWords, mayOpenWith, normalizeLabel } from "../text";
import type { Region } from "./regions";
import { isPartLine } from "./rows";
import type { TableBase } from "./types";

export type BudgetSideKind = "charges" | "produits";
/** What a column of amounts holds: one amount (`Montant`), or the compte rendu's columns. */
export type BudgetColumnRole = "montant" | "prevu" | "realise" | "ecart" | "pourcent";
export type BudgetLineKind = "group" | "detail" | "part" | "heading" | "subtotal";

export interface BudgetColumn {
  column: number;
  role: BudgetColumnRole;
  /** The header as typed ("" without one). */
  header: string;
}

export interface BudgetLine {
  row: number;
  kind: BudgetLineKind;
  /** The label as typed, trimmed. */
  label: string;
  /** The label's cell. */
  labelCell: GridCell;
  /** The account number the label starts with (`60`, `706`, `74`), if any. */
  account?: string;
  /** The line's cells, one per column of the side (`BudgetSide.columns`). */
  cells: GridCell[];
  /** The label is written as a line under another: leading spaces, or a `-`, `–`, `•` before it. */
  indented?: boolean;
  /**
   * A funder written on two levels (`Département(s)` with its amount, `Pas-de-Calais` under it):
   * the lines under it, parts of its amount (kind `part`), never addends.
   */
  subLines?: BudgetLine[];
  /** The sub-lines were told by their indentation (so they must add up), not by their sum. */
  subLinesIndented?: boolean;
}

/** An account group: its line (`74 – Subventions d'exploitation`) and the lines that detail it. */
export interface BudgetGroup {
  line: BudgetLine;
  details: BudgetLine[];
}

export interface BudgetSide {
  kind: BudgetSideKind;
  /** The contributions volontaires en nature (86, 87) under the side's TOTAL. */
  nature: boolean;
  labelColumn: number;
  columns: BudgetColumn[];
  /** Every line read, top to bottom, the TOTAL excepted. */
  lines: BudgetLine[];
  groups: BudgetGroup[];
  /** Lines that belong to no group (a budget without account groups): addends of the TOTAL. */
  loose: BudgetLine[];
  total?: BudgetLine;
  range: RangeRef;
}

export interface BudgetTable extends TableBase {
  kind: "budget";
  /** `cerfa`: account groups (cerfa 12156 or 15059); `simple`: two lists of recettes and dépenses. */
  form: "cerfa" | "simple";
  /** A compte rendu financier: prévu and réalisé columns. */
  compteRendu: boolean;
  charges: BudgetSide;
  produits: BudgetSide;
  chargesNature?: BudgetSide;
  produitsNature?: BudgetSide;
}

/** The sides, charges first, then the contributions en nature. */
export function budgetSides(t: BudgetTable): BudgetSide[] {
  return [t.charges, t.produits, t.chargesNature, t.produitsNature].filter((s): s is BudgetSide => !!s);
}

/** The cerfa's account groups named without their number, folded (`Charges indirectes réparties`…). */
const GROUP_NAMES = [
  "achats", "servicesexterieurs", "autresservicesexterieurs", "impotsettaxes", "chargesdepersonnel",
  "autreschargesdegestioncourante", "chargesfinancieres", "chargesexceptionnelles", "dotationauxamortissements",
  "dotationsauxamortissements", "chargesindirectes", "ventesdeproduitsfinis", "ventesdeproduitsfinisdemarchandisesprestationsdeservices",
  "dotationsetproduitsdetarification", "subventionsdexploitation", "autresproduitsdegestioncourante",
  "produitsfinanciers", "produitsexceptionnels", "reprisessuramortissements", "emploisdescontributionsvolontairesennature",
  "contributionsvolontairesennature", "ressourcespropres",
];

/** The account number a label names: leading (`60 – Achats`, `60-Achats`, `706 Prestations`) or trailing (`Achats (60)`). */
export function accountOf(label: string): string | undefined {
  const lead = /^\s*(\d{2,4})(?:\s*[-–—:.)/]\s*|\s+)(?=\D)/.exec(label);
  if (lead) return lead[1];
  const trail = /\((\d{2,4})\)\s*:?\s*$/.exec(label);
  return trail?.[1];
}

/** Whether an account number is one of the form's groups: 60–69, 70–79, 86, 87 (two digits). */
function isGroupAccount(account: string | undefined): boolean {
  return !!account && /^(6\d|7\d|86|87)$/.test(account);
}

function isGroupName(label: string): boolean {
  const key = normalizeLabel(label.replace(/\(\d{2,4}\)/g, "").replace(/^\s*\d{2,4}/, ""));
  if (!key) return false;
  return GROUP_NAMES.some((n) => key === n || (n.length >= 14 && key.startsWith(n)));
}

/** The words of a TOTAL's label after `Total`, without articles, units and `prévues` / `réalisées`. */
function totalWords(label: string): string[] | undefined {
  if (!mayOpenWith(label, "t")) return undefined;
  const words = labelWords(label);
  if (words[0] !== "total" && words[0] !== "totaux") return undefined;
  return words.slice(1).filter((w) => !["des", "de", "du", "la", "les", "l", "eur", "euros", "en", "%", "prevues", "prevus", "realisees", "realises"].includes(w));
}

/** The side a TOTAL's label closes: `TOTAL DES CHARGES`, `Total dépenses`, `TOTAL DES PRODUITS`, `Total recettes`. */
export function sideTotalOf(label: string): BudgetSideKind | undefined {
  const rest = totalWords(label);
  if (!rest || rest.length === 0 || rest.length > 2) return undefined;
  if (/^(charges?|depenses?)$/.test(rest[0])) return "charges";
  if (/^(produits?|recettes?|ressources?)$/.test(rest[0])) return "produits";
  return undefined;
}

/** A side's TOTAL with a qualifier (`Total charges directes`): a sub-total when the side's own TOTAL follows. */
function isQualifiedSideTotal(label: string): boolean {
  return !!sideTotalOf(label) && totalWords(label)!.length === 2;
}

/**
 * The form's funders under 74 (État, Région(s), Département(s), Intercommunalité(s), Commune(s),
 * Organismes sociaux, Fonds européens, the ASP, Aides privées, Autres établissements publics),
 * folded: a line naming one may have the funders it stands for written under it.
 */
const FUNDER_CATEGORIES = [
  "etat", "region", "regions", "departement", "departements", "intercommunalite", "intercommunalites", "epci", "commune", "communes",
  "organismessociaux", "fondseuropeens", "lagencedeservicesetdepaiement", "agencedeservicesetdepaiement", "asp", "aidesprivees",
  "autresetablissementspublics",
];

/** Whether a label names one of the form's funders (`Département(s)`, `Région(s) : Hauts-de-France`, `Fonds européens (FSE…)`). */
export function isFunderCategory(label: string): boolean {
  const head = label.split(/[:(]/)[0].replace(/\(s\)/gi, "s");
  const key = normalizeLabel(label.replace(/\(s\)/gi, "s"));
  const headKey = normalizeLabel(head);
  return FUNDER_CATEGORIES.some((c) => headKey === c || (c.length >= 10 && key.startsWith(c)));
}

/** Written as a line under another: leading spaces, or a dash or bullet before the label. */
function isIndented(raw: string): boolean {
  return /^[ \t\u00a0]+\S/.test(raw) || /^\s*[-–—•·*>]\s*\S/.test(raw);
}

/** A side's header word: `CHARGES`, `Dépenses (€)`, `PRODUITS`, `Recettes`. */
function sideHeaderOf(label: string): BudgetSideKind | undefined {
  const words = labelWords(label).filter((w) => !["en", "eur", "euros", "montant", "montants", "previsionnelles", "previsionnels", "prevues", "de", "l", "action", "association"].includes(w));
  if (words.length !== 1) return undefined;
  if (/^(charges|depenses)$/.test(words[0])) return "charges";
  if (/^(produits|recettes|ressources)$/.test(words[0])) return "produits";
  return undefined;
}

/** A label that opens the contributions en nature: `86 – Emplois…`, `CONTRIBUTIONS VOLONTAIRES EN NATURE`. */
function opensNature(label: string): boolean {
  const account = accountOf(label);
  if (account === "86" || account === "87") return true;
  return normalizeLabel(label).startsWith("contributionsvolontaires") || normalizeLabel(label).startsWith("emploisdescontributions");
}

function isTotalLabel(label: string): boolean {
  if (!mayOpenWith(label, "st")) return false;
  const w = labelWords(label)[0];
  return w === "total" || w === "totaux" || w === "soustotal" || w === "s/total" || (w === "sous" && labelWords(label)[1] === "total");
}

function textOf(grid: SheetGrid, row: number, column: number): string {
  return grid.label(row, column);
}

function isNumberCell(cell: GridCell): boolean {
  return isNumberKind(cell.reading.kind);
}

function isNumberKind(kind: GridCell["reading"]["kind"]): boolean {
  return kind === "number" || kind === "error";
}

/** The role a column's header names. */
function columnRole(header: string): BudgetColumnRole {
  const key = normalizeLabel(header);
  if (key.includes("ecart")) return "ecart";
  if (key.includes("%") || key.startsWith("taux") || key.includes("pourcent")) return "pourcent";
  if (/realis|reel|execut/.test(key)) return "realise";
  if (/prevu|prevision|budget|^bp/.test(key)) return "prevu";
  return "montant";
}

interface Anchor {
  kind: BudgetSideKind;
  row: number;
  column: number;
}

/**
 * The budgets of a sheet. Each region's side TOTALs are the anchors; a charges side and a
 * produits side in one region, or the nearest of the next region (a stacked form with an empty
 * row between its halves), make a budget. One side alone is no budget: left to the other finders.
 */
export function findBudgets(grid: SheetGrid, regions: readonly Region[], sheetIndex: number): BudgetTable[] {
  const sides: { side: BudgetSide; nature?: BudgetSide; region: number; header?: number }[] = [];
  regions.forEach((region, index) => {
    if (region.listObject) return;
    for (const anchor of anchorsIn(grid, region.range)) {
      const read = readSide(grid, region.range, anchor);
      if (read) sides.push({ ...read, region: index });
    }
  });
  const budgets: BudgetTable[] = [];
  const used = new Set<number>();
  // A produits side in the same region first (side by side), else the nearest one under or beside
  // the charges (a stacked form whose halves an empty row separates).
  const distance = (a: BudgetSide, b: BudgetSide): number => {
    const columns = a.range.start.column <= b.range.end.column && b.range.start.column <= a.range.end.column;
    const rows = a.range.start.row <= b.range.end.row && b.range.start.row <= a.range.end.row;
    if (rows) return Math.abs(b.range.start.column - a.range.start.column);
    if (columns && b.range.start.row > a.range.end.row) return b.range.start.row - a.range.end.row;
    return Number.POSITIVE_INFINITY;
  };
  sides.forEach((c, i) => {
    if (c.side.kind !== "charges" || used.has(i)) return;
    let best = -1;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let j = 0; j < sides.length; j++) {
      const p = sides[j];
      if (used.has(j) || p.side.kind !== "produits") continue;
      const d = p.region === c.region ? -1 : distance(c.nature ?? c.side, p.side);
      if (d < bestDistance) {
        best = j;
        bestDistance = d;
      }
    }
    if (best < 0) return;
    used.add(i).add(best);
    budgets.push(makeBudget(grid, sheetIndex, c, sides[best]));
  });
  return budgets;
}

function anchorsIn(grid: SheetGrid, range: RangeRef): Anchor[] {
  const out: (Anchor & { qualified: boolean })[] = [];
  for (let r = range.start.row; r <= range.end.row; r++) {
    for (let c = range.start.column; c <= range.end.column; c++) {
      // Only a text that may open with `Total` can close a side: the others (codes, labels) are
      // passed over as typed, without tidying their spaces.
      if (!grid.mayOpenTotal(r, c, "t")) continue;
      const t = textOf(grid, r, c);
      const kind = sideTotalOf(t);
      if (kind) out.push({ kind, row: r, column: c, qualified: isQualifiedSideTotal(t) });
    }
  }
  // `Total charges directes` over the side's `TOTAL DES CHARGES` in the same column is one of its
  // sub-totals (DOMAIN.md: a `Total …` followed by the table's TOTAL), read with its lines.
  return out.filter((a) => !a.qualified || !out.some((b) => b.column === a.column && b.kind === a.kind && b.row > a.row && !out.some((x) => x.column === a.column && x.kind !== a.kind && x.row > a.row && x.row < b.row)));
}

/** Whether a column holds labels over the rows: more texts than numbers, two texts at least. */
function isLabelColumn(grid: SheetGrid, column: number, from: number, to: number): boolean {
  let texts = 0;
  let numbers = 0;
  for (let r = from; r <= to; r++) {
    const k = grid.kind(r, column);
    if (k === "text") {
      // A text amount (`1 200,00 €`) is read as a number already; a header word is not a label.
      texts++;
    } else if (k === "number") numbers++;
  }
  return texts >= 2 && texts > numbers;
}

function readSide(grid: SheetGrid, region: RangeRef, anchor: Anchor): { side: BudgetSide; nature?: BudgetSide; header?: number } | undefined {
  const c = anchor.column;
  // Top: under the side's header word, or under the TOTAL of what is above (a stacked form).
  let top = region.start.row;
  let header: number | undefined;
  // Upward to the header, across an empty row or two between groups (another region then).
  for (let r = anchor.row - 1, empties = 0; r >= grid.firstRow && (r >= region.start.row || empties < 2); r--) {
    const t = textOf(grid, r, c);
    if (grid.rowEmpty(r, c, region.end.column)) {
      empties++;
      continue;
    }
    empties = 0;
    if (!t) continue;
    if (sideHeaderOf(t)) {
      header = r;
      top = r + 1;
      break;
    }
    // A sub-total of this side (`Sous-total`, `Total charges directes`) is one of its lines.
    if (isTotalLabel(t) && !/^sous|^s\//i.test(t) && !(isQualifiedSideTotal(t) && sideTotalOf(t) === anchor.kind)) {
      top = r + 1;
      break;
    }
  }
  // The side's columns of amounts: right of its labels, up to the next column of labels.
  const columns: BudgetColumn[] = [];
  for (let d = c + 1; d <= region.end.column; d++) {
    if (isLabelColumn(grid, d, top, anchor.row)) break;
    let numbers = 0;
    for (let r = top; r <= anchor.row; r++) if (isNumberKind(grid.kind(r, d))) numbers++;
    if (numbers === 0) continue;
    const headerText = headerAbove(grid, d, header ?? top - 1, region.start.row);
    columns.push({ column: d, role: columnRole(headerText), header: headerText });
  }
  if (columns.length === 0) return undefined;
  // A side of one amount column whose header names none is its amount; several are a compte rendu's.
  const lines = readLines(grid, c, columns, top, anchor.row - 1);
  const side = buildSide(anchor.kind, false, c, columns, lines, lineAt(grid, anchor.row, c, columns, "subtotal"), { start: { row: header ?? top, column: c }, end: { row: anchor.row, column: columns[columns.length - 1].column } });
  // The contributions en nature under the TOTAL (an empty row or two between), closed by their own TOTAL.
  const emptyRow = (r: number) => !textOf(grid, r, c) && columns.every((col) => grid.kind(r, col.column) === "empty");
  let nature: BudgetSide | undefined;
  let r = anchor.row + 1;
  while (r < grid.endRow && r <= anchor.row + 3 && emptyRow(r)) r++;
  if (r < grid.endRow && opensNature(textOf(grid, r, c))) {
    let end = r;
    let total: number | undefined;
    for (let s = r, empties = 0; s < grid.endRow && empties < 2; s++) {
      if (emptyRow(s)) {
        empties++;
        continue;
      }
      empties = 0;
      const t = textOf(grid, s, c);
      if (s > r && (sideHeaderOf(t) || sideTotalOf(t))) break;
      end = s;
      if (isTotalLabel(t)) {
        total = s;
        break;
      }
    }
    const natureLines = readLines(grid, c, columns, r, total === undefined ? end : total - 1);
    if (natureLines.some((l) => l.cells.some(isNumberCell))) {
      nature = buildSide(anchor.kind, true, c, columns, natureLines, total === undefined ? undefined : lineAt(grid, total, c, columns, "subtotal"), { start: { row: r, column: c }, end: { row: end, column: columns[columns.length - 1].column } });
    }
  }
  return { side, nature, header };
}

/** The nearest header text over a column of amounts: on the side's header row or the two rows above. */
function headerAbove(grid: SheetGrid, column: number, row: number, limit: number): string {
  for (let r = row; r >= Math.max(limit, row - 2); r--) {
    const t = textOf(grid, r, column);
    if (t) return t;
  }
  return "";
}

function lineAt(grid: SheetGrid, row: number, labelColumn: number, columns: readonly BudgetColumn[], kind: BudgetLineKind): BudgetLine {
  const labelCell = grid.cell(row, labelColumn);
  const label = textOf(grid, row, labelColumn);
  const line: BudgetLine = { row, kind, label, labelCell, account: accountOf(label), cells: columns.map((col) => grid.cell(row, col.column)) };
  const raw = labelCell.reading;
  if (raw.kind === "text" && isIndented(raw.text)) line.indented = true;
  return line;
}

function readLines(grid: SheetGrid, labelColumn: number, columns: readonly BudgetColumn[], from: number, to: number): BudgetLine[] {
  const lines: BudgetLine[] = [];
  for (let r = from; r <= to; r++) {
    const line = lineAt(grid, r, labelColumn, columns, "detail");
    const hasAmount = line.cells.some((x) => x.reading.kind !== "empty");
    if (!line.label && !hasAmount) continue;
    if (isPartLine(line.label)) line.kind = "part";
    else if (isTotalLabel(line.label)) line.kind = "subtotal";
    else if (isGroupAccount(line.account) || isGroupName(line.label)) line.kind = "group";
    else if (!hasAmount) line.kind = "heading";
    lines.push(line);
  }
  return lines;
}

function buildSide(kind: BudgetSideKind, nature: boolean, labelColumn: number, columns: BudgetColumn[], lines: BudgetLine[], total: BudgetLine | undefined, range: RangeRef): BudgetSide {
  const main = mainColumn({ columns } as BudgetSide);
  // The lines under each group line (and those before any group), in order.
  const runs: { head?: BudgetLine; members: BudgetLine[] }[] = [{ members: [] }];
  for (const line of lines) {
    if (line.kind === "group") runs.push({ head: line, members: [] });
    else runs[runs.length - 1].members.push(line);
  }
  const make = () => {
    const groups: BudgetGroup[] = [];
    const loose: BudgetLine[] = [];
    for (const run of runs) {
      const details = run.members.filter((l) => l.kind === "detail");
      if (run.head) groups.push({ line: run.head, details });
      else loose.push(...details);
    }
    return { kind, nature, labelColumn, columns, lines, groups, loose, total, range };
  };
  // Read flat, the side adds up to its TOTAL: lines that merely add up to a funder above them are
  // then funders of their own (only their indentation makes them parts).
  const flat = make();
  const totalCents = total ? amountOf(total.cells[main]) : undefined;
  const sideAddsUp = typeof totalCents === "number" && sideSum(flat, main) === totalCents;
  for (const run of runs) {
    const stated = run.head ? amountOf(run.head.cells[main]) : undefined;
    const runAddsUp = typeof stated === "number" ? sumOf(run.members.filter((l) => l.kind === "detail"), main) === stated : sideAddsUp;
    for (const c of twoLevelFunders(run.members, main)) {
      if (!c.indented && runAddsUp) continue;
      for (const l of c.under) l.kind = "part";
      c.head.subLines = c.under;
      if (c.indented) c.head.subLinesIndented = true;
    }
  }
  return make();
}

/** Sum of the lines' cents in one column (empty cells count 0); undefined when one is not an amount. */
function sumOf(lines: readonly BudgetLine[], column: number): number | undefined {
  let sum = 0;
  for (const l of lines) {
    const c = amountOf(l.cells[column]);
    if (c === null) return undefined;
    sum += c ?? 0;
  }
  return sum;
}

/**
 * A funder written on two levels: `Département(s)` with its amount, then the funders it stands
 * for under it (`Pas-de-Calais` with the same amount). The lines under it, up to the next funder,
 * group, sub-total or `dont` line, may be its parts: when they are written as lines under it
 * (indented, or after a dash), or when they add up to its amount exactly (the caller keeps those
 * as funders of their own when the group adds up with them). Parts are never added.
 */
function twoLevelFunders(members: readonly BudgetLine[], column: number): { head: BudgetLine; under: BudgetLine[]; indented: boolean }[] {
  const out: { head: BudgetLine; under: BudgetLine[]; indented: boolean }[] = [];
  for (let i = 0; i < members.length; i++) {
    const head = members[i];
    if (head.kind !== "detail" || !isFunderCategory(head.label)) continue;
    const own = amountOf(head.cells[column]);
    if (own === undefined || own === null) continue;
    const under: BudgetLine[] = [];
    let j = i + 1;
    for (; j < members.length; j++) {
      const l = members[j];
      if ((l.kind !== "detail" && l.kind !== "heading") || isFunderCategory(l.label)) break;
      if (l.kind === "detail") under.push(l);
    }
    if (under.length === 0) continue;
    const indented = under.every((l) => l.indented);
    if (indented || sumOf(under, column) === own) out.push({ head, under, indented });
    i = j - 1;
  }
  return out;
}

function makeBudget(grid: SheetGrid, sheetIndex: number, c: { side: BudgetSide; nature?: BudgetSide; header?: number }, p: { side: BudgetSide; nature?: BudgetSide; header?: number }): BudgetTable {
  const all = [c.side, p.side, c.nature, p.nature].filter((s): s is BudgetSide => !!s);
  const range: RangeRef = {
    start: { row: Math.min(...all.map((s) => s.range.start.row)), column: Math.min(...all.map((s) => s.range.start.column)) },
    end: { row: Math.max(...all.map((s) => s.range.end.row)), column: Math.max(...all.map((s) => s.range.end.column)) },
  };
  const form = all.some((s) => s.groups.length > 0) ? "cerfa" : "simple";
  const compteRendu = all.some((s) => s.columns.some((col) => col.role === "realise")) && all.some((s) => s.columns.some((col) => col.role === "prevu" || col.role === "montant"));
  const headers: Record<number, string> = {};
  for (const s of all) {
    headers[s.labelColumn] = s.kind === "charges" ? "Charges" : "Produits";
    for (const col of s.columns) if (col.header) headers[col.column] = col.header;
  }
  return {
    id: qualified(grid.name, rangeA1(range)),
    kind: "budget",
    sheet: grid.name,
    sheetIndex,
    range,
    columns: {},
    headers,
    form,
    compteRendu,
    charges: c.side,
    produits: p.side,
    chargesNature: c.nature,
    produitsNature: p.nature,
  };
}

// ---------------------------------------------------------------------------------------------
// Arithmetic of a side, shared by the BUD checks.

/** Index of the side's column that holds the budget's amount: Montant, else Prévu, else the first. */
export function mainColumn(side: BudgetSide): number {
  const i = side.columns.findIndex((c) => c.role === "montant");
  if (i >= 0) return i;
  const p = side.columns.findIndex((c) => c.role === "prevu");
  return p >= 0 ? p : 0;
}

/** Columns whose lines add up (Montant, Prévu, Réalisé), by index in the side's columns. */
export function additiveColumns(side: BudgetSide): number[] {
  return side.columns.map((c, i) => (c.role === "montant" || c.role === "prevu" || c.role === "realise" ? i : -1)).filter((i) => i >= 0);
}

/** A group's figures in one column: the amount its line states, the sum of its lines, what it counts for. */
export interface GroupFigure {
  /** The group line's amount; undefined for a heading with no amount. */
  stated?: number;
  /** The sum of its detail lines; undefined without any, or when one of them is not a number. */
  sum?: number;
  /** Detail lines with an amount in the column. */
  lines: BudgetLine[];
  /** What the group adds to the TOTAL: its stated amount, else its lines' sum. */
  value?: number;
}

/** Cents of a cell; null when it holds something that is not an amount (text, an error). */
function amountOf(cell: GridCell): number | null | undefined {
  if (cell.reading.kind === "empty") return undefined;
  return cents(cell) ?? null;
}

export function groupFigure(group: BudgetGroup, column: number): GroupFigure {
  const own = amountOf(group.line.cells[column]);
  const lines = group.details.filter((d) => d.cells[column].reading.kind !== "empty");
  let sum: number | undefined = lines.length ? 0 : undefined;
  for (const d of lines) {
    const c = amountOf(d.cells[column]);
    if (c === null || c === undefined || sum === undefined) sum = undefined;
    else sum += c;
  }
  const stated = own ?? undefined;
  // A group line holding text or an error counts for nothing known.
  const value = own === null ? undefined : stated ?? (lines.length ? sum : 0);
  return { stated, sum, lines, value };
}

/** What a side's lines add up to in one column: its groups' amounts and the lines outside any group. */
export function sideSum(side: BudgetSide, column: number): number | undefined {
  let sum = 0;
  for (const g of side.groups) {
    const v = groupFigure(g, column).value;
    if (v === undefined) return undefined;
    sum += v;
  }
  for (const l of side.loose) {
    const c = amountOf(l.cells[column]);
    if (c === null) return undefined;
    sum += c ?? 0;
  }
  return sum;
}

/** The rows the side's TOTAL adds: each group's line (or its lines, for a heading), and the loose lines. */
export function sideAddendRows(side: BudgetSide, column: number): number[] {
  const rows: number[] = [];
  for (const g of side.groups) {
    const f = groupFigure(g, column);
    if (f.stated !== undefined) rows.push(g.line.row);
    else rows.push(...f.lines.map((l) => l.row));
  }
  for (const l of side.loose) if (l.cells[column].reading.kind !== "empty") rows.push(l.row);
  return rows;
}

/**
 * What a side amounts to in one column: its TOTAL when it is the sum of its lines (or stands
 * alone), else the sum of its lines (a wrong TOTAL is BUD-GROUPE's finding, never a reason for
 * another one).
 */
export function sideAmount(side: BudgetSide, column: number): { cents: number; cell?: GridCell } | undefined {
  const cell = side.total?.cells[column];
  const stated = cell ? amountOf(cell) : undefined;
  const sum = side.lines.some((l) => l.cells[column].reading.kind !== "empty") ? sideSum(side, column) : undefined;
  if (stated === null) return undefined;
  if (stated !== undefined && (sum === undefined || sum === stated)) return { cents: stated, cell };
  if (sum !== undefined) return { cents: sum, cell: cell && cell.reading.kind !== "empty" ? cell : undefined };
  return undefined;
}

/**
 * Each sub-total line of a side (`Sous-total`, `S/Total`, `Total charges directes`) with the rows
 * it adds in one column: the TOTAL's addends (group lines, or the lines of a group with no amount,
 * and the loose lines) since the previous sub-total or the side's header, as REP-SOUS-TOTAL reads
 * a breakdown's.
 */
export function subtotalWindows(side: BudgetSide, column: number): { subtotal: BudgetLine; rows: number[] }[] {
  const addends = new Set(sideAddendRows(side, column));
  const out: { subtotal: BudgetLine; rows: number[] }[] = [];
  let rows: number[] = [];
  for (const line of side.lines) {
    if (line.kind === "subtotal") {
      out.push({ subtotal: line, rows });
      rows = [];
    } else if (addends.has(line.row)) rows.push(line.row);
  }
  return out;
}

/** The cents of a side's line in one column: undefined when empty, null when not an amount. */
export function lineCents(line: BudgetLine, column: number): number | null | undefined {
  return amountOf(line.cells[column]);
}
