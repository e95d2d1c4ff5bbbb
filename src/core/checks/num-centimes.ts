import { amountIssue } from "../amounts";
import { money, text } from "../format";
import { decimalsOf, toCents } from "../numbers";
import { numberColumns } from "../tables/columns";
import type { Check } from "./types";

/** NUM-CENTIMES: an amount with more than two decimals is not a sum of money anyone can pay. */
export const numCentimes: Check = {
  id: "NUM-CENTIMES",
  severity: "warning",
  family: "NUM",
  scope: "table",
  description: "An amount with more than 2 decimals.",
  help: {
    fr: {
      checks: "Un montant, dans une colonne de montants, qui a plus de deux décimales.",
      why: "On ne paie pas de fraction de centime : un tel montant vient d'un calcul non arrondi et fait tomber les totaux faux d'un centime.",
      fix: "Arrondissez le montant au centime, par exemple avec ARRONDI(…;2) dans la formule, ou saisissez-le avec deux décimales.",
      example: "18 695 ÷ 3 = 6 231,666… saisi tel quel : arrondi au centime, le montant est 6 231,67.",
    },
    en: {
      checks: "An amount, in a column of amounts, with more than two decimals.",
      why: "Nobody pays a fraction of a cent: such an amount comes from an unrounded calculation and makes totals come out a cent wrong.",
      fix: "Round the amount to the cent, for example with ROUND(…, 2) in the formula, or type it with two decimals.",
      example: "18,695 ÷ 3 = 6,231.666… left as it is: rounded to the cent, the amount is 6,231.67.",
    },
  },
  messages: {
    tropDeDecimales: {
      fr: "Le montant {{value}} a plus de deux décimales ; arrondi au centime : {{expected}}.",
      en: "Amount {{value}} has more than two decimals; rounded to the cent: {{expected}}.",
    },
  },
  check(ctx) {
    for (const column of numberColumns(ctx.tables)) {
      if (column.unit !== "money") continue;
      // A third decimal makes no plain amount: only the column's unusual cells are looked at.
      const unusual = column.unusual();
      for (let k = 0; k < unusual.length; k++) {
        const i = unusual[k];
        const r = column.reading(i);
        // Two decimals or fewer as typed cannot be more than two: no cents worked out for them.
        if (r.kind !== "number" || decimalsOf(r.decimal) <= 2) continue;
        const { cents, extraDecimals } = toCents(r);
        const cell = column.cell(i);
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
