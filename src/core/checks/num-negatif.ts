import { cents } from "../amounts";
import { money } from "../format";
import { numberColumns } from "../tables/columns";
import type { Check } from "./types";

/** Credits and spending are never negative; a negative Solde is IMP-DEPASSEMENT's finding. */
const CHECKED = new Set(["cp", "disponible", "proposition", "depense"]);

/** NUM-NEGATIF: a negative CP, Disponible, Proposition or Dépense. */
export const numNegatif: Check = {
  id: "NUM-NEGATIF",
  severity: "error",
  family: "NUM",
  scope: "table",
  description: "A negative CP, Disponible, Proposition or Dépense.",
  messages: {
    montantNegatif: {
      fr: "Montant négatif {{actual}} dans la colonne « {{column}} ».",
      en: "Negative amount {{actual}} in column “{{column}}”.",
    },
  },
  check(ctx) {
    for (const column of numberColumns(ctx.tables)) {
      if (!CHECKED.has(column.role)) continue;
      for (const cell of column.cells) {
        const c = cents(cell);
        if (c === undefined || c >= 0) continue;
        ctx.report({ messageId: "montantNegatif", at: cell, actual: money(c), data: { column: column.header }, table: column.table.id });
      }
    }
  },
};
