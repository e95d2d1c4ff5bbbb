import { halfUnit, percentPoints, sumPoints, withinTolerance } from "../amounts";
import { percent } from "../format";
import { detailRows } from "../tables/repartition";
import type { Check } from "./types";

/** REP-POURCENT-SOMME: the % column adds up to 100, within n × half a unit, and the TOTAL row says 100. */
export const repPourcentSomme: Check = {
  id: "REP-POURCENT-SOMME",
  severity: "error",
  family: "REP",
  scope: "table",
  description: "The percentage column must add up to 100 and the TOTAL row's percentage must be 100.",
  help: {
    fr: {
      checks: "Dans une répartition, que la colonne des pourcentages totalise 100 (à une demi-unité près par ligne) et que le pourcentage de la ligne TOTAL soit 100.",
      why: "Des parts qui ne font pas 100 % veulent dire qu'une ligne manque, est comptée deux fois, ou que les pourcentages ne suivent plus les montants.",
      fix: "Recalculez chaque pourcentage à partir des montants (montant ÷ total) et mettez 100 % sur la ligne TOTAL.",
      example: "Huit lignes dont les pourcentages totalisent 97,50 % au lieu de 100,00 % : une part de 2,50 % manque quelque part.",
    },
    en: {
      checks: "In a breakdown, that the percentage column adds up to 100 (within half a unit per row) and that the TOTAL row's percentage is 100.",
      why: "Shares that do not make 100% mean a row is missing, is counted twice, or that the percentages no longer follow the amounts.",
      fix: "Work each percentage out again from the amounts (amount ÷ total) and put 100% on the TOTAL row.",
      example: "Eight rows whose percentages add up to 97.50% instead of 100.00%: a share of 2.50% is missing somewhere.",
    },
  },
  messages: {
    sommeFausse: {
      fr: "Les {{lines}} pourcentages totalisent {{actual}} au lieu de {{expected}}.",
      en: "The {{lines}} percentages add up to {{actual}} instead of {{expected}}.",
    },
    totalPas100: {
      fr: "Le pourcentage de la ligne de total est {{actual}} au lieu de {{expected}}.",
      en: "The TOTAL row's percentage is {{actual}} instead of {{expected}}.",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.repartition) {
      if (table.percentColumn === undefined) continue;
      const total = table.rows.find((r) => r.kind === "total");
      const shown = detailRows(table.rows).map((r) => ({ row: r, p: percentPoints(r.percent, table.percentScale) }));
      const values = shown.filter((s) => s.p !== undefined).map((s) => s.p!);
      if (values.length >= 2) {
        const decimals = Math.max(...values.map((v) => v.decimals));
        const sum = sumPoints(values.map((v) => v.points));
        const tolerance = values.length * halfUnit(decimals);
        if (!withinTolerance(sum, 100, tolerance)) {
          const at = total?.percent?.reading.kind === "number" ? total.percent : shown.find((s) => s.p)!.row.percent!;
          ctx.report({
            messageId: "sommeFausse",
            at,
            related: shown.filter((s) => s.p).map((s) => s.row.percent),
            actual: percent(sum, decimals),
            expected: percent(100, decimals),
            data: { lines: values.length },
            table: table.id,
          });
        }
      }
      const totalShown = percentPoints(total?.percent, table.percentScale);
      if (totalShown && !withinTolerance(totalShown.points, 100, halfUnit(totalShown.decimals))) {
        ctx.report({
          messageId: "totalPas100",
          at: total!.percent!,
          actual: percent(totalShown.points, totalShown.decimals),
          expected: percent(100, totalShown.decimals),
          table: table.id,
        });
      }
    }
  },
};
