import { cents } from "../amounts";
import { money } from "../format";
import type { Check } from "./types";

/** IMP-DEPASSEMENT: a proposition larger than what is available leaves a negative solde. */
export const impDepassement: Check = {
  id: "IMP-DEPASSEMENT",
  severity: "error",
  family: "IMP",
  scope: "table",
  description: "Proposition must not exceed Disponible (credits insufficient).",
  messages: {
    creditsInsuffisants: {
      fr: "La proposition {{actual}} dépasse le disponible {{disponible}} : crédits insuffisants de {{excess}}.",
      en: "Proposition {{actual}} exceeds Disponible {{disponible}}: credits short by {{excess}}.",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.imputation) {
      for (const line of table.lines) {
        const disponible = cents(line.disponible);
        const proposition = cents(line.proposition);
        if (disponible === undefined || proposition === undefined || proposition <= disponible) continue;
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
