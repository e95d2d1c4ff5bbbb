/** Convention terms: label/value pairs in two adjacent cells (DOMAIN.md, table kind 4). */
import type { GridCell, SheetGrid } from "../grid";
import { readCell } from "../numbers";
import { normalizeLabel } from "../text";
import type { ConventionTerm, TermKey } from "./types";

const TERMS: Record<TermKey, readonly string[]> = {
  subvention: [
    "montantdelasubvention", "montantsubvention", "subvention", "subventionaccordee", "subventionattribuee",
    "subventiondepartementale", "montantdelaide", "montantaccorde", "montantattribue", "subventionvotee",
  ],
  coutTotal: [
    "couttotalprevisionnel", "couttotal", "coutprevisionnel", "couttotalduprojet", "couttotalprevisionnelduprojet",
    "montanttotalprevisionnel", "budgettotalprevisionnel", "couttotaldelaction", "coutdelaction", "coutduprojet",
  ],
  tauxIntervention: ["tauxdintervention", "tauxintervention", "taux", "tauxdaide", "tauxdefinancement", "tauxdeparticipation"],
  plafond: ["plafond", "montantplafond", "plafonddelasubvention", "montantmaximum", "plafondsubvention"],
  tauxPlafond: ["tauxplafond", "tauxmaximum", "tauxmaximal", "plafonddutaux", "tauxdinterventionmaximum", "tauxmaximumdintervention"],
  depensesRealisees: [
    "depensesrealisees", "depensesreelles", "realise", "montantrealise", "couttotalrealise", "depensesjustifiees",
    "coutrealise", "depensesrealiseesjustifiees",
  ],
  montantVerse: ["montantverse", "verse", "sommesversees", "montantdejaverse", "subventionversee", "montantsverses"],
  subventionDue: ["subventiondue", "montantdu", "subventionrecalculee", "montantdefinitif", "subventiondefinitive", "montantdelasubventiondue"],
  reversement: ["reversement", "montantareverser", "areverser", "tropperçu", "tropercu", "montantdureversement"],
};

const BY_LABEL = new Map<string, TermKey>();
for (const [key, labels] of Object.entries(TERMS) as [TermKey, readonly string[]][]) for (const l of labels) BY_LABEL.set(l, key);

/** The term a label names, if any. */
export function termKey(label: string): TermKey | undefined {
  return BY_LABEL.get(normalizeLabel(label));
}

/** How far right of its label a term's value may sit (merged or spaced-out cells). */
const VALUE_REACH = 3;

/**
 * Term pairs on a sheet, outside the cells of other tables, grouped into conventions: a new one
 * starts where a term repeats. A group needs two terms: one `Subvention | 7 000` alone is not a
 * convention.
 */
export function conventionGroups(grid: SheetGrid, taken: (row: number, column: number) => boolean): ConventionTerm[][] {
  const groups: ConventionTerm[][] = [];
  let current: ConventionTerm[] = [];
  for (let row = grid.firstRow; row < grid.endRow; row++) {
    for (let column = grid.firstColumn; column < grid.endColumn; column++) {
      if (taken(row, column)) continue;
      const label = grid.cell(row, column);
      if (label.reading.kind !== "text") continue;
      const key = termKey(label.reading.text);
      if (!key) continue;
      const value = valueBeside(grid, row, column, taken);
      if (!value) continue;
      if (current.some((t) => t.key === key)) {
        groups.push(current);
        current = [];
      }
      current.push({ key, label, value });
      // `Montant de la subvention | 7 000 € | plafonnée à 8 000 €`: a cap stated beside the amount.
      const cap = key === "subvention" ? capBeside(grid, row, value.column, taken) : undefined;
      if (cap && !current.some((t) => t.key === "plafond")) current.push({ key: "plafond", label: cap, value: cap });
      break; // one term per row
    }
  }
  groups.push(current);
  return groups.filter((g) => g.length >= 2);
}

const CAP_TEXT = /plafon\S*\s*(?:[àa]|de|:)?\s*((?:\d[\d\s\u00a0\u202f.,]*\d|\d)\s*(?:€|euros?)?)/i;

/**
 * A cap written in the cell after a subsidy's amount (`plafonnée à 8 000 €`), as a cell whose
 * reading is that amount; undefined when the cell says nothing of a cap.
 */
function capBeside(grid: SheetGrid, row: number, valueColumn: number, taken: (row: number, column: number) => boolean): GridCell | undefined {
  for (let c = valueColumn + 1; c <= valueColumn + VALUE_REACH && c < grid.endColumn; c++) {
    if (taken(row, c)) return undefined;
    const cell = grid.cell(row, c);
    if (cell.reading.kind === "empty") continue;
    if (cell.reading.kind !== "text") return undefined;
    const m = CAP_TEXT.exec(cell.reading.text);
    const reading = m ? readCell(m[1].trim()) : undefined;
    return reading?.kind === "number" ? { ...cell, reading } : undefined;
  }
  return undefined;
}

function valueBeside(grid: SheetGrid, row: number, column: number, taken: (row: number, column: number) => boolean): GridCell | undefined {
  for (let c = column + 1; c <= column + VALUE_REACH && c < grid.endColumn; c++) {
    if (taken(row, c)) return undefined;
    const cell = grid.cell(row, c);
    const k = cell.reading.kind;
    if (k === "empty") continue;
    return k === "number" || k === "error" ? cell : undefined;
  }
  return undefined;
}
