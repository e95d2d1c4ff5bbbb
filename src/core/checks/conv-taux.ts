import { halfUnit, withinTolerance } from "../amounts";
import { inText, tauxPoints, termCell, termCents } from "../conventions";
import { money, percent } from "../format";
import type { Check } from "./types";

/** CONV-TAUX: taux d'intervention = subvention ÷ coût total prévisionnel (7 000 / 18 695 = 37,44 %). */
export const convTaux: Check = {
  id: "CONV-TAUX",
  severity: "error",
  family: "CONV",
  scope: "table",
  description: "The taux d'intervention must equal the subsidy divided by the total forecast cost, at its shown precision.",
  help: {
    fr: {
      checks: "Que le taux d'intervention d'une convention égale la subvention divisée par le coût total prévisionnel, à une demi-unité près de sa dernière décimale affichée.",
      why: "Le taux est voté avec le montant et sert à calculer la subvention due : un taux faux contredit le montant de la convention.",
      fix: "Remplacez le taux par la formule subvention ÷ coût total au format pourcentage (Pointage la propose quand les deux termes sont des nombres), ou corrigez le montant faux.",
      example: "7 000 € ÷ 18 695 € = 37,44 % : un taux écrit 37,50 % est signalé.",
    },
    en: {
      checks: "That a convention's funding rate (taux d'intervention) equals the subsidy divided by the total forecast cost, within half a unit of its last shown decimal.",
      why: "The rate is voted with the amount and is used to work out the subsidy due: a wrong rate contradicts the convention's amount.",
      fix: "Replace the rate with the formula subsidy ÷ total cost in percentage format (Pointage suggests it when both terms are numbers), or fix the wrong amount.",
      example: "€7,000 ÷ €18,695 = 37.44%: a rate written 37.50% is reported.",
    },
  },
  messages: {
    tauxFaux: {
      fr: "Le taux d'intervention {{actual}} ne correspond pas à {{subvention}} ÷ {{coutTotal}} : {{expected}} attendu.",
      en: "The funding rate (taux d'intervention) {{actual}} does not match {{subvention}} ÷ {{coutTotal}}: expected {{expected}}.",
    },
  },
  check(ctx) {
    for (const c of ctx.tables.convention) {
      const subvention = termCents(c, "subvention");
      const coutTotal = termCents(c, "coutTotal");
      const taux = tauxPoints(c);
      if (subvention === undefined || coutTotal === undefined || coutTotal <= 0 || !taux) continue;
      const expected = (subvention / coutTotal) * 100;
      if (withinTolerance(taux.points, expected, halfUnit(taux.decimals))) continue;
      const cell = termCell(c, "tauxIntervention")!;
      // A formula only over number cells: never on a sentence, nor pointing at one.
      const inSentence = inText(c, "tauxIntervention") || inText(c, "subvention") || inText(c, "coutTotal");
      const canFormula = !inSentence && cell.reading.kind === "number" && !cell.reading.fromText && cell.reading.percent;
      ctx.report({
        messageId: "tauxFaux",
        at: cell,
        related: [termCell(c, "subvention"), termCell(c, "coutTotal")],
        actual: percent(taux.points, taux.decimals),
        expected: percent(expected, taux.decimals),
        data: { subvention: money(subvention), coutTotal: money(coutTotal) },
        fix: canFormula ? { formula: `=${termCell(c, "subvention")!.address}/${termCell(c, "coutTotal")!.address}` } : undefined,
        table: c.id,
      });
    }
  },
};
