import { money } from "../format";
import { lineCents } from "../tables/columns";
import type { Check } from "./types";

/** IMP-DEPASSEMENT: a proposition larger than what is available leaves a negative solde. */
export const impDepassement: Check = {
  id: "IMP-DEPASSEMENT",
  severity: "error",
  family: "IMP",
  scope: "table",
  description: "Proposition must not exceed Disponible (credits insufficient).",
  help: {
    fr: {
      checks: "Dans un tableau d'imputation, qu'une Proposition ne dépasse pas le Disponible de sa ligne, ce qui laisserait un solde négatif.",
      why: "Il n'y a pas assez de crédits sur la ligne pour financer la proposition : elle ne peut pas être engagée telle quelle.",
      fix: "Ramenez la proposition au disponible, vérifiez le disponible saisi, ou imputez la dépense sur une ligne qui a les crédits.",
      example: "Disponible 7 000, Proposition 9 380 : crédits insuffisants de 2 380, le solde serait de −2 380.",
    },
    en: {
      checks: "In an imputation table, that a Proposition (proposal) does not exceed its line's Disponible (available), which would leave a negative balance.",
      why: "The line does not have enough credits to fund the proposal: it cannot be committed as it is.",
      fix: "Bring the proposal down to what is available, check the Disponible typed, or charge the expense to a line that has the credits.",
      example: "Disponible 7,000, Proposition 9,380: credits short by 2,380, the balance would be −2,380.",
    },
  },
  messages: {
    creditsInsuffisants: {
      fr: "La proposition {{actual}} dépasse le disponible {{disponible}} : crédits insuffisants de {{excess}}.",
      en: "Proposition {{actual}} exceeds Disponible {{disponible}}: credits short by {{excess}}.",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.imputation) {
      const disponibles = lineCents(table, "disponible");
      const propositions = lineCents(table, "proposition");
      if (!disponibles || !propositions) continue;
      for (let i = 0; i < table.lines.length; i++) {
        const disponible = disponibles[i];
        const proposition = propositions[i];
        // A NaN (no amount) is never greater: such lines are skipped, as before.
        if (!(proposition > disponible)) continue;
        const line = table.lines[i];
        ctx.report({
          messageId: "creditsInsuffisants",
          at: line.proposition!,
          related: [line.disponible],
          actual: money(proposition),
          expected: money(disponible),
          data: { disponible: money(disponible), excess: money(proposition - disponible) },
          table: table.id,
        });
      }
    }
  },
};
