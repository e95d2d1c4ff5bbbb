/** The cells where numbers are expected, column by column, for the NUM, CELL and FORMULE checks. */
import type { GridCell } from "../grid";
import { budgetSides } from "./budget";
import { headerRole } from "./headers";
import type { FoundTables, Table, TermKey } from "./types";

export type NumberRole = "cp" | "disponible" | "proposition" | "solde" | "depense" | "montant" | "pourcent" | TermKey;

export interface NumberColumn {
  table: Table;
  role: NumberRole;
  /** The header as typed, or the term's label. */
  header: string;
  /** Money (cents) or a percentage. */
  unit: "money" | "percent";
  /** Cells from top to bottom; a convention term is a column of one cell. */
  cells: GridCell[];
}

const LINE_ROLES = { imputation: ["cp", "disponible", "proposition", "solde"], depense: ["cp", "depense"] } as const;

/** Five checks read the same columns: built once per set of found tables, as operations.ts does. */
const columnsMemo = new WeakMap<FoundTables, readonly NumberColumn[]>();

export function numberColumns(tables: FoundTables): readonly NumberColumn[] {
  const known = columnsMemo.get(tables);
  if (known) return known;
  const out = buildNumberColumns(tables);
  columnsMemo.set(tables, out);
  return out;
}

function buildNumberColumns(tables: FoundTables): NumberColumn[] {
  const out: NumberColumn[] = [];
  for (const table of tables.all) {
    if (table.kind === "imputation" || table.kind === "depense") {
      for (const role of LINE_ROLES[table.kind]) {
        const column = table.columns[role];
        if (column === undefined) continue;
        const cells = (table.lines as unknown as Record<string, unknown>[]).map((l) => l[role] as GridCell | undefined).filter((c): c is GridCell => !!c);
        out.push({ table, role, header: table.headers[column] ?? role, unit: "money", cells });
      }
    } else if (table.kind === "repartition") {
      out.push({ table, role: "montant", header: table.headers[table.amountColumn], unit: "money", cells: table.rows.map((r) => r.amount) });
      if (table.percentColumn !== undefined) {
        const cells = table.rows.map((r) => r.percent).filter((c): c is GridCell => !!c && c.reading.kind !== "empty");
        out.push({ table, role: "pourcent", header: table.headers[table.percentColumn], unit: "percent", cells });
      }
    } else if (table.kind === "liste") {
      // A list's columns of money by their header (`Montant`, `Coût total`): NUM-TEXTE,
      // NUM-CENTIMES and CELL-ERREUR read them; quantities, rates and identifiers are not money.
      for (const col of table.numeric) {
        if (headerRole(col.header) !== "montant") continue;
        out.push({ table, role: "montant", header: col.header, unit: "money", cells: col.cells.filter((c) => c.reading.kind !== "empty") });
      }
    } else if (table.kind === "budget") {
      // Each side's columns of amounts (and the compte rendu's %): NUM-TEXTE, CELL-ERREUR… read them.
      for (const side of budgetSides(table)) {
        const lines = side.total ? [...side.lines, side.total] : side.lines;
        side.columns.forEach((col, i) => {
          const percent = col.role === "pourcent";
          const cells = lines.map((l) => l.cells[i]).filter((c) => c.reading.kind !== "empty");
          out.push({ table, role: percent ? "pourcent" : "montant", header: col.header || (side.kind === "charges" ? "Charges" : "Produits"), unit: percent ? "percent" : "money", cells });
        });
      }
    } else if (table.kind === "convention") {
      for (const term of Object.values(table.terms)) {
        // A term read in a sentence is words, not a number cell: nothing for the NUM checks.
        if (!term || term.inText) continue;
        const unit = term.key === "tauxIntervention" || term.key === "tauxPlafond" ? "percent" : "money";
        out.push({ table, role: term.key, header: term.label.reading.kind === "text" ? term.label.reading.text.trim() : term.key, unit, cells: [term.value] });
      }
    }
  }
  return out;
}

/** Consecutive runs (adjacent rows) of the cells that satisfy `test`, for one finding per run. */
export function runs(cells: readonly GridCell[], test: (c: GridCell) => boolean): GridCell[][] {
  const out: GridCell[][] = [];
  let current: GridCell[] = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    const passes = test(cell);
    if (passes && (current.length === 0 || cell.row === current[current.length - 1].row + 1)) {
      current.push(cell);
      continue;
    }
    // A new list only when a run ends (most cells pass no test: no array for each of them).
    if (current.length) {
      out.push(current);
      current = [];
    }
    if (passes) current.push(cell);
  }
  if (current.length) out.push(current);
  return out;
}
