import { money } from "../format";
import { lineCents } from "../tables/columns";
import type { Check } from "./types";

/** IMP-DISPO-CP: what is still available cannot exceed the credits voted. */
export const impDispoCp: Check = {
  id: "IMP-DISPO-CP",
  severity: "error",
  family: "IMP",
  scope: "table",
  description: "Disponible must not exceed CP.",
  help: {
    fr: {
      checks: "Dans un tableau d'imputation, que le Disponible ne dépasse pas les CP (crédits de paiement) votés sur la ligne.",
      why: "Ce qui reste disponible ne peut pas être plus que ce qui a été voté : un disponible trop haut laisse engager des crédits qui n'existent pas.",
      fix: "Vérifiez le Disponible (souvent le solde d'un rapport précédent) et les CP de la ligne, et corrigez celui des deux qui est faux.",
      example: "CP 43 056, Disponible 45 000 : le disponible dépasse les crédits votés de 1 944.",
    },
    en: {
      checks: "In an imputation table, that the Disponible (available) does not exceed the CP (payment appropriations) voted on the line.",
      why: "What is left cannot be more than what was voted: a Disponible set too high lets credits that do not exist be committed.",
      fix: "Check the Disponible (often the balance of an earlier report) and the line's CP, and fix whichever is wrong.",
      example: "CP 43,056, Disponible 45,000: the Disponible exceeds the credits voted by 1,944.",
    },
  },
  messages: {
    dispoAboveCp: {
      fr: "Le disponible {{actual}} dépasse les crédits de paiement (CP) {{cp}}.",
      en: "Disponible {{actual}} exceeds the credits (CP) {{cp}}.",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.imputation) {
      const cps = lineCents(table, "cp");
      const disponibles = lineCents(table, "disponible");
      if (!cps || !disponibles) continue;
      for (let i = 0; i < table.lines.length; i++) {
        const cp = cps[i];
        const disponible = disponibles[i];
        // A NaN (no amount) is never greater: such lines are skipped, as before.
        if (!(disponible > cp)) continue;
        const line = table.lines[i];
        ctx.report({
          messageId: "dispoAboveCp",
          at: line.disponible!,
          related: [line.cp],
          actual: money(disponible),
          expected: money(cp),
          data: { cp: money(cp) },
          table: table.id,
        });
      }
    }
  },
};
