import { cents } from "../amounts";
import { money } from "../format";
import type { Check } from "./types";

/** DEL-CP: a deliberation cannot decide more than the credits of the line. */
export const delCp: Check = {
  id: "DEL-CP",
  severity: "error",
  family: "DEL",
  scope: "table",
  description: "In an Article 3 table, Dépense must not exceed CP.",
  messages: {
    depenseAboveCp: {
      fr: "La dépense {{actual}} dépasse les crédits de paiement (CP) {{cp}}.",
      en: "Dépense {{actual}} exceeds the credits (CP) {{cp}}.",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.depense) {
      for (const line of table.lines) {
        const cp = cents(line.cp);
        const depense = cents(line.depense);
        if (cp === undefined || depense === undefined || depense <= cp) continue;
        ctx.report({
          messageId: "depenseAboveCp",
          at: line.depense!,
          related: [line.cp],
          actual: money(depense),
          expected: money(cp),
          data: { cp: money(cp) },
          table: table.id,
        });
      }
    }
  },
};
