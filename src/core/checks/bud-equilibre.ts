import { money, text } from "../format";
import { groupFigure, mainColumn, sideAmount, type BudgetSide, type BudgetTable } from "../tables/budget";
import type { Check } from "./types";

/** The first group of a side whose stated amount is not the sum of its lines: where the gap may come from. */
function groupNotAddingUp(side: BudgetSide, column: number): string | undefined {
  for (const g of side.groups) {
    const f = groupFigure(g, column);
    if (f.stated !== undefined && f.sum !== undefined && f.stated !== f.sum) return g.line.label;
  }
  return undefined;
}

/** Both sides' amounts in the budget's main column, when both are known. */
export function sidesOf(table: BudgetTable) {
  const ci = mainColumn(table.charges);
  const pi = mainColumn(table.produits);
  const charges = sideAmount(table.charges, ci);
  const produits = sideAmount(table.produits, pi);
  if (!charges || !produits) return undefined;
  return { charges, produits, ci, pi };
}

/**
 * BUD-EQUILIBRE: « Le total des charges doit être égal au total des produits » (cerfa 12156). Each
 * side is what its lines add up to when its TOTAL is itself wrong (BUD-GROUPE says so): a wrong
 * TOTAL over balanced lines is one finding, not two.
 */
export const budEquilibre: Check = {
  id: "BUD-EQUILIBRE",
  severity: "error",
  family: "BUD",
  scope: "table",
  description: "In an association budget (cerfa 12156), TOTAL DES CHARGES must equal TOTAL DES PRODUITS.",
  help: {
    fr: {
      checks: "Que le TOTAL DES CHARGES d'un budget prévisionnel d'association ou d'action (cerfa 12156) soit égal au TOTAL DES PRODUITS, comme le formulaire le demande ; le message dit de quel côté il manque, et quel groupe ne fait pas la somme de ses lignes quand il y en a un.",
      why: "Le formulaire le dit : « Le total des charges doit être égal au total des produits » ; un budget déséquilibré est renvoyé à l'association.",
      fix: "Retrouvez la ligne oubliée (souvent un financeur de 74 – Subventions d'exploitation) ou le groupe qui ne fait pas la somme de ses lignes, puis rééquilibrez.",
      example: "Charges 18 695 € ; produits : Département 7 000 €, Région 5 000 €, Commune 3 000 €, cotisations 2 195 €, ventes 1 500 € = 18 695 € : équilibré. Sans la ligne de la Commune, les produits font 15 695 € : écart 3 000 €.",
    },
    en: {
      checks: "That the TOTAL DES CHARGES of an association's or an action's budget (cerfa 12156) equals its TOTAL DES PRODUITS, as the form requires; the message says which side is short, and which group does not add up to its lines when one does not.",
      why: "The form says so: “Le total des charges doit être égal au total des produits”; an unbalanced budget is sent back to the association.",
      fix: "Find the line left out (often a funder of 74 – Subventions d'exploitation) or the group that does not add up to its lines, then balance the budget.",
      example: "Expenses €18,695; income: Département €7,000, Region €5,000, municipality €3,000, membership fees €2,195, sales €1,500 = €18,695: balanced. Without the municipality's line, income is €15,695: a gap of €3,000.",
    },
  },
  messages: {
    produitsCourts: {
      fr: "Le total des produits {{actual}} n'est pas égal au total des charges {{expected}} : il manque {{gap}} aux produits (un financeur oublié en 74 – Subventions d'exploitation ?).",
      en: "Total income {{actual}} does not equal total expenses {{expected}}: income is {{gap}} short (a funder left out of 74 – Subventions d'exploitation?).",
    },
    chargesCourtes: {
      fr: "Le total des produits {{actual}} n'est pas égal au total des charges {{expected}} : il manque {{gap}} aux charges (une ligne de charges oubliée ?).",
      en: "Total income {{actual}} does not equal total expenses {{expected}}: expenses are {{gap}} short (an expense line left out?).",
    },
    produitsCourtsGroupe: {
      fr: "Le total des produits {{actual}} n'est pas égal au total des charges {{expected}} : il manque {{gap}} aux produits, où le groupe « {{group}} » ne fait pas la somme de ses lignes.",
      en: "Total income {{actual}} does not equal total expenses {{expected}}: income is {{gap}} short, and group “{{group}}” does not add up to its lines.",
    },
    chargesCourtesGroupe: {
      fr: "Le total des produits {{actual}} n'est pas égal au total des charges {{expected}} : il manque {{gap}} aux charges, où le groupe « {{group}} » ne fait pas la somme de ses lignes.",
      en: "Total income {{actual}} does not equal total expenses {{expected}}: expenses are {{gap}} short, and group “{{group}}” does not add up to its lines.",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.budget) {
      if (table.form !== "cerfa") continue;
      const s = sidesOf(table);
      if (!s || s.charges.cents === s.produits.cents) continue;
      const produitsShort = s.produits.cents < s.charges.cents;
      const short = produitsShort ? table.produits : table.charges;
      const group = groupNotAddingUp(short, produitsShort ? s.pi : s.ci);
      // On the produits' TOTAL; without TOTAL cells, on the last line of the produits.
      const at = s.produits.cell ?? s.charges.cell ?? table.produits.lines[table.produits.lines.length - 1].cells[s.pi];
      ctx.report({
        messageId: `${produitsShort ? "produitsCourts" : "chargesCourtes"}${group ? "Groupe" : ""}`,
        at,
        related: [s.charges.cell],
        actual: money(s.produits.cents),
        expected: money(s.charges.cents),
        data: group ? { gap: money(Math.abs(s.charges.cents - s.produits.cents)), group: text(group) } : { gap: money(Math.abs(s.charges.cents - s.produits.cents)) },
        table: table.id,
      });
    }
  },
};
