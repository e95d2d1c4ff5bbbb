import { cents } from "../amounts";
import { count, money } from "../format";
import type { GridCell } from "../grid";
import { additiveColumns, budgetSides } from "../tables/budget";
import type { Check } from "./types";

/** BUD-CENTIMES: the cerfa's budget pages say « Ne pas indiquer les centimes d'euros ». */
export const budCentimes: Check = {
  id: "BUD-CENTIMES",
  severity: "info",
  family: "BUD",
  scope: "table",
  description: "Amounts with cents in a cerfa budget form, which asks for whole euros.",
  help: {
    fr: {
      checks: "Qu'un budget au format cerfa (12156 ou 15059, avec ses groupes de comptes 60 à 87) ne porte pas de centimes : le formulaire demande des euros entiers (« Ne pas indiquer les centimes d'euros »).",
      why: "Les centimes n'y sont pas attendus, et des montants arrondis sur une ligne mais pas sur le total font apparaître des écarts d'un euro.",
      fix: "Arrondissez chaque montant à l'euro, puis refaites les totaux sur les montants arrondis.",
      example: "« 61 – Services extérieurs 1 234,56 € » : à écrire 1 235 €.",
    },
    en: {
      checks: "That a budget in the cerfa form (12156 or 15059, with its account groups 60 to 87) carries no cents: the form asks for whole euros (“Ne pas indiquer les centimes d'euros”).",
      why: "Cents are not expected there, and amounts rounded on a line but not in the total show one-euro gaps.",
      fix: "Round each amount to the euro, then work the totals out again from the rounded amounts.",
      example: "“61 – Services extérieurs €1,234.56”: to be written €1,235.",
    },
  },
  messages: {
    centimes: {
      fr: "Le formulaire demande des euros entiers, sans centimes : {{actual}} ici, et {{cells}} montant(s) avec des centimes dans ce budget.",
      en: "The form asks for whole euros, without cents: {{actual}} here, and {{cells}} amount(s) with cents in this budget.",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.budget) {
      if (table.form !== "cerfa") continue;
      const withCents: GridCell[] = [];
      for (const side of budgetSides(table)) {
        const lines = side.total ? [...side.lines, side.total] : side.lines;
        for (const i of additiveColumns(side)) {
          for (const l of lines) {
            const c = cents(l.cells[i]);
            if (c !== undefined && c % 100 !== 0) withCents.push(l.cells[i]);
          }
        }
      }
      if (withCents.length === 0) continue;
      withCents.sort((a, b) => a.row - b.row || a.column - b.column);
      // One finding per budget: the first such amount, the others related.
      ctx.report({ messageId: "centimes", at: withCents[0], related: withCents.slice(1), actual: money(cents(withCents[0])!), data: { cells: count(withCents.length) }, table: table.id });
    }
  },
};
