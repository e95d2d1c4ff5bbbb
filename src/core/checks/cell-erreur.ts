import { text } from "../format";
import { numberColumns } from "../tables/columns";
import type { Check } from "./types";

/** CELL-ERREUR: `#REF!`, `#DIV/0!`… where a number is expected: every sum using it is broken. */
export const cellErreur: Check = {
  id: "CELL-ERREUR",
  severity: "error",
  family: "CELL",
  scope: "table",
  description: "An Excel error value where a number is expected.",
  help: {
    fr: {
      checks: "Une valeur d'erreur d'Excel (#REF!, #DIV/0!, #VALUE!…) dans une colonne où un nombre est attendu : montant, CP, pourcentage.",
      why: "Toute somme ou tout calcul qui utilise cette cellule est en erreur lui aussi, jusqu'au total du tableau.",
      fix: "Ouvrez la formule de la cellule et corrigez la référence ou la division qui échoue (ligne supprimée, division par zéro), ou saisissez le montant.",
      example: "Une Proposition calculée =C5/D5 avec D5 vide affiche #DIV/0! : le TOTAL des propositions 7 000 + 9 380 + #DIV/0! affiche #DIV/0! à son tour, et le solde de la ligne n'est pas contrôlé.",
    },
    en: {
      checks: "An Excel error value (#REF!, #DIV/0!, #VALUE!…) in a column where a number is expected: an amount, a CP, a percentage.",
      why: "Every sum or calculation that uses this cell is broken too, up to the table's total.",
      fix: "Open the cell's formula and fix the reference or the division that fails (a deleted row, a division by zero), or type the amount.",
      example: "A Proposition computed as =C5/D5 with D5 empty shows #DIV/0!: the TOTAL of the proposals 7,000 + 9,380 + #DIV/0! shows #DIV/0! in turn, and the line's balance is not checked.",
    },
  },
  messages: {
    erreurExcel: {
      fr: "Erreur Excel {{actual}} dans la colonne « {{column}} », où un nombre est attendu.",
      en: "Excel error {{actual}} in column “{{column}}”, where a number is expected.",
    },
  },
  check(ctx) {
    for (const column of numberColumns(ctx.tables)) {
      // An error is no plain amount: only the column's unusual cells are looked at.
      const unusual = column.unusual();
      for (let k = 0; k < unusual.length; k++) {
        const i = unusual[k];
        if (column.kind(i) !== "error") continue;
        const cell = column.cell(i);
        const r = cell.reading;
        if (r.kind !== "error") continue;
        ctx.report({ messageId: "erreurExcel", at: cell, actual: text(r.text), data: { column: column.header }, table: column.table.id });
      }
    }
  },
};
