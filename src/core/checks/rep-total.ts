import { cents } from "../amounts";
import { money } from "../format";
import { detailRows, sumCents, sumFormula } from "../tables/repartition";
import { totalBlocks } from "../tables/totals";
import type { Check } from "./types";

/** REP-TOTAL: the TOTAL row adds up the detail rows (sub-totals are checked on their own). */
export const repTotal: Check = {
  id: "REP-TOTAL",
  severity: "error",
  family: "REP",
  scope: "table",
  description: "The TOTAL row must equal the sum of the detail rows.",
  messages: {
    totalFaux: {
      fr: "Le total {{actual}} n'est pas la somme des {{lines}} lignes de détail : {{expected}} attendu (écart {{gap}}).",
      en: "TOTAL {{actual}} is not the sum of the {{lines}} detail rows: expected {{expected}} (gap {{gap}}).",
    },
  },
  check(ctx) {
    for (const table of totalBlocks(ctx.tables)) {
      const total = table.rows.find((r) => r.kind === "total");
      const stated = cents(total?.amount);
      const details = detailRows(table.rows);
      const sum = sumCents(details);
      if (!total || stated === undefined || sum === undefined || details.length === 0 || stated === sum) continue;
      ctx.report({
        messageId: "totalFaux",
        at: total.amount,
        related: details.map((d) => d.amount),
        actual: money(stated),
        expected: money(sum),
        data: { lines: details.length, gap: money(stated - sum) },
        fix: { formula: sumFormula(table.amountColumn, details.map((d) => d.row)) },
        table: table.id,
      });
    }
  },
};
