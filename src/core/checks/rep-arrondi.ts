import { cents, halfUnit, percentPoints, sumPoints, withinTolerance } from "../amounts";
import type { Quantity } from "../findings";
import { percent } from "../format";
import { detailRows, sumCents } from "../tables/repartition";
import type { Check } from "./types";

/**
 * Largest-remainder rounding of exact shares to `decimals`, summing to exactly 100: each share is
 * rounded down, then the units left go to the largest remainders.
 */
export function largestRemainder(amounts: readonly number[], decimals: number): number[] {
  const total = amounts.reduce((s, a) => s + a, 0);
  const unitsIn100 = 100 * 10 ** decimals;
  // Exact integer arithmetic: share in units = amount × unitsIn100 / total.
  const shares = amounts.map((a) => {
    const num = BigInt(a) * BigInt(unitsIn100);
    const floor = num / BigInt(total);
    return { floor: Number(floor), remainder: num - floor * BigInt(total) };
  });
  let left = unitsIn100 - shares.reduce((s, x) => s + x.floor, 0);
  const order = shares.map((_, i) => i).sort((i, j) => (shares[j].remainder > shares[i].remainder ? 1 : shares[j].remainder < shares[i].remainder ? -1 : i - j));
  const units = shares.map((s) => s.floor);
  for (const i of order) {
    if (left <= 0) break;
    units[i]++;
    left--;
  }
  return units.map((u) => u / 10 ** decimals);
}

/** REP-ARRONDI: every % is right, yet they add up to 99,99 or 100,01: propose a rounding that gives 100. */
export const repArrondi: Check = {
  id: "REP-ARRONDI",
  severity: "info",
  family: "REP",
  scope: "table",
  description: "When every percentage is right but the column does not add up to exactly 100, propose a largest-remainder rounding.",
  help: {
    fr: {
      checks: "Dans une répartition, quand chaque pourcentage est juste à sa précision mais que la colonne ne totalise pas exactement 100 (99,99 ou 100,01 par exemple) : Pointage propose un arrondi au plus fort reste qui totalise exactement 100.",
      why: "Rien n'est faux, mais un total de 99,99 % dans un document officiel fait douter du tableau ; l'arrondi proposé garde chaque ligne juste et donne 100 % tout rond.",
      fix: "Remplacez les pourcentages par ceux proposés : chaque part est arrondie vers le bas, puis les unités qui manquent vont aux plus grands restes.",
      example: "Trois lignes de 1 000 € sur 3 000 € : 33,33 % × 3 = 99,99 % ; l'arrondi proposé est 33,34 %, 33,33 % et 33,33 %.",
    },
    en: {
      checks: "In a breakdown, when every percentage is right at its precision but the column does not add up to exactly 100 (99.99 or 100.01, say): Pointage suggests a largest-remainder rounding that adds up to exactly 100.",
      why: "Nothing is wrong, but a total of 99.99% in an official document casts doubt on the table; the suggested rounding keeps every row right and gives exactly 100%.",
      fix: "Replace the percentages with the suggested ones: each share is rounded down, then the missing units go to the largest remainders.",
      example: "Three rows of €1,000 out of €3,000: 33.33% × 3 = 99.99%; the suggested rounding is 33.34%, 33.33% and 33.33%.",
    },
  },
  messages: {
    arrondiPropose: {
      fr: "Les pourcentages sont justes mais totalisent {{actual}} : pour obtenir exactement 100, arrondir ainsi : {{expected}}.",
      en: "The percentages are right but add up to {{actual}}: to reach exactly 100, round them as {{expected}}.",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.repartition) {
      if (table.percentColumn === undefined) continue;
      const details = detailRows(table.rows);
      const total = sumCents(details);
      if (total === undefined || total <= 0 || details.length < 2) continue;
      const shown = details.map((r) => percentPoints(r.percent, table.percentScale));
      if (shown.some((s) => s === undefined)) continue;
      const decimals = shown[0]!.decimals;
      if (shown.some((s) => s!.decimals !== decimals)) continue;
      const amounts = details.map((r) => cents(r.amount)!);
      if (amounts.some((a) => a < 0)) continue;
      const allRight = shown.every((s, i) => withinTolerance(s!.points, (amounts[i] / total) * 100, halfUnit(decimals)));
      const sum = sumPoints(shown.map((p) => p!.points));
      if (!allRight || !withinTolerance(sum, 100, details.length * halfUnit(decimals))) continue;
      if (Math.abs(sum - 100) < halfUnit(decimals) / 10) continue;
      const proposal: Quantity = { kind: "list", items: largestRemainder(amounts, decimals).map((p) => percent(p, decimals)) };
      const totalRow = table.rows.find((r) => r.kind === "total");
      ctx.report({
        messageId: "arrondiPropose",
        at: totalRow?.percent?.reading.kind === "number" ? totalRow.percent : details[0].percent!,
        related: details.map((d) => d.percent),
        actual: percent(sum, decimals),
        expected: proposal,
        table: table.id,
      });
    }
  },
};
