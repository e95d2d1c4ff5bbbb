import { halfUnit, withinTolerance } from "../amounts";
import { percent, text } from "../format";
import type { Check } from "./types";

/** RATIO-LIGNE: a `% X sur Y` row holds X ÷ Y at the precision it shows (81 % = 159 846 ÷ 196 641). */
export const ratioLigne: Check = {
  id: "RATIO-LIGNE",
  severity: "warning",
  family: "RATIO",
  scope: "table",
  description: "A `% X sur Y` row must hold row X divided by row Y, at its shown precision.",
  help: {
    fr: {
      checks: "Une ligne « % X sur Y » (par exemple « % RH sur Budget total ») dont chaque valeur doit être la ligne X divisée par la ligne Y, à la précision affichée.",
      why: "Ces ratios résument la situation financière d'une association : un ratio faux en donne une image fausse à ceux qui décident de la subvention.",
      fix: "Remplacez la valeur par la formule X ÷ Y (la cellule de la ligne X divisée par celle de la ligne Y) au format pourcentage.",
      example: "Charges de personnel 159 846, Budget réalisé 196 641 : 159 846 ÷ 196 641 = 81 % ; une valeur de 75 % est signalée.",
    },
    en: {
      checks: "A “% X sur Y” row (for example “% RH sur Budget total”) whose every value must be row X divided by row Y, at the shown precision.",
      why: "These ratios sum up an association's finances: a wrong ratio gives a wrong picture to those who decide the subsidy.",
      fix: "Replace the value with the formula X ÷ Y (the cell of row X divided by the cell of row Y) in percentage format.",
      example: "Staff costs 159,846, budget spent 196,641: 159,846 ÷ 196,641 = 81%; a value of 75% is reported.",
    },
  },
  messages: {
    ratioFaux: {
      fr: "La ligne « {{label}} » vaut {{actual}} mais {{x}} ÷ {{y}} donne {{expected}}.",
      en: "Row “{{label}}” is {{actual}} but {{x}} ÷ {{y}} gives {{expected}}.",
    },
  },
  check(ctx) {
    for (const ratio of ctx.tables.ratios) {
      for (const { ratio: cell, x, y } of ratio.values) {
        const r = cell.reading;
        if (r.kind !== "number" || x.reading.kind !== "number" || y.reading.kind !== "number" || y.reading.value === 0) continue;
        // `81 %` as text or 0.81 with a % format: points either way; a plain 0.81 is a fraction.
        const points = r.fromText || !r.percent ? (r.percent || r.value > 1 ? r.value : r.value * 100) : r.value * 100;
        const decimals = r.fromText || r.percent || r.value > 1 ? r.shownDecimals : Math.max(0, r.shownDecimals - 2);
        const expected = (x.reading.value / y.reading.value) * 100;
        if (withinTolerance(points, expected, halfUnit(decimals))) continue;
        ctx.report({
          messageId: "ratioFaux",
          at: cell,
          related: [x, y],
          actual: percent(points, decimals),
          expected: percent(expected, decimals),
          data: { label: text(String(ratio.label.value).trim()), x: text(String(ratio.numerator.value).trim()), y: text(String(ratio.denominator.value).trim()) },
        });
      }
    }
  },
};
