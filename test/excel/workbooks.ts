/** Workbooks for the adapter tests, shaped like the real tables (spec/examples). */
import type { CellSpec, FakeCell, FakeWorkbook, VirtualCells } from "./fake-excel";

export const MONEY = '#,##0.00\\ "€"';

/** The Article 3 header: Code Opération · Imputation · Libellé · CP € · Dépense €. */
export const ARTICLE3_HEADER: CellSpec[] = ["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP €", "Dépense €"];

/** Row i of an Article 3 table: text codes, a label, CP and a Dépense (a formula every 7th row). */
export function article3Row(i: number): CellSpec[] {
  const cp = 43_056 + (i % 97) * 100;
  const depense = 7_000 + (i % 13) * 10;
  return [
    { value: `C05-${String(43 + (i % 50)).padStart(3, "0")}A${String(i % 100).padStart(2, "0")}`, numberFormat: "@" },
    { value: "65748//93043", numberFormat: "@" },
    `Actions européennes et internationales ${i}`,
    { value: cp, numberFormat: MONEY },
    i % 7 === 0 ? { value: depense, formula: `=D${i + 2}*0+${depense}`, numberFormat: MONEY } : { value: depense, numberFormat: MONEY },
  ];
}

/** An Article 3 sheet of `rows` data rows under its header, from A1. */
export function addArticle3Sheet(wb: FakeWorkbook, name: string, rows: number): void {
  const data: CellSpec[][] = [ARTICLE3_HEADER];
  for (let i = 0; i < rows; i += 1) data.push(article3Row(i));
  wb.addSheet(name, { rows: data });
}

/** A computed sheet of `rows` × 8 columns (code, label, six amounts), for very large reads. */
export function virtualBudget(rows: number): VirtualCells {
  const text: FakeCell = { value: "65748//93043", numberFormat: "@" };
  return {
    rows,
    columns: 8,
    cell(r: number, c: number): FakeCell {
      if (c === 0) return { value: `L${r}`, numberFormat: "@" };
      if (c === 1) return text;
      return { value: 1_000 + ((r * 7 + c) % 9_000) + 0.5, numberFormat: MONEY };
    },
  };
}

/** A computed sheet of long labels (about 425 response bytes per cell, against 80 estimated). */
export function virtualLongText(rows: number, columns: number): VirtualCells {
  const label = "Subvention de fonctionnement ".repeat(7).slice(0, 200);
  return { rows, columns, cell: (r: number, c: number): FakeCell => ({ value: `${label}${r}-${c}`, numberFormat: "@" }) };
}

/** The report form (7 columns), as in the seeds: Code Opération … CP · Disponible · Proposition · Solde. */
export function addImputationSheet(wb: FakeWorkbook, name: string, rows: number): void {
  const data: CellSpec[][] = [["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP", "Disponible", "Proposition", "Solde"]];
  for (let i = 0; i < rows; i += 1) {
    const disponible = 31_000 + (i % 97) * 100;
    data.push([
      { value: `C05-${String(i % 1000).padStart(3, "0")}A06`, numberFormat: "@" },
      "65748/93043",
      "Actions européennes et internationales",
      { value: 43_056, numberFormat: MONEY },
      { value: disponible, numberFormat: MONEY },
      { value: 7_000, numberFormat: MONEY },
      { value: disponible - 7_000, formula: `=E${i + 2}-F${i + 2}`, numberFormat: MONEY },
    ]);
  }
  wb.addSheet(name, { rows: data });
}
