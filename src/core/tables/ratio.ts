/**
 * Ratio rows (DOMAIN.md, table kind 5): a row labelled `% X sur Y` whose values are row X ÷ row Y,
 * as in the 2021 activity report (`% RH sur Budget total` = Charges de personnel ÷ Budget réalisé).
 * X and Y are found among the labels of the same block of rows, by name or by a few known
 * synonyms; when either is not found exactly once, the row is left alone (never guessed).
 */
import type { GridCell, SheetGrid } from "../grid";
import { labelWords, normalizeLabel } from "../text";
import type { Coverage } from "./coverage";

export interface RatioRow {
  sheet: string;
  label: GridCell;
  numerator: GridCell;
  denominator: GridCell;
  /** The columns holding a ratio, with the cells of X and Y in the same column. */
  values: { ratio: GridCell; x: GridCell; y: GridCell }[];
}

const RATIO_LABEL = /^%\s*(.+?)\s+(?:sur|\/|du|de la|des)\s+(.+)$/i;

/** Short names used in `% X sur Y` labels for the rows they stand for. */
const SYNONYMS: Record<string, readonly string[]> = {
  rh: ["chargesdepersonnel", "depensesdepersonnel", "massesalariale", "personnel", "ressourceshumaines"],
  personnel: ["chargesdepersonnel", "depensesdepersonnel", "massesalariale"],
  subventions: ["subventionsdexploitation", "subventions"],
  budgettotal: ["budgetrealise", "budgettotal", "budget", "totaldescharges", "chargesdexploitation"],
  budget: ["budgetrealise", "budgettotal", "budget"],
  produits: ["produitsdexploitation", "totaldesproduits"],
  charges: ["chargesdexploitation", "totaldescharges"],
};

/** The one row of `labels` that `name` designates, or undefined when none or several do. */
function findRow(name: string, labels: readonly GridCell[]): GridCell | undefined {
  const key = normalizeLabel(name);
  const exact = labels.filter((l) => normalizeLabel(l.value) === key);
  if (exact.length === 1) return exact[0];
  for (const synonym of SYNONYMS[key] ?? []) {
    const hits = labels.filter((l) => normalizeLabel(l.value) === synonym);
    if (hits.length === 1) return hits[0];
  }
  // `Budget total` for `Budget réalisé`: the one label sharing its first word.
  const first = labelWords(name)[0];
  const byWord = labels.filter((l) => labelWords(l.value)[0] === first);
  return byWord.length === 1 ? byWord[0] : undefined;
}

/** Ratio rows of a sheet, outside the cells other tables took. */
export function ratioRows(grid: SheetGrid, taken: Coverage): RatioRow[] {
  const out: RatioRow[] = [];
  for (let row = grid.firstRow; row < grid.endRow; row++) {
    const column = firstTextColumn(grid, row);
    if (column === undefined || taken.has(row, column)) continue;
    // The label is read before its cell is made: few labels are ratios.
    const m = RATIO_LABEL.exec(grid.text(row, column).trim());
    if (!m) continue;
    const label = grid.cell(row, column);
    const block = blockLabels(grid, row, column).filter((l) => l !== label);
    const numerator = findRow(m[1], block);
    const denominator = findRow(m[2], block);
    if (!numerator || !denominator || numerator === denominator) continue;
    const values: RatioRow["values"] = [];
    for (let c = column + 1; c < grid.endColumn; c++) {
      const ratio = grid.cell(row, c);
      if (ratio.reading.kind === "empty") continue;
      values.push({ ratio, x: grid.cell(numerator.row, c), y: grid.cell(denominator.row, c) });
    }
    out.push({ sheet: grid.name, label, numerator, denominator, values });
  }
  return out;
}

function firstTextColumn(grid: SheetGrid, row: number): number | undefined {
  for (let c = grid.firstColumn; c < grid.endColumn; c++) {
    const k = grid.kind(row, c);
    if (k === "text") return c;
    if (k !== "empty") return undefined;
  }
  return undefined;
}

/** The labels in the same column of the block of non-empty rows around `row`. */
function blockLabels(grid: SheetGrid, row: number, column: number): GridCell[] {
  let top = row;
  while (top > grid.firstRow && !grid.rowEmpty(top - 1)) top--;
  let bottom = row;
  while (bottom < grid.endRow - 1 && !grid.rowEmpty(bottom + 1)) bottom++;
  const out: GridCell[] = [];
  for (let r = top; r <= bottom; r++) {
    const cell = grid.cell(r, column);
    if (cell.reading.kind === "text") out.push(cell);
  }
  return out;
}
