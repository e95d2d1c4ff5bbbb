import { ratePoints, termCell, termCents } from "../conventions";
import { money, percent } from "../format";
import type { Check } from "./types";

/**
 * CONV-PLAFOND: the subsidy may not exceed its cap, in euros (`Plafond`, « plafonnée à 8 000 € »)
 * or as a rate of the coût total (« dans la limite de 80 % »). Group caps (APES 2023: 24 000 € for
 * axes 1–3) are not guessed: only a cap of the same convention is compared.
 */
/** Decimals enough for the rate to read above its cap (80,004 % is not shown as 80,00 %). */
function shownAbove(rate: number, cap: number, decimals: number): number {
  let d = decimals;
  while (d < 6 && Number(rate.toFixed(d)) <= cap) d++;
  return d;
}

export const convPlafond: Check = {
  id: "CONV-PLAFOND",
  severity: "error",
  family: "CONV",
  scope: "table",
  description: "The subsidy must not exceed the convention's cap (plafond), in euros or as a rate of the total forecast cost.",
  help: {
    fr: {
      checks: "Dans les termes d'une convention, que le montant de la subvention ne dépasse pas son plafond en euros (« Plafond », « plafonnée à 8 000 € ») ni, rapporté au coût total prévisionnel, son taux plafond (« dans la limite de 80 % ») ; un plafond commun à plusieurs actions n'est pas deviné.",
      why: "La convention interdit de verser plus que ce plafond : un montant au-delà ne peut être ni attribué ni payé.",
      fix: "Ramenez la subvention au plafond, ou vérifiez que le plafond saisi est bien celui de la convention.",
      example: "Subvention 9 000 €, plafond 8 000 € : dépassement de 1 000 €. Subvention 16 000 € sur un coût total de 18 695 € : 85,58 %, au-delà d'un plafond de 80 %.",
    },
    en: {
      checks: "In a convention's terms, that the subsidy does not exceed its cap in euros (“Plafond”, “plafonnée à 8 000 €”) nor, over the total forecast cost, its rate cap (“dans la limite de 80 %”); a cap shared by several actions is not guessed.",
      why: "The convention forbids paying more than this cap: an amount above it can be neither granted nor paid.",
      fix: "Bring the subsidy down to the cap, or check that the cap typed is the convention's.",
      example: "Subsidy €9,000, cap €8,000: €1,000 over. Subsidy €16,000 on a total cost of €18,695: 85.58%, beyond a cap of 80%.",
    },
  },
  messages: {
    plafondDepasse: {
      fr: "La subvention {{actual}} dépasse le plafond de {{expected}} de {{excess}}.",
      en: "The subsidy {{actual}} exceeds the cap of {{expected}} by {{excess}}.",
    },
    tauxPlafondDepasse: {
      fr: "La subvention {{subvention}} représente {{actual}} du coût total {{coutTotal}}, au-delà du plafond de {{expected}}.",
      en: "The subsidy {{subvention}} is {{actual}} of the total cost {{coutTotal}}, beyond the cap of {{expected}}.",
    },
  },
  check(ctx) {
    for (const c of ctx.tables.convention) {
      const subvention = termCents(c, "subvention");
      if (subvention === undefined) continue;
      const plafond = termCents(c, "plafond");
      if (plafond !== undefined && subvention > plafond) {
        ctx.report({
          messageId: "plafondDepasse",
          at: termCell(c, "subvention")!,
          related: [termCell(c, "plafond")],
          actual: money(subvention),
          expected: money(plafond),
          data: { excess: money(subvention - plafond) },
          table: c.id,
        });
      }
      const coutTotal = termCents(c, "coutTotal");
      const cap = ratePoints(c, "tauxPlafond");
      if (coutTotal === undefined || coutTotal <= 0 || !cap) continue;
      const rate = (subvention / coutTotal) * 100;
      // A cap is a bound, not a rounded figure: 80 % allows 80,00 % exactly, not 80,01 %.
      if (rate <= cap.points + 1e-9) continue;
      ctx.report({
        messageId: "tauxPlafondDepasse",
        at: termCell(c, "subvention")!,
        related: [termCell(c, "tauxPlafond"), termCell(c, "coutTotal")],
        actual: percent(rate, shownAbove(rate, cap.points, Math.max(2, cap.decimals))),
        expected: percent(cap.points, cap.decimals),
        data: { subvention: money(subvention), coutTotal: money(coutTotal) },
        table: c.id,
      });
    }
  },
};
