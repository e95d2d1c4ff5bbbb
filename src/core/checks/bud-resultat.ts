import { money } from "../format";
import type { Check } from "./types";
import { sidesOf } from "./bud-equilibre";

/**
 * BUD-RESULTAT: a two-sided budget that is not the cerfa form (`Recettes | montant | Dépenses |
 * montant`, an event's budget): nothing says it must balance, so its result, a deficit or a
 * surplus, is worth knowing, not an error.
 */
export const budResultat: Check = {
  id: "BUD-RESULTAT",
  severity: "info",
  family: "BUD",
  scope: "table",
  description: "A two-sided budget that is not the cerfa form (Recettes | Dépenses): the deficit or surplus between its two totals.",
  help: {
    fr: {
      checks: "Dans un budget à deux colonnes qui n'est pas le formulaire cerfa (Recettes | montant | Dépenses | montant, le budget d'un événement), l'écart entre le total des recettes et celui des dépenses : le déficit ou l'excédent du budget.",
      why: "Rien n'oblige un tel budget à être équilibré, mais un déficit doit être su et financé avant l'événement.",
      fix: "Rien à corriger si l'écart est voulu ; sinon cherchez la recette manquante (une subvention en attente) ou la dépense en trop.",
      example: "Recettes 1 400 €, dépenses 1 428 € : budget en déficit de 28 €.",
    },
    en: {
      checks: "In a two-column budget that is not the cerfa form (Recettes | amount | Dépenses | amount, an event's budget), the gap between total income and total expenses: the budget's deficit or surplus.",
      why: "Nothing requires such a budget to balance, but a deficit must be known and funded before the event.",
      fix: "Nothing to fix if the gap is meant; otherwise find the missing income (a subsidy still pending) or the expense too many.",
      example: "Income €1,400, expenses €1,428: a deficit of €28.",
    },
  },
  messages: {
    deficit: {
      fr: "Budget en déficit de {{gap}} : recettes {{actual}}, dépenses {{expected}}.",
      en: "Budget in deficit by {{gap}}: income {{actual}}, expenses {{expected}}.",
    },
    excedent: {
      fr: "Budget en excédent de {{gap}} : recettes {{actual}}, dépenses {{expected}}.",
      en: "Budget in surplus by {{gap}}: income {{actual}}, expenses {{expected}}.",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.budget) {
      if (table.form !== "simple") continue;
      const s = sidesOf(table);
      if (!s || s.charges.cents === s.produits.cents) continue;
      const at = s.produits.cell ?? s.charges.cell ?? table.produits.lines[table.produits.lines.length - 1].cells[s.pi];
      ctx.report({
        messageId: s.produits.cents < s.charges.cents ? "deficit" : "excedent",
        at,
        related: [s.charges.cell],
        actual: money(s.produits.cents),
        expected: money(s.charges.cents),
        data: { gap: money(Math.abs(s.charges.cents - s.produits.cents)) },
        table: table.id,
      });
    }
  },
};
