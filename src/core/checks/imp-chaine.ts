import { cents } from "../amounts";
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
        const disponible = cents(line.disponible);
        const stated = cents(previous.solde);
        const prevDisponible = cents(previous.disponible);
        const prevProposition = cents(previous.proposition);
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
