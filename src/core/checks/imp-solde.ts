import { money } from "../format";
import { lineCents } from "../tables/columns";
import type { Check } from "./types";

/** IMP-SOLDE: Solde = Disponible − Proposition, to the cent. */
export const impSolde: Check = {
  id: "IMP-SOLDE",
  severity: "error",
  family: "IMP",
  scope: "table",
  description: "Solde must equal Disponible minus Proposition, to the cent.",
  help: {
    fr: {
      checks: "Dans un tableau d'imputation, que le Solde égale Disponible − Proposition, au centime près.",
      why: "Le solde est ce qui restera sur la ligne budgétaire après cette décision : s'il est faux, le rapport suivant partira d'un montant faux.",
      fix: "Remplacez le solde par la formule Disponible − Proposition (par exemple =E2-F2) : le bouton « Corriger » l'écrit pour vous.",
      example: "Disponible 31 000, Proposition 7 000 : le solde doit être 31 000 − 7 000 = 24 000 ; un solde saisi 25 000 est signalé.",
    },
    en: {
      checks: "In an imputation table, that the Solde (balance) equals Disponible (available) − Proposition (proposal), to the cent.",
      why: "The balance is what will be left on the budget line after this decision: if it is wrong, the next report starts from a wrong amount.",
      fix: "Replace the balance with the formula Disponible − Proposition (for example =E2-F2): the “Fix” button writes it for you.",
      example: "Disponible 31,000, Proposition 7,000: the balance must be 31,000 − 7,000 = 24,000; a balance typed as 25,000 is reported.",
    },
  },
  messages: {
    soldeMismatch: {
      fr: "Le solde {{actual}} n'est pas égal à Disponible − Proposition ({{disponible}} − {{proposition}}) : {{expected}} attendu.",
      en: "Solde {{actual}} does not equal Disponible − Proposition ({{disponible}} − {{proposition}}): expected {{expected}}.",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.imputation) {
      // The columns' cents, NaN where no amount: a NaN fails the equality below as `undefined` did.
      const disponibles = lineCents(table, "disponible");
      const propositions = lineCents(table, "proposition");
      const soldes = lineCents(table, "solde");
      if (!disponibles || !propositions || !soldes) continue;
      for (let i = 0; i < table.lines.length; i++) {
        const disponible = disponibles[i];
        const proposition = propositions[i];
        const solde = soldes[i];
        const expected = disponible - proposition;
        if (solde === expected || Number.isNaN(solde) || Number.isNaN(expected)) continue;
        const line = table.lines[i];
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
