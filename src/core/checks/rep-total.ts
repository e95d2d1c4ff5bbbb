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
  help: {
    fr: {
      checks: "Que la ligne TOTAL d'un tableau égale la somme de ses lignes de détail ; les sous-totaux ne sont pas ajoutés (ils sont vérifiés par REP-SOUS-TOTAL).",
      why: "Le total est le chiffre que l'on retient et que l'on vote : s'il n'est pas la somme des lignes, le tableau se contredit.",
      fix: "Remplacez le total par la SOMME des lignes de détail (Pointage propose la formule), ou retrouvez la ligne dont le montant est faux.",
      example: "Budget APES : les lignes de détail font 24 000 € + 33 000 € = 57 000 € ; un TOTAL saisi 56 000 € est signalé (écart −1 000 €).",
    },
    en: {
      checks: "That a table's TOTAL row equals the sum of its detail rows; sub-totals are not added in (REP-SOUS-TOTAL checks them).",
      why: "The total is the figure people remember and vote on: if it is not the sum of the rows, the table contradicts itself.",
      fix: "Replace the total with the SUM of the detail rows (Pointage suggests the formula), or find the row whose amount is wrong.",
      example: "APES budget: the detail rows add up to €24,000 + €33,000 = €57,000; a TOTAL typed as €56,000 is reported (gap −€1,000).",
    },
  },
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
