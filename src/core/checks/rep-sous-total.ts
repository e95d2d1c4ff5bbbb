import { cents } from "../amounts";
import { money } from "../format";
import { subtotalWindows, sumCents, sumFormula } from "../tables/repartition";
import { totalBlocks } from "../tables/totals";
import type { Check } from "./types";

/** REP-SOUS-TOTAL: a sub-total adds up the detail rows since the previous sub-total or the header. */
export const repSousTotal: Check = {
  id: "REP-SOUS-TOTAL",
  severity: "error",
  family: "REP",
  scope: "table",
  description: "A sub-total must equal the sum of the detail rows since the previous sub-total or header.",
  messages: {
    sousTotalFaux: {
      fr: "Le sous-total « {{label}} » vaut {{actual}} au lieu de {{expected}}, la somme des {{lines}} lignes qui le précèdent.",
      en: "Sub-total “{{label}}” is {{actual}} instead of {{expected}}, the sum of the {{lines}} rows above it.",
    },
  },
  check(ctx) {
    for (const table of totalBlocks(ctx.tables)) {
      for (const { subtotal, details } of subtotalWindows(table.rows)) {
        const stated = cents(subtotal.amount);
        const sum = sumCents(details);
        if (stated === undefined || sum === undefined || details.length === 0 || stated === sum) continue;
        ctx.report({
          messageId: "sousTotalFaux",
          at: subtotal.amount,
          related: details.map((d) => d.amount),
          actual: money(stated),
          expected: money(sum),
          data: { label: subtotal.label, lines: details.length },
          fix: { formula: sumFormula(table.amountColumn, details.map((d) => d.row)) },
          table: table.id,
        });
      }
    }
  },
};
