import { money, text } from "../format";
import { qualified } from "../address";
import { linesByOperationAndCp } from "../tables/operations";
import type { Check } from "./types";

/** IMP-CHAINE: the next report on a line starts from the solde the previous one left. */
export const impChaine: Check = {
  id: "IMP-CHAINE",
  severity: "warning",
  family: "IMP",
  scope: "workbook",
  description: "For consecutive lines with the same code and CP, Disponible must equal the previous Solde.",
  help: {
    fr: {
      checks: "Pour des lignes successives d'une même opération (même code, mêmes CP) dans le classeur, que le Disponible de chaque ligne reprenne le Solde de la précédente (ou Disponible − Proposition quand ce solde est vide).",
      why: "Chaque rapport part de ce que le précédent a laissé : si la chaîne se rompt, une proposition déjà engagée a été oubliée ou comptée deux fois.",
      fix: "Reportez dans le Disponible le Solde de la ligne précédente de l'opération, ou vérifiez l'ordre des feuilles et des rapports.",
      example: "Premier rapport : Disponible 31 000, Proposition 7 000, Solde 24 000. Le rapport suivant sur la même opération doit partir d'un Disponible de 24 000, pas de 31 000.",
    },
    en: {
      checks: "For consecutive lines of one operation (same code, same CP) in the workbook, that each line's Disponible (available) carries over the previous line's Solde (balance), or Disponible − Proposition when that balance is empty.",
      why: "Each report starts from what the previous one left: when the chain breaks, a proposal already committed was forgotten or counted twice.",
      fix: "Carry the operation's previous Solde into the Disponible, or check the order of the sheets and reports.",
      example: "First report: Disponible 31,000, Proposition 7,000, Solde 24,000. The next report on the same operation must start from a Disponible of 24,000, not 31,000.",
    },
  },
  messages: {
    chaineRompue: {
      fr: "Le disponible {{actual}} ne reprend pas le solde {{expected}} de la ligne précédente de l'opération {{code}} ({{previous}}).",
      en: "Disponible {{actual}} does not carry over the Solde {{expected}} of the previous line of operation {{code}} ({{previous}}).",
    },
  },
  check(ctx) {
    for (const lines of linesByOperationAndCp(ctx.tables)) {
      for (let i = 1; i < lines.length; i++) {
        const previous = lines[i - 1];
        const line = lines[i];
        const disponible = line.cents("disponible");
        const stated = previous.cents("solde");
        const prevDisponible = previous.cents("disponible");
        const prevProposition = previous.cents("proposition");
        // The previous solde as stated, or as it should be when the cell is empty.
        const solde = stated ?? (prevDisponible !== undefined && prevProposition !== undefined ? prevDisponible - prevProposition : undefined);
        if (disponible === undefined || solde === undefined || disponible === solde) continue;
        const previousCell = previous.solde?.reading.kind === "number" ? previous.solde : previous.disponible!;
        ctx.report({
          messageId: "chaineRompue",
          at: line.disponible!,
          related: [previousCell],
          actual: money(disponible),
          expected: money(solde),
          data: { code: line.code, previous: text(qualified(previous.sheet, previousCell.address)) },
          table: line.tableId,
        });
      }
    }
  },
};
