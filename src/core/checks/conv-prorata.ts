import { termCell, termCents } from "../conventions";
import { money } from "../format";
import { divideHalfUp } from "../numbers";
import type { ProrataRegime } from "../settings";
import type { Check } from "./types";

/**
 * The subsidy due once expenses are known. `prorata` (2023: « au prorata du taux d'exécution »):
 * round(subvention × réalisé ÷ coût total, 2), capped at the subvention. `reduction` (2025:
 * « réduite en conséquence », the subsidy being the whole budget): min(subvention, réalisé).
 */
export function subventionDue(subvention: number, coutTotal: number, realise: number, regime: ProrataRegime): number {
  if (realise >= coutTotal) return subvention;
  const due = regime === "reduction" ? realise : divideHalfUp(BigInt(subvention) * BigInt(realise), coutTotal);
  return Math.min(subvention, due);
}

/** CONV-PRORATA: the subsidy due and the amount to pay back, after the expenses are known. */
export const convProrata: Check = {
  id: "CONV-PRORATA",
  severity: "error",
  family: "CONV",
  scope: "table",
  description: "When expenses fall short, the subsidy due and the reversement must follow the convention's regime (prorata by default).",
  help: {
    fr: {
      checks: "Quand les dépenses réalisées sont inférieures au coût total prévisionnel, que la subvention due suive le régime de la convention : au prorata (par défaut), subvention × réalisé ÷ coût total arrondi au centime, sans dépasser la subvention ; en régime de réduction, le plus petit de la subvention et du réalisé. Le reversement doit être versé − dû quand c'est positif, 0 sinon.",
      why: "Une subvention due trop haute fait payer des dépenses qui n'ont pas eu lieu ; un reversement faux réclame au bénéficiaire une somme erronée.",
      fix: "Recalculez la subvention due selon le régime de la convention (réglage du classeur, prorata par défaut), puis le reversement : montant versé − subvention due.",
      example: "7 000 € × 15 000 € réalisés ÷ 18 695 € prévus = 5 616,47 € dus ; 7 000 € ayant été versés, le reversement est de 7 000 − 5 616,47 = 1 383,53 €.",
    },
    en: {
      checks: "When the expenses made fall short of the total forecast cost, that the subsidy due follows the convention's regime: pro rata (the default), subsidy × expenses made ÷ total cost rounded to the cent, never above the subsidy; under the reduction regime, the smaller of the subsidy and the expenses made. The repayment (reversement) must be paid − due when positive, 0 otherwise.",
      why: "A subsidy due set too high pays for expenses that never happened; a wrong repayment asks the beneficiary for the wrong sum.",
      fix: "Work the subsidy due out again under the convention's regime (a workbook setting, pro rata by default), then the repayment: amount paid − subsidy due.",
      example: "€7,000 × €15,000 spent ÷ €18,695 forecast = €5,616.47 due; €7,000 having been paid, the repayment is 7,000 − 5,616.47 = €1,383.53.",
    },
  },
  messages: {
    dueProrata: {
      fr: "La subvention due {{actual}} devrait être {{expected}} : {{subvention}} au prorata du taux d'exécution ({{realise}} réalisés sur {{coutTotal}}).",
      en: "The subsidy due {{actual}} should be {{expected}}: {{subvention}} pro rata of the expenses made ({{realise}} of {{coutTotal}}).",
    },
    dueReduction: {
      fr: "La subvention due {{actual}} devrait être {{expected}} : {{subvention}} réduite à hauteur des dépenses réalisées ({{realise}} sur {{coutTotal}}).",
      en: "The subsidy due {{actual}} should be {{expected}}: {{subvention}} reduced to the expenses made ({{realise}} of {{coutTotal}}).",
    },
    reversementFaux: {
      fr: "Le reversement {{actual}} devrait être {{expected}} ({{verse}} versés − {{due}} dus).",
      en: "The repayment (reversement) {{actual}} should be {{expected}} ({{verse}} paid − {{due}} due).",
    },
  },
  check(ctx) {
    const regime = ctx.settings.prorataRegime;
    for (const c of ctx.tables.convention) {
      const subvention = termCents(c, "subvention");
      const coutTotal = termCents(c, "coutTotal");
      const realise = termCents(c, "depensesRealisees");
      if (subvention === undefined || coutTotal === undefined || realise === undefined || coutTotal <= 0) continue;
      const due = subventionDue(subvention, coutTotal, realise, regime);
      const statedDue = termCents(c, "subventionDue");
      if (statedDue !== undefined && statedDue !== due) {
        ctx.report({
          messageId: regime === "prorata" ? "dueProrata" : "dueReduction",
          at: termCell(c, "subventionDue")!,
          related: [termCell(c, "subvention"), termCell(c, "coutTotal"), termCell(c, "depensesRealisees")],
          actual: money(statedDue),
          expected: money(due),
          data: {
            subvention: money(subvention),
            realise: money(realise),
            coutTotal: money(coutTotal),
          },
          table: c.id,
        });
      }
      const verse = termCents(c, "montantVerse");
      const reversement = termCents(c, "reversement");
      if (verse === undefined || reversement === undefined) continue;
      const expected = Math.max(0, verse - due);
      if (reversement === expected) continue;
      ctx.report({
        messageId: "reversementFaux",
        at: termCell(c, "reversement")!,
        related: [termCell(c, "montantVerse"), termCell(c, "subventionDue") ?? termCell(c, "depensesRealisees")],
        actual: money(reversement),
        expected: money(expected),
        data: { verse: money(verse), due: money(due) },
        table: c.id,
      });
    }
  },
};
