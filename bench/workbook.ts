/**
 * The benchmark's workbooks, one generator for the three places a check runs: the fake Excel of
 * the Office.js adapter (computed cells, no million objects), a plain snapshot for the engine
 * alone, and a real .xlsx written with ExcelJS for the file path. Same cells everywhere.
 *
 * Each sheet holds an imputation table (report form: Code Opération · Imputation · Libellé · CP ·
 * Disponible · Proposition · Solde, with realistic rows such as
 * `C05-043A06 | 65748/93043 | Actions européennes et internationales | 43 056 | 31 000 | 7 000 | 24 000`,
 * codes all different), a blank row, then a breakdown table with a % column (eight actions and
 * a TOTAL, % as formulas of the amounts, as users build them).
 */
import * as ExcelJS from "exceljs";
import type { CellValue, SheetSnapshot, ValueType, WorkbookSnapshot } from "../src/core/model";
import type { FakeCell } from "../test/excel/fake-excel";
import { FakeWorkbook } from "../test/excel/fake-excel";

export const MONEY = '#,##0.00\\ "€"';
export const PERCENT = "0.00%";
export const COLUMNS = 7;

export const IMPUTATION_HEADER = ["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP", "Disponible", "Proposition", "Solde"];
export const BREAKDOWN_HEADER = ["Intitulé de l'action", "Description", "Montant alloué (€)", "%"];

/** The 2025 convention's budget (eight actions, 9 380 € in all). */
const BREAKDOWN: readonly [string, string, number][] = [
  ["Mise en place du parcours d'accompagnement à la mobilité", "Animation des modules, supports pédagogiques", 3000],
  ["Appui-conseil auprès des porteurs de projet/lauréats", "Entretiens, fiches-conseil, suivi personnalisé", 1500],
  ["Animation de 2 ateliers collectif lauréats", "Organisation, animation, logistique", 800],
  ["Appui au pôle ingénierie", "Soutien technique, administratif, partage de pratiques", 600],
  ["Valorisation des dispositifs MEI et jumelage", "Création de contenus, diffusion, témoignages", 1400],
  ["Frais de coordination", "Réunions, pilotage global, rapports", 1180],
  ["Administratif et coûts indirects", "Gestion administrative et financière, local", 700],
  ["Frais de déplacement et petit matériel", "Déplacements terrain, matériel formation", 200],
];
const BREAKDOWN_TOTAL = BREAKDOWN.reduce((n, [, , a]) => n + a, 0);

/** Rows after the last line: blank, breakdown header, eight actions, TOTAL. */
const TAIL_ROWS = 2 + BREAKDOWN.length + 1;

export interface SheetPlan {
  name: string;
  /** Imputation lines on this sheet (0: the sheet holds only its breakdown table). */
  lines: number;
  /** Global index of the sheet's first line (codes stay unique across the workbook). */
  firstLine: number;
  /** Every line whose global index is a multiple of this has a wrong Solde (0: none). */
  errorEvery: number;
}

export interface WorkbookPlan {
  sheets: SheetPlan[];
  lines: number;
}

/**
 * `lines` imputation lines spread evenly over `sheets` sheets (the first sheets take the
 * remainder; with fewer lines than sheets, the last sheets hold only a breakdown table).
 */
export function planWorkbook(sheets: number, lines: number, errorEvery: number): WorkbookPlan {
  const plans: SheetPlan[] = [];
  let first = 0;
  for (let i = 0; i < sheets; i += 1) {
    const n = Math.floor(lines / sheets) + (i < lines % sheets ? 1 : 0);
    plans.push({ name: `Rapport ${i + 1}`, lines: n, firstLine: first, errorEvery });
    first += n;
  }
  return { sheets: plans, lines };
}

export function sheetRows(plan: SheetPlan): number {
  return 1 + plan.lines + TAIL_ROWS;
}

export function workbookCells(plan: WorkbookPlan): number {
  return plan.sheets.reduce((n, s) => n + sheetRows(s) * COLUMNS, 0);
}

const pad = (n: number, width: number): string => String(n).padStart(width, "0");
const EMPTY: FakeCell = { value: "" };

/** Code opération of line g: `C05-043A06` and its siblings, unique below 100 000 lines. */
export function operationCode(g: number): string {
  return `C${pad(5 + Math.floor(g / 100_000), 2)}-${pad(g % 1000, 3)}A${pad(Math.floor(g / 1000) % 100, 2)}`;
}

