import { text } from "../format";
import { qualified } from "../address";
import { allDepenseLines, allImputationLines, codesOfSeveralLines } from "../tables/operations";
import type { OperationLine } from "../tables/types";
import type { Check } from "./types";

/** The same account written `65748/93043` or `65748//93043` or with spaces. */
function accountKey(imputation: string): string {
  return imputation.replace(/[\s\u00a0\u202f]/g, "").replace(/\/+/g, "/").toUpperCase();
}

/** XREF-IMPUTATION: one budget line has one account; a different imputation is probably a typo. */
export const xrefImputation: Check = {
  id: "XREF-IMPUTATION",
  severity: "warning",
  family: "XREF",
  scope: "workbook",
  description: "Lines with the same code opération should carry the same imputation budgétaire.",
  help: {
    fr: {
      checks: "Que toutes les lignes d'une même opération (même code) portent la même imputation budgétaire, dans les rapports et les délibérations du classeur ; quand elle ne diffère que par « / » ou « // » ou des espaces, c'est le même compte : une simple information.",
      why: "Une opération s'impute sur un seul compte : une autre imputation risque de faire payer la dépense sur le mauvais compte.",
      fix: "Recopiez l'imputation de la première ligne de l'opération, ou corrigez celle-ci si c'est elle qui est fausse ; pour « / » et « // », choisissez une écriture et gardez-la partout.",
      example: "Opération C05-043A06 imputée 65748/93043 dans le rapport et 65748//93043 dans la délibération : même compte écrit de deux façons (information) ; 65738/93043 serait une autre imputation (avertissement).",
    },
    en: {
      checks: "That every line of one operation (same code) carries the same budget imputation (account), across the workbook's reports and deliberations; when it differs only by “/” or “//” or spaces, it is the same account: an info.",
      why: "An operation is charged to one account: another imputation risks paying the expense from the wrong account.",
      fix: "Copy the imputation of the operation's first line, or fix that one if it is the wrong one; for “/” and “//”, pick one way of writing it and keep it everywhere.",
      example: "Operation C05-043A06 charged to 65748/93043 in the report and 65748//93043 in the deliberation: the same account written two ways (info); 65738/93043 would be another imputation (warning).",
    },
  },
  messages: {
    imputationDiffere: {
      fr: "L'imputation {{actual}} de l'opération {{code}} diffère de {{expected}} ({{other}}).",
      en: "Imputation {{actual}} of operation {{code}} differs from {{expected}} ({{other}}).",
    },
    memeCompte: {
      fr: "L'imputation {{actual}} de l'opération {{code}} est écrite {{expected}} ailleurs ({{other}}) : c'est le même compte, écrit de deux façons.",
      en: "Imputation {{actual}} of operation {{code}} is written {{expected}} elsewhere ({{other}}): the same account, written two ways.",
      severity: "info",
    },
  },
  check(ctx) {
    // Per code: the first way the account is written is the reference; each other way is one
    // finding, at its first cell, with its other cells related (not one finding per line). Only
    // codes of several lines can differ; in the order of their first line with an imputation.
    const reports = allImputationLines(ctx.tables);
    const deliberations = allDepenseLines(ctx.tables);
    const codes: { first: OperationLine; at: number; others: Map<string, OperationLine[]> }[] = [];
    for (const code of codesOfSeveralLines(ctx.tables)) {
      let first: OperationLine | undefined;
      let at = 0;
      let others: Map<string, OperationLine[]> | undefined;
      const add = (line: OperationLine, position: number) => {
        // A line with an imputation has an imputation cell: its cell is made only if reported.
        if (!line.imputation) return;
        if (!first) {
          first = line;
          at = position;
          return;
        }
        if (line.imputation === first.imputation) return;
        // Appended in place: copying the list for each line made a code of many lines quadratic.
        others ??= new Map<string, OperationLine[]>();
        const same = others.get(line.imputation);
        if (same) same.push(line);
        else others.set(line.imputation, [line]);
      };
      for (const position of code.reports) add(reports[position], position);
      for (const position of code.deliberations) add(deliberations[position], reports.length + position);
      if (first && others) codes.push({ first, at, others });
    }
    codes.sort((a, b) => a.at - b.at);
    for (const { first, others } of codes) {
      const reference = first.imputation;
      for (const [imputation, occurrences] of others) {
        const line = occurrences[0];
        ctx.report({
          messageId: accountKey(reference) === accountKey(imputation) ? "memeCompte" : "imputationDiffere",
          at: line.imputationCell!,
          related: [first.imputationCell, ...occurrences.slice(1).map((o) => o.imputationCell)],
          actual: text(imputation),
          expected: text(reference),
          data: { code: line.code, other: text(qualified(first.sheet, first.imputationCell!.address)) },
          table: line.tableId,
        });
      }
    }
  },
};
