import { money } from "../format";
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
      for (let i = 0; i < table.lines.length; i++) {
        const line = table.lines[i];
        const cp = line.cents("cp");
        const disponible = line.cents("disponible");
        if (cp === undefined || disponible === undefined || disponible <= cp) continue;
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
