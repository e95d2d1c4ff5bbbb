import { amountIssue, type AmountIssue } from "../amounts";
import { count, figure, money, percent, text } from "../format";
import type { Quantity } from "../findings";
import type { GridCell } from "../grid";
import { MAX_EXACT_CENTS, serialToIsoDate } from "../numbers";
import { indexRuns, numberColumns, runs } from "../tables/columns";
import { SETTINGS_SHEET } from "../model";
import type { Check, CheckContext } from "./types";

/** The messageId of each kind of number that is not an amount. */
const ISSUE_MESSAGES: Record<AmountIssue, string> = { tooLarge: "montantTropGrand", date: "dateMontant", percent: "pourcentMontant" };

/** The cell's content as the user typed or sees it, for the message. */
function shown(cell: GridCell): Quantity {
  const r = cell.reading;
  if (r.kind === "number" && !r.fromText) return r.percent ? percent(r.value * 100, r.shownDecimals) : figure(r.value, Math.min(r.shownDecimals, 2));
  return text(String(cell.value));
}

/**
 * Formulas the file stores with no result that src/core/evaluate.ts could not compute: one
 * finding per run of such cells down a column, wherever they are (a table whose every amount is
 * such a formula is not even found: it must still be said).
 */
function reportUncomputed(ctx: CheckContext): void {
  for (const grid of ctx.grids) {
    if (grid.name === SETTINGS_SHEET) continue;
    const byColumn = new Map<number, GridCell[]>();
    for (const cell of grid.uncomputedCells()) {
      const column = byColumn.get(cell.column);
      if (column) column.push(cell);
      else byColumn.set(cell.column, [cell]);
    }
    for (const cells of byColumn.values()) {
      for (const run of runs(cells, () => true)) {
        const first = run[0];
        const last = run[run.length - 1];
        const table = ctx.tables.all.find(
          (t) => t.sheet === grid.name && t.range.start.row <= first.row && first.row <= t.range.end.row && t.range.start.column <= first.column && first.column <= t.range.end.column,
        );
        ctx.report({
          messageId: "formuleNonCalculee",
          at: first,
          related: run.slice(1),
          data: { formula: text(first.formula ?? ""), count: count(run.length), range: text(run.length > 1 ? `${first.address}:${last.address}` : first.address) },
          table: table?.id,
        });
      }
    }
  }
}

/**
 * NUM-ILLISIBLE: text that is not a number where one is expected (`n/a`, `7 000 euros TTC`), and
 * numbers in an amount column that are not amounts: a date, a percentage, an amount beyond what
 * cents hold exactly. Each is left out of every sum, so the user must know rather than have it
 * skipped in silence (or read 45 292 € for 1 January 2024, 80 € for 80 %).
 */
