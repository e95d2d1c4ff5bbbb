import { money } from "../format";
import { mainColumn, sideAmount } from "../tables/budget";
import type { Check } from "./types";

/**
 * BUD-NATURE: the contributions volontaires en nature balance, 86 Emplois (what was received in
 * kind and used) against 87 Contributions (who gave it): the same hours of bénévolat on both sides.
 */
export const budNature: Check = {
  id: "BUD-NATURE",
  severity: "error",
  family: "BUD",
  scope: "table",
  description: "Contributions volontaires en nature: the total of 86 (Emplois) must equal the total of 87 (Contributions).",
  help: {
    fr: {
      checks: "Que le total des emplois des contributions volontaires en nature (86 : secours en nature, mise à disposition gratuite de biens et prestations, personnel bénévole) soit égal au total des contributions (87 : bénévolat, prestations en nature, dons en nature).",
      why: "Une contribution en nature est à la fois reçue et employée : les deux totaux sont le même montant vu des deux côtés.",
      fix: "Reportez la même valeur des deux côtés : les heures de bénévolat valorisées en 864 Personnel bénévole le sont aussi en 870 Bénévolat.",
      example: "86 : personnel bénévole 3 000 € ; 87 : bénévolat 2 500 € : écart 500 €.",
    },
    en: {
      checks: "That the total of the uses of volunteer contributions in kind (86: relief in kind, goods and services made available free of charge, volunteer staff) equals the total of the contributions (87: volunteering, services in kind, gifts in kind).",
      why: "A contribution in kind is both received and used: the two totals are one amount seen from both sides.",
      fix: "Carry the same value on both sides: the volunteer hours valued in 864 Personnel bénévole are valued in 870 Bénévolat too.",
      example: "86: volunteer staff €3,000; 87: volunteering €2,500: a gap of €500.",
    },
  },
  messages: {
    natureDesequilibree: {
      fr: "Les contributions volontaires en nature ne s'équilibrent pas : 87 Contributions {{actual}}, 86 Emplois {{expected}} (écart {{gap}}).",
      en: "Volunteer contributions in kind do not balance: 87 Contributions {{actual}}, 86 Emplois {{expected}} (gap {{gap}}).",
    },
  },
  check(ctx) {
    for (const table of ctx.tables.budget) {
      const emplois = table.chargesNature;
      const contributions = table.produitsNature;
      if (!emplois && !contributions) continue;
      const e = emplois ? sideAmount(emplois, mainColumn(emplois)) : { cents: 0, cell: undefined };
      const c = contributions ? sideAmount(contributions, mainColumn(contributions)) : { cents: 0, cell: undefined };
      if (!e || !c || e.cents === c.cents) continue;
      const at = c.cell ?? e.cell ?? (contributions ?? emplois)!.lines[(contributions ?? emplois)!.lines.length - 1].cells[0];
      ctx.report({
        messageId: "natureDesequilibree",
        at,
        related: [e.cell],
        actual: money(c.cents),
        expected: money(e.cents),
        data: { gap: money(Math.abs(e.cents - c.cents)) },
        table: table.id,
      });
    }
  },
};
