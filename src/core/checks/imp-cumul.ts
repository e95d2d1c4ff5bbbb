import { money, text } from "../format";
import { qualified } from "../address";
import { linesByOperationAndCp } from "../tables/operations";
import type { Check } from "./types";

/**
 * IMP-CUMUL: two reports of the same meeting may each fit while together they spend more than
 * the line has. Across the workbook, lines with the same code and CP must not propose more in all
 * than the first of them had available.
 */
export const impCumul: Check = {
  id: "IMP-CUMUL",
  severity: "error",
  family: "IMP",
  scope: "workbook",
  description: "Across the workbook, the propositions on one budget line and CP must not exceed the first Disponible.",
  help: {
    fr: {
      checks: "Dans tout le classeur, pour les lignes d'une même opération avec les mêmes CP, que le total des Propositions ne dépasse pas le Disponible de la première d'entre elles (feuilles de gauche à droite, lignes de haut en bas).",
      why: "Deux rapports de la même séance peuvent chacun tenir dans les crédits et ensemble les dépasser : personne ne le voit en relisant un rapport à la fois.",
      fix: "Réduisez ou reportez l'une des propositions, ou faites voter des crédits supplémentaires sur la ligne.",
      example: "Disponible 31 000 sur l'opération C05-043A06 : une proposition de 24 000 dans un rapport et une de 10 000 dans un autre totalisent 34 000, soit 3 000 de trop.",
    },
    en: {
      checks: "Across the whole workbook, for the lines of one operation with the same CP, that the Propositions (proposals) add up to no more than the Disponible (available) of the first of them (sheets left to right, rows top to bottom).",
      why: "Two reports of the same meeting may each fit within the credits and together exceed them: nobody sees it reading one report at a time.",
      fix: "Reduce or postpone one of the proposals, or have more credits voted on the line.",
      example: "Disponible 31,000 on operation C05-043A06: a proposal of 24,000 in one report and one of 10,000 in another add up to 34,000, that is 3,000 too much.",
    },
  },
  messages: {
    cumulDepasse: {
      fr: "Les propositions sur l'opération {{code}} (CP {{cp}}) totalisent {{actual}} dans le classeur, plus que le disponible {{expected}} de {{first}} : dépassement de {{excess}}.",
      en: "Propositions on operation {{code}} (CP {{cp}}) add up to {{actual}} across the workbook, more than the Disponible {{expected}} at {{first}}: {{excess}} over.",
    },
  },
  check(ctx) {
    for (const lines of linesByOperationAndCp(ctx.tables)) {
      if (lines.length < 2) continue;
      const first = lines[0];
      const disponible = first.cents("disponible");
      if (disponible === undefined) continue;
      let total = 0;
      let crossing: (typeof lines)[number] | undefined;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        total += line.cents("proposition") ?? 0;
        if (!crossing && total > disponible) crossing = line;
      }
      // A single line over its own disponible is IMP-DEPASSEMENT's finding.
      if (!crossing || crossing === first) continue;
      ctx.report({
        messageId: "cumulDepasse",
        at: crossing.proposition!,
        related: [first.disponible, ...lines.filter((l) => l !== crossing).map((l) => l.proposition)],
        actual: money(total),
        expected: money(disponible),
        data: {
          code: first.code,
          cp: money(first.cents("cp")!),
          first: text(qualified(first.sheet, first.disponible!.address)),
          excess: money(total - disponible),
        },
        table: crossing.tableId,
      });
    }
  },
};
