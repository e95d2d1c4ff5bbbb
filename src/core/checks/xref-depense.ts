import { cents } from "../amounts";
import type { Quantity } from "../findings";
import { money } from "../format";
import { allImputationLines, codeKey } from "../tables/operations";
import type { Check } from "./types";

/** XREF-DEPENSE: what the deliberation decides must be what a report proposed on that line. */
export const xrefDepense: Check = {
  id: "XREF-DEPENSE",
  severity: "error",
  family: "XREF",
  scope: "workbook",
  description: "A Dépense line must match an imputation line of the same code with Proposition = Dépense and the same CP.",
  messages: {
    aucuneProposition: {
      fr: "Aucune ligne d'imputation de l'opération {{code}} ne propose {{actual}} avec des CP de {{cp}} (propositions trouvées : {{found}}).",
      en: "No imputation line of operation {{code}} proposes {{actual}} with CP {{cp}} (propositions found: {{found}}).",
    },
  },
  check(ctx) {
    const lines = allImputationLines(ctx.tables);
    for (const table of ctx.tables.depense) {
      for (const dl of table.lines) {
        const depense = cents(dl.depense);
        const cp = cents(dl.cp);
        if (!dl.code || depense === undefined || cp === undefined) continue;
        const sameCode = lines.filter((l) => l.code && codeKey(l.code) === codeKey(dl.code));
        if (sameCode.length === 0) continue; // the report is not in this workbook
        if (sameCode.some((l) => cents(l.proposition) === depense && cents(l.cp) === cp)) continue;
        const found: Quantity = {
          kind: "list",
          items: sameCode.map((l) => cents(l.proposition)).filter((c): c is number => c !== undefined).map(money),
        };
        ctx.report({
          messageId: "aucuneProposition",
          at: dl.depense!,
          related: sameCode.map((l) => l.proposition),
          actual: money(depense),
          data: { code: dl.code, cp: money(cp), found },
          table: table.id,
        });
      }
    }
  },
};
