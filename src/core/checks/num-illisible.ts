import { count, text } from "../format";
import { numberColumns, runs } from "../tables/columns";
import type { Check } from "./types";

/**
 * NUM-ILLISIBLE: text that is not a number where one is expected (`n/a`, `7 000 euros TTC`). It
 * is left out of every sum, so the user must know rather than have it skipped in silence.
 */
export const numIllisible: Check = {
  id: "NUM-ILLISIBLE",
  severity: "warning",
  family: "NUM",
  scope: "table",
  description: "Text that cannot be read as a number in a column of amounts or percentages; one finding per column run.",
  messages: {
    texteNonNumerique: {
      fr: "Colonne « {{column}} » : « {{actual}} » n'est pas un nombre ({{count}} {{count:cellule|cellules}}, {{range}}) ; {{count:laissée|laissées}} hors des calculs.",
      en: "Column “{{column}}”: “{{actual}}” is not a number ({{count}} {{count:cell|cells}}, {{range}}); left out of the arithmetic.",
    },
  },
  check(ctx) {
    for (const column of numberColumns(ctx.tables)) {
      for (const run of runs(column.cells, (c) => c.reading.kind === "text" || c.reading.kind === "boolean")) {
        const last = run[run.length - 1];
        ctx.report({
          messageId: "texteNonNumerique",
          at: run[0],
          related: run.slice(1),
          actual: text(String(run[0].value)),
          data: { column: column.header, count: count(run.length), range: text(run.length > 1 ? `${run[0].address}:${last.address}` : run[0].address) },
          table: column.table.id,
        });
      }
    }
  },
};
