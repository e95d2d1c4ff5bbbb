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
      example: "La Proposition affiche #REF! parce que la ligne à laquelle elle renvoyait a été supprimée : le TOTAL de la colonne affiche #REF! à son tour.",
    },
    en: {
      checks: "An Excel error value (#REF!, #DIV/0!, #VALUE!…) in a column where a number is expected: an amount, a CP, a percentage.",
      why: "Every sum or calculation that uses this cell is broken too, up to the table's total.",
      fix: "Open the cell's formula and fix the reference or the division that fails (a deleted row, a division by zero), or type the amount.",
      example: "The Proposition shows #REF! because the row it pointed to was deleted: the column's TOTAL shows #REF! in turn.",
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
      for (const cell of column.cells) {
        if (cell.reading.kind !== "error") continue;
        ctx.report({ messageId: "erreurExcel", at: cell, actual: text(cell.reading.text), data: { column: column.header }, table: column.table.id });
      }
    }
  },
};
