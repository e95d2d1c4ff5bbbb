import { money } from "../format";
import type { Check } from "./types";

/** DEL-CP: a deliberation cannot decide more than the credits of the line. */
export const delCp: Check = {
  id: "DEL-CP",
  severity: "error",
  family: "DEL",
  scope: "table",
  description: "In an Article 3 table, Dépense must not exceed CP.",
  help: {
    fr: {
      checks: "Dans le tableau de l'article 3 d'une délibération, qu'aucune Dépense ne dépasse les CP (crédits de paiement) de sa ligne.",
      why: "La délibération ne peut pas décider d'une dépense au-delà des crédits votés sur la ligne budgétaire.",
      fix: "Vérifiez la Dépense et les CP de la ligne (faute de frappe, ligne décalée) ; si la dépense est juste, il faut d'abord des crédits supplémentaires sur cette ligne.",
      example: "CP 43 056,00 €, Dépense 50 000,00 € : la dépense dépasse les crédits de 6 944,00 €.",
    },
    en: {
      checks: "In a deliberation's Article 3 table, that no Dépense (expense decided) exceeds the CP (payment appropriations) of its line.",
      why: "A deliberation cannot decide an expense beyond the credits voted on the budget line.",
      fix: "Check the line's Dépense and CP (a typo, a shifted row); if the expense is right, the line first needs more credits.",
      example: "CP €43,056.00, Dépense €50,000.00: the expense exceeds the credits by €6,944.00.",
    },
  },
  messages: {
    depenseAboveCp: {
      fr: "La dépense {{actual}} dépasse les crédits de paiement (CP) {{cp}}.",
      en: "Dépense {{actual}} exceeds the credits (CP) {{cp}}.",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.depense) {
      for (const line of table.lines) {
        const cp = line.cents("cp");
        const depense = line.cents("depense");
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
