import { cents, halfUnit, percentPoints, withinTolerance } from "../amounts";
import { percent } from "../format";
import { detailRows, percentFormulas, sumCents } from "../tables/repartition";
import type { Check } from "./types";

/**
 * REP-POURCENT: a line's % is its amount over the total, within half a unit of its last shown
 * decimal. The reference is the sum of the detail rows: a wrong TOTAL cell is REP-TOTAL's finding.
 */
export const repPourcent: Check = {
  id: "REP-POURCENT",
  severity: "error",
  family: "REP",
  scope: "table",
  description: "A line's percentage must equal amount ÷ total × 100 at the precision it is shown.",
  help: {
    fr: {
      checks: "Dans une répartition, que le pourcentage de chaque ligne égale son montant ÷ la somme des lignes de détail × 100, à une demi-unité près de sa dernière décimale affichée.",
      why: "Un pourcentage faux présente une part du budget qui n'est pas la vraie, même quand les montants sont justes.",
      fix: "Remplacez le pourcentage par la formule montant ÷ total (par exemple =C3/C$11) au format pourcentage : il suivra les montants.",
      example: "3 000 € sur un total de 9 380 € : 3 000 ÷ 9 380 = 31,98 % ; un pourcentage écrit 32,50 % est signalé.",
    },
    en: {
      checks: "In a breakdown, that each row's percentage equals its amount ÷ the sum of the detail rows × 100, within half a unit of its last shown decimal.",
      why: "A wrong percentage shows a share of the budget that is not the real one, even when the amounts are right.",
      fix: "Replace the percentage with the formula amount ÷ total (for example =C3/C$11) in percentage format: it will follow the amounts.",
      example: "€3,000 out of a total of €9,380: 3,000 ÷ 9,380 = 31.98%; a percentage written 32.50% is reported.",
    },
  },
  messages: {
    pourcentFaux: {
      fr: "Le pourcentage {{actual}} ne correspond pas à {{amount}} ÷ {{total}} : {{expected}} attendu.",
      en: "Percentage {{actual}} does not match {{amount}} ÷ {{total}}: expected {{expected}}.",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.repartition) {
      if (table.percentColumn === undefined) continue;
      const total = sumCents(detailRows(table.rows));
      if (total === undefined || total === 0) continue;
      const formulaOf = percentFormulas(table);
      for (const row of table.rows) {
        if (row.kind === "total") continue;
        const shown = percentPoints(row.percent, table.percentScale);
        const amount = cents(row.amount);
        if (!shown || amount === undefined) continue;
        const expected = (amount / total) * 100;
        if (withinTolerance(shown.points, expected, halfUnit(shown.decimals))) continue;
        const formula = formulaOf(row);
        ctx.report({
          messageId: "pourcentFaux",
          at: row.percent!,
          related: [row.amount],
          actual: percent(shown.points, shown.decimals),
          expected: percent(expected, shown.decimals),
          data: { amount: { kind: "money", cents: amount }, total: { kind: "money", cents: total } },
          fix: formula ? { formula } : undefined,
          table: table.id,
        });
      }
    }
  },
};
