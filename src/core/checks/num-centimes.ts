import { amountIssue } from "../amounts";
import { money, text } from "../format";
import { toCents } from "../numbers";
import { numberColumns } from "../tables/columns";
import type { Check } from "./types";

/** NUM-CENTIMES: an amount with more than two decimals is not a sum of money anyone can pay. */
export const numCentimes: Check = {
  id: "NUM-CENTIMES",
  severity: "warning",
  family: "NUM",
  scope: "table",
  description: "An amount with more than 2 decimals.",
  messages: {
    tropDeDecimales: {
      fr: "Le montant {{value}} a plus de deux décimales ; arrondi au centime : {{expected}}.",
      en: "Amount {{value}} has more than two decimals; rounded to the cent: {{expected}}.",
    },
  },
  check(ctx) {
    for (const column of numberColumns(ctx.tables)) {
      if (column.unit !== "money") continue;
      for (const cell of column.cells) {
        const r = cell.reading;
        if (r.kind !== "number") continue;
        const { cents, extraDecimals } = toCents(r);
        // A date, a percentage or an amount too large for cents is NUM-ILLISIBLE's finding.
        if (!extraDecimals || amountIssue(cell)) continue;
        ctx.report({
          messageId: "tropDeDecimales",
          at: cell,
          actual: text(r.decimal.replace(".", ",")),
          expected: money(cents),
          data: { value: text(r.decimal.replace(".", ",")) },
          table: column.table.id,
        });
      }
    }
  },
};
