import { cents } from "../amounts";
import { money } from "../format";
import type { Check } from "./types";

/** IMP-SOLDE: Solde = Disponible − Proposition, to the cent. */
export const impSolde: Check = {
  id: "IMP-SOLDE",
  severity: "error",
  family: "IMP",
  scope: "table",
  description: "Solde must equal Disponible minus Proposition, to the cent.",
  messages: {
    soldeMismatch: {
      fr: "Le solde {{actual}} n'est pas égal à Disponible − Proposition ({{disponible}} − {{proposition}}) : {{expected}} attendu.",
      en: "Solde {{actual}} does not equal Disponible − Proposition ({{disponible}} − {{proposition}}): expected {{expected}}.",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.imputation) {
      for (const line of table.lines) {
        const disponible = cents(line.disponible);
        const proposition = cents(line.proposition);
        const solde = cents(line.solde);
        if (disponible === undefined || proposition === undefined || solde === undefined) continue;
        const expected = disponible - proposition;
        if (solde === expected) continue;
        ctx.report({
          messageId: "soldeMismatch",
          at: line.solde!,
          related: [line.disponible, line.proposition],
          actual: money(solde),
          expected: money(expected),
          data: { disponible: money(disponible), proposition: money(proposition) },
          fix: { formula: `=${line.disponible!.address}-${line.proposition!.address}` },
          table: table.id,
        });
      }
    }
  },
};
