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
  help: {
    fr: {
      checks: "Qu'un sous-total (« Sous-total … », « Total axe … ») égale la somme des lignes de détail depuis le sous-total précédent ou l'en-tête.",
      why: "Un sous-total faux donne un montant faux pour tout un axe ou une action, même quand le total général est juste.",
      fix: "Remplacez le sous-total par la SOMME de ses lignes de détail : Pointage propose la formule.",
      example: "Budget APES : les lignes des axes 1 à 3 font 24 000 € ; un sous-total saisi 23 000 € est signalé, 24 000 € attendu.",
    },
    en: {
      checks: "That a sub-total (“Sous-total …”, “Total axe …”) equals the sum of the detail rows since the previous sub-total or the header.",
      why: "A wrong sub-total gives a wrong amount for a whole axis or action, even when the grand total is right.",
      fix: "Replace the sub-total with the SUM of its detail rows: Pointage suggests the formula.",
      example: "APES budget: the rows of axes 1 to 3 add up to €24,000; a sub-total typed as €23,000 is reported, €24,000 expected.",
    },
  },
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
