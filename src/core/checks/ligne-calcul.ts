import { count, figure, percent, text } from "../format";
import type { Quantity } from "../findings";
import type { GridCell } from "../grid";
import { storedValue, type Relation, type RelationOp } from "../tables/relations";
import type { ListeColumn } from "../tables/types";
import type { Check } from "./types";

/** How an operation reads in a message, the same in both languages. */
const OP_SIGNS: Record<RelationOp, string> = { "+": "+", "-": "−", "*": "×", "/": "÷", "/100": "÷" };

/** A table's numeric columns and their arithmetic: a list of figures, or a breakdown's columns. */
interface Source {
  id: string;
  numeric: readonly ListeColumn[];
  relations: readonly Relation[];
}

/** A column named for messages: its header, or its letter when it has none. */
function columnName(table: Source, index: number): string {
  const col = table.numeric[index];
  return col.header || `colonne ${col.cells[0]?.address.replace(/\d+$/, "") ?? "?"}`;
}

/** The value a cell shows, as a quantity of its own kind (a % stays a %). */
function shown(cell: GridCell, value: number): Quantity {
  const r = cell.reading;
  if (r.kind !== "number") return figure(value, 2);
  return r.percent ? percent(value * 100, r.shownDecimals) : figure(value, r.shownDecimals);
}

function describe(table: Source, relation: Relation): string {
  if (relation.op === "/100") return `${columnName(table, relation.a)} ÷ ${columnName(table, relation.b)} × 100`;
  return `${columnName(table, relation.a)} ${OP_SIGNS[relation.op]} ${columnName(table, relation.b)}`;
}

/**
 * LIGNE-CALCUL: in a list of figures, a row that breaks the arithmetic nearly all the other rows
 * follow (quantité × prix unitaire = total, subvention ÷ coût = taux), at the shown precision of
 * the computed column. Established on at least 5 rows, 90 % agreeing (relations.ts).
 */
export const ligneCalcul: Check = {
  id: "LIGNE-CALCUL",
  severity: "warning",
  family: "LIGNE",
  scope: "table",
  description: "In a table no other kind covers, a row must follow the arithmetic (product, quotient, sum, difference of two columns) that at least 90 % of at least 5 rows follow.",
  help: {
    fr: {
      checks: "Dans un tableau qu'aucun autre contrôle ne couvre (liste de subventions, budget d'un événement, devis) ou entre les colonnes chiffrées d'une répartition, une colonne qui est sur presque toutes les lignes le produit, le quotient, la somme ou la différence de deux autres (au moins 5 lignes, 90 % d'accord) : la ligne qui ne suit pas ce calcul, à la précision affichée.",
      why: "Quand toutes les lignes suivent le même calcul sauf une, celle-là contient presque toujours une faute de frappe ou une formule écrasée.",
      fix: "Refaites le calcul de la ligne ou recopiez la formule des autres lignes, ou corrigez la valeur de départ qui est fausse.",
      example: "Quantité × Prix unitaire = Total sur 9 lignes sur 10 ; sur la dixième, 12 × 150 donne 1 800 mais le Total indique 1 500.",
    },
    en: {
      checks: "In a table no other check covers (grant lists, event budgets, cost estimates) or among the figure columns of a breakdown, a column that is, on nearly every row, the product, quotient, sum or difference of two others (at least 5 rows, 90% agreeing): the row that breaks this arithmetic, at the shown precision.",
      why: "When every row follows the same arithmetic but one, that one nearly always holds a typo or an overwritten formula.",
      fix: "Redo the row's arithmetic or copy the other rows' formula, or fix the input value that is wrong.",
      example: "Quantity × Unit price = Total on 9 rows out of 10; on the tenth, 12 × 150 gives 1,800 but the Total says 1,500.",
    },
  },
  messages: {
    calculRompu: {
      fr: "Colonne « {{target}} » : {{actual}} sur cette ligne, mais {{relation}} donne {{expected}} ; ce calcul se vérifie sur {{agreeing}} des {{informative}} lignes du tableau.",
      en: "Column “{{target}}”: {{actual}} on this row, but {{relation}} gives {{expected}}; this arithmetic holds on {{agreeing}} of the table's {{informative}} rows.",
    },
  },
  check(ctx) {
    const sources: Source[] = [
      ...ctx.tables.liste,
      ...ctx.tables.repartition.flatMap((t) => (t.arithmetic ? [{ id: t.id, ...t.arithmetic }] : [])),
    ];
    for (const table of sources) {
      for (const relation of table.relations) {
        for (const broken of relation.breaking) {
          const cell = table.numeric[relation.target].cells[broken.index];
          const a = table.numeric[relation.a].cells[broken.index];
          const b = table.numeric[relation.b].cells[broken.index];
          ctx.report({
            messageId: "calculRompu",
            at: cell,
            related: [a, b],
            actual: shown(cell, storedValue(cell) ?? Number.NaN),
            // What the relation computed on this row, the figure its agreement was judged on.
            expected: shown(cell, broken.expected),
            data: {
              target: columnName(table, relation.target),
              relation: text(describe(table, relation)),
              agreeing: count(relation.agreeing),
              informative: count(relation.informative),
            },
            table: table.id,
          });
        }
      }
    }
  },
};
