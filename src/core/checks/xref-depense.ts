import type { Quantity } from "../findings";
import { money } from "../format";
import { allImputationLines } from "../tables/operations";
import type { Check } from "./types";

/** XREF-DEPENSE: what the deliberation decides must be what a report proposed on that line. */
export const xrefDepense: Check = {
  id: "XREF-DEPENSE",
  severity: "error",
  family: "XREF",
  scope: "workbook",
  description: "A Dépense line must match an imputation line of the same code with Proposition = Dépense and the same CP.",
  help: {
    fr: {
      checks: "Qu'une ligne de Dépense de l'article 3 corresponde, dans le classeur, à une ligne d'imputation de la même opération dont la Proposition égale la Dépense, avec les mêmes CP ; rien n'est signalé quand le rapport de l'opération n'est pas dans le classeur.",
      why: "La délibération doit décider exactement ce que le rapport a proposé : un écart veut dire que l'un des deux documents a été modifié sans l'autre.",
      fix: "Alignez la Dépense de la délibération et la Proposition du rapport, ainsi que leurs CP, sur le montant réellement décidé.",
      example: "Rapport : opération C05-043A06, CP 43 056, Proposition 7 000 ; délibération : même opération, Dépense 7 500 : aucune proposition de 7 500 n'est trouvée.",
    },
    en: {
      checks: "That an Article 3 Dépense line matches, in the workbook, an imputation line of the same operation whose Proposition equals the Dépense, with the same CP; nothing is reported when the operation's report is not in the workbook.",
      why: "The deliberation must decide exactly what the report proposed: a difference means one of the two documents was changed without the other.",
      fix: "Bring the deliberation's Dépense and the report's Proposition, and their CP, in line with the amount actually decided.",
      example: "Report: operation C05-043A06, CP 43,056, Proposition 7,000; deliberation: same operation, Dépense 7,500: no proposal of 7,500 is found.",
    },
  },
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
        const depense = dl.cents("depense");
        const cp = dl.cents("cp");
        if (!dl.code || depense === undefined || cp === undefined) continue;
        const sameCode = lines.filter((l) => l.code && l.codeKey === dl.codeKey);
        if (sameCode.length === 0) continue; // the report is not in this workbook
        if (sameCode.some((l) => l.cents("proposition") === depense && l.cents("cp") === cp)) continue;
        const found: Quantity = {
          kind: "list",
          items: sameCode.map((l) => l.cents("proposition")).filter((c): c is number => c !== undefined).map(money),
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
