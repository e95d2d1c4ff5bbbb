import { amountIssue } from "../amounts";
import { text, count } from "../format";
import { numberColumns, runs, type NumberColumn } from "../tables/columns";
import type { Check } from "./types";

/** A convention's terms are one column per term; their values stacked in one sheet column are one run. */
function physicalColumns(columns: NumberColumn[]): NumberColumn[] {
  const out = new Map<string, NumberColumn>();
  for (const col of columns) {
    if (col.table.kind !== "convention") {
      out.set(`${col.table.id}|${col.role}`, col);
      continue;
    }
    for (const cell of col.cells) {
      const key = `${col.table.id}|@${cell.column}`;
      const existing = out.get(key);
      if (existing) existing.cells = [...existing.cells, cell].sort((a, b) => a.row - b.row);
      else out.set(key, { ...col, cells: [cell] });
    }
  }
  return [...out.values()];
}

/**
 * NUM-TEXTE: numbers stored as text are read and checked, but Excel's own sums skip them. A text
 * that is not an amount (`80%` under Montant, a figure too large for cents) is NUM-ILLISIBLE's.
 */
export const numTexte: Check = {
  id: "NUM-TEXTE",
  severity: "info",
  family: "NUM",
  scope: "table",
  description: "Numbers stored as text (still read and checked); one finding per column run.",
  messages: {
    nombresTexte: {
      fr: "Colonne « {{column}} » : {{count}} {{count:nombre saisi|nombres saisis}} comme texte ({{range}}), {{count:lu et contrôlé|lus et contrôlés}} quand même ; les formules d'Excel {{count:l'ignorent|les ignorent}}.",
      en: "Column “{{column}}”: {{count}} {{count:number|numbers}} stored as text ({{range}}), still read and checked; Excel's formulas skip {{count:it|them}}.",
    },
    termesTexte: {
      fr: "Convention : {{count}} {{count:valeur saisie|valeurs saisies}} comme texte ({{range}}), {{count:lue et contrôlée|lues et contrôlées}} quand même ; les formules d'Excel {{count:l'ignorent|les ignorent}}.",
      en: "Convention: {{count}} {{count:value|values}} stored as text ({{range}}), still read and checked; Excel's formulas skip {{count:it|them}}.",
    },
  },
  check(ctx) {
    for (const column of physicalColumns(numberColumns(ctx.tables))) {
      for (const run of runs(column.cells, (c) => c.reading.kind === "number" && c.reading.fromText && !(column.unit === "money" && amountIssue(c)))) {
        const last = run[run.length - 1];
        ctx.report({
          messageId: column.table.kind === "convention" ? "termesTexte" : "nombresTexte",
          at: run[0],
          related: run.slice(1),
          data: { column: column.header, count: count(run.length), range: text(run.length > 1 ? `${run[0].address}:${last.address}` : run[0].address) },
          table: column.table.id,
        });
      }
    }
  },
};
