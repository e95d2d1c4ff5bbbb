import { money } from "../format";
import { numberColumns } from "../tables/columns";
import type { Check } from "./types";

/** Credits and spending are never negative; a negative Solde is IMP-DEPASSEMENT's finding. */
const CHECKED = new Set(["cp", "disponible", "proposition", "depense"]);

/** NUM-NEGATIF: a negative CP, Disponible, Proposition or Dépense. */
export const numNegatif: Check = {
  id: "NUM-NEGATIF",
  severity: "error",
  family: "NUM",
  scope: "table",
  description: "A negative CP, Disponible, Proposition or Dépense.",
  help: {
    fr: {
      checks: "Un montant négatif dans une colonne CP, Disponible, Proposition ou Dépense (un Solde négatif relève d'IMP-DEPASSEMENT).",
      why: "Des crédits ou une dépense ne sont jamais négatifs : le signe moins vient d'une faute de frappe ou d'une formule inversée, et il fausse chaque solde qui en dépend.",
      fix: "Saisissez le montant sans signe moins, ou corrigez la formule qui soustrait dans le mauvais sens.",
      example: "Proposition −7 000 sur un Disponible de 31 000 : le solde devient 31 000 + 7 000 = 38 000 au lieu de 24 000.",
    },
    en: {
      checks: "A negative amount in a CP, Disponible, Proposition or Dépense column (a negative Solde is IMP-DEPASSEMENT's finding).",
      why: "Credits and expenses are never negative: the minus sign comes from a typo or a formula the wrong way round, and it skews every balance that depends on it.",
      fix: "Type the amount without the minus sign, or fix the formula that subtracts the wrong way round.",
      example: "Proposition −7,000 on a Disponible of 31,000: the balance becomes 31,000 + 7,000 = 38,000 instead of 24,000.",
    },
  },
  messages: {
    montantNegatif: {
      fr: "Montant négatif {{actual}} dans la colonne « {{column}} ».",
      en: "Negative amount {{actual}} in column “{{column}}”.",
    },
  },
  check(ctx) {
    for (const column of numberColumns(ctx.tables)) {
      if (!CHECKED.has(column.role)) continue;
      // A negative amount is no plain amount: only the column's unusual cells are looked at.
      const unusual = column.unusual();
      for (let k = 0; k < unusual.length; k++) {
        const i = unusual[k];
        const c = column.cents(i);
        if (c === undefined || c >= 0) continue;
        ctx.report({ messageId: "montantNegatif", at: column.cell(i), actual: money(c), data: { column: column.header }, table: column.table.id });
      }
    }
  },
};