/** The cell at (row, column) of a sheet: the one source of every host's cells. */
export function cellAt(plan: SheetPlan, row: number, column: number): FakeCell {
  if (column >= COLUMNS) return EMPTY;
  if (row === 0) return { value: IMPUTATION_HEADER[column] };
  if (row <= plan.lines) {
    const g = plan.firstLine + row - 1;
    const cp = 43_056 + (g % 97) * 100;
    const disponible = 31_000 + (g % 13) * 10;
    const proposition = 7_000 + (g % 11) * 10;
    const wrong = plan.errorEvery > 0 && g % plan.errorEvery === 0;
    switch (column) {
      case 0:
        return { value: operationCode(g), numberFormat: "@" };
      case 1:
        return { value: "65748/93043", numberFormat: "@" };
      case 2:
        return { value: "Actions européennes et internationales" };
      case 3:
        return { value: cp, numberFormat: MONEY };
      case 4:
        return { value: disponible, numberFormat: MONEY };
      case 5:
        return { value: proposition, numberFormat: MONEY };
      default: {
        // Solde: a formula, as in a kept-up report; a wrong one is a typed constant.
        const r = row + 1;
        if (wrong) return { value: disponible - proposition + 100, numberFormat: MONEY };
        return { value: disponible - proposition, formula: `=E${r}-F${r}`, numberFormat: MONEY };
      }
    }
  }
  const t = row - plan.lines - 1;
  if (t === 0) return EMPTY;
  const headerRow = plan.lines + 2;
  if (t === 1) return column < BREAKDOWN_HEADER.length ? { value: BREAKDOWN_HEADER[column] } : EMPTY;
  const totalRow = headerRow + BREAKDOWN.length + 1; // 1-based A1 row of TOTAL
  const k = t - 2;
  if (k < BREAKDOWN.length) {
    const [action, description, amount] = BREAKDOWN[k];
    const r = row + 1;
    switch (column) {
      case 0:
        return { value: action };
      case 1:
        return { value: description };
      case 2:
        return { value: amount, numberFormat: MONEY };
      case 3:
        return { value: amount / BREAKDOWN_TOTAL, formula: `=C${r}/C$${totalRow}`, numberFormat: PERCENT };
      default:
        return EMPTY;
    }
  }
  switch (column) {
    case 0:
      return { value: "TOTAL" };
    case 2:
      return { value: BREAKDOWN_TOTAL, formula: `=SUM(C${headerRow + 1}:C${totalRow - 1})`, numberFormat: MONEY };
    case 3:
      return { value: 1, formula: `=SUM(D${headerRow + 1}:D${totalRow - 1})`, numberFormat: PERCENT };
    default:
      return EMPTY;
  }
}

/** A fake Excel workbook whose sheets compute their cells on demand. */
export function fakeWorkbook(plan: WorkbookPlan): FakeWorkbook {
  const wb = new FakeWorkbook();
  for (const s of plan.sheets) {
    wb.addSheet(s.name).virtual = { rows: sheetRows(s), columns: COLUMNS, cell: (r, c) => cellAt(s, r, c) };
  }
  return wb;
}

function valueType(v: CellValue): ValueType {
  if (v === "") return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return "String";
}

/** The snapshot Office.js would give for the same workbook (what the engine alone is fed). */
export function snapshotOf(plan: WorkbookPlan): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = plan.sheets.map((s) => {
    const values: CellValue[][] = [];
    const formulas: CellValue[][] = [];
    const numberFormats: string[][] = [];
    const valueTypes: ValueType[][] = [];
    const rows = sheetRows(s);
    for (let r = 0; r < rows; r += 1) {
      const v: CellValue[] = [];
      const f: CellValue[] = [];
      const n: string[] = [];
      const t: ValueType[] = [];
      for (let c = 0; c < COLUMNS; c += 1) {
        const cell = cellAt(s, r, c);
        v.push(cell.value);
        f.push(cell.formula ?? cell.value);
        n.push(cell.numberFormat ?? "General");
        t.push(valueType(cell.value));
      }
      values.push(v);
      formulas.push(f);
      numberFormats.push(n);
      valueTypes.push(t);
    }
    return { name: s.name, origin: { row: 0, column: 0 }, values, formulas, numberFormats, valueTypes, listObjects: [], visibility: "Visible" };
  });
  return { sheets };
}

/** Writes the workbook as an .xlsx with ExcelJS's streaming writer (shared strings, styles). */
export async function writeXlsx(plan: WorkbookPlan, filename: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useSharedStrings: true, useStyles: true });
  for (const s of plan.sheets) {
    const ws = wb.addWorksheet(s.name);
    const rows = sheetRows(s);
    for (let r = 0; r < rows; r += 1) {
      const row = ws.getRow(r + 1);
      for (let c = 0; c < COLUMNS; c += 1) {
        const cell = cellAt(s, r, c);
        if (cell.value === "" && cell.formula === undefined) continue;
        const target = row.getCell(c + 1);
        target.value = cell.formula
          ? { formula: cell.formula.replace(/^=/, ""), result: cell.value as number }
          : (cell.value as ExcelJS.CellValue);
        if (cell.numberFormat) target.numFmt = cell.numberFormat;
      }
      row.commit();
    }
    ws.commit();
  }
  await wb.commit();
}
