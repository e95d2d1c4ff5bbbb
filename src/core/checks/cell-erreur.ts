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
