import { cents } from "../amounts";
import { money } from "../format";
import type { Check } from "./types";

/** IMP-DISPO-CP: what is still available cannot exceed the credits voted. */
export const impDispoCp: Check = {
  id: "IMP-DISPO-CP",
  severity: "error",
  family: "IMP",
  scope: "table",
  description: "Disponible must not exceed CP.",
  messages: {
    dispoAboveCp: {
      fr: "Le disponible {{actual}} dépasse les crédits de paiement (CP) {{cp}}.",
      en: "Disponible {{actual}} exceeds the credits (CP) {{cp}}.",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.imputation) {
      for (const line of table.lines) {
        const cp = cents(line.cp);
        const disponible = cents(line.disponible);
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