export const numIllisible: Check = {
  id: "NUM-ILLISIBLE",
  severity: "warning",
  family: "NUM",
  scope: "table",
  description: "Text that cannot be read as a number in a column of amounts or percentages, or a date, a percentage or a figure too large to count in cents in a column of amounts.",
  help: {
    fr: {
      checks: "Dans une colonne de montants ou de pourcentages, un texte qui ne se lit pas comme un nombre (« n/a », « 7 000 euros TTC ») ; dans une colonne de montants, une date, un pourcentage ou un montant trop grand pour être compté au centime ; partout, une formule dont le fichier n'a pas enregistré le résultat et que Pointage ne sait pas calculer.",
      why: "Ces cellules sont laissées hors des calculs : une erreur qui s'y trouve passerait inaperçue, et une date lue comme un montant ferait 45 292 € du 1er janvier 2024.",
      fix: "Saisissez un vrai nombre, remettez un format Nombre ou Monétaire à la place d'un format Date ou Pourcentage ; pour une formule sans résultat, ouvrez et enregistrez le classeur dans Excel ou LibreOffice.",
      example: "Sous « Montant », une cellule « 7 000 euros TTC » est laissée hors des calculs : écrite 7 000, elle serait lue et contrôlée.",
    },
    en: {
      checks: "In a column of amounts or percentages, text that does not read as a number (“n/a”, “7 000 euros TTC”); in a column of amounts, a date, a percentage or an amount too large to count to the cent; anywhere, a formula whose result the file does not store and that Pointage cannot compute.",
      why: "These cells are left out of the arithmetic: a mistake in them would go unnoticed, and a date read as an amount would turn 1 January 2024 into €45,292.",
      fix: "Type a real number, put back a Number or Currency format instead of a Date or Percentage format; for a formula with no result, open and save the workbook in Excel or LibreOffice.",
      example: "Under “Montant”, a cell “7 000 euros TTC” is left out of the arithmetic: typed as 7000, it would be read and checked.",
    },
  },
  messages: {
    texteNonNumerique: {
      fr: "Colonne « {{column}} » : « {{actual}} » n'est pas un nombre ({{count}} {{count:cellule|cellules}}, {{range}}) ; {{count:laissée|laissées}} hors des calculs.",
      en: "Column “{{column}}”: “{{actual}}” is not a number ({{count}} {{count:cell|cells}}, {{range}}); left out of the arithmetic.",
    },
    montantTropGrand: {
      fr: "Colonne « {{column}} » : le montant {{actual}} dépasse ce qui se compte exactement au centime ({{limit}}) ; laissé hors des calculs, sa ligne n'est pas contrôlée.",
      en: "Column “{{column}}”: amount {{actual}} is beyond what can be counted exactly to the cent ({{limit}}); left out of the arithmetic, its line is not checked.",
    },
    dateMontant: {
      fr: "Colonne « {{column}} » : la cellule est une date ({{date}}, format {{format}}), pas un montant ; laissée hors des calculs.",
      en: "Column “{{column}}”: the cell is a date ({{date}}, format {{format}}), not an amount; left out of the arithmetic.",
    },
    formuleNonCalculee: {
      fr: "La formule {{formula}} n'a pas de résultat enregistré dans le fichier et Pointage ne sait pas la calculer ({{count}} {{count:cellule|cellules}}, {{range}}) : {{count:non contrôlée|non contrôlées}}. Ouvrez et enregistrez le classeur dans Excel ou LibreOffice pour que les résultats soient enregistrés.",
      en: "Formula {{formula}} has no result stored in the file and Pointage cannot compute it ({{count}} {{count:cell|cells}}, {{range}}): not checked. Open and save the workbook in Excel or LibreOffice so that the results are stored.",
    },
    pourcentMontant: {
      fr: "Colonne « {{column}} » : {{actual}} est un pourcentage, pas un montant ; laissé hors des calculs.",
      en: "Column “{{column}}”: {{actual}} is a percentage, not an amount; left out of the arithmetic.",
    },
  },
  check(ctx) {
    reportUncomputed(ctx);
    for (const column of numberColumns(ctx.tables)) {
      // Words, dates and percentages are no plain amounts: only the column's unusual cells are looked at.
      const unusual = column.unusual();
      const words = indexRuns(
        column,
        (i) => {
          const kind = column.kind(i);
          return kind === "text" || kind === "boolean";
        },
        unusual,
      );
      for (const run of words.map((r) => r.map((i) => column.cell(i)))) {
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
      if (column.unit !== "money") continue;
      for (let k = 0; k < unusual.length; k++) {
        const i = unusual[k];
        // A number that is not an amount is one whose cents are not read: the rest need no cell.
        if (column.kind(i) !== "number" || column.cents(i) !== undefined) continue;
        const cell = column.cell(i);
        const issue = amountIssue(cell);
        if (!issue) continue;
        const data: Record<string, ReturnType<typeof text>> = { column: text(column.header) };
        if (issue === "tooLarge") data.limit = money(MAX_EXACT_CENTS);
        if (issue === "date") {
          data.date = text(serialToIsoDate(Number(cell.value)) ?? String(cell.value));
          data.format = text(cell.numberFormat);
        }
        ctx.report({ messageId: ISSUE_MESSAGES[issue], at: cell, actual: shown(cell), data, table: column.table.id });
      }
    }
  },
};
