import { cents } from "../amounts";
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
      const disponible = cents(first.disponible);
      if (disponible === undefined) continue;
      let total = 0;
      let crossing: (typeof lines)[number] | undefined;
      for (const line of lines) {
        total += cents(line.proposition) ?? 0;
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
          cp: money(cents(first.cp)!),
          first: text(qualified(first.sheet, first.disponible!.address)),
          excess: money(total - disponible),
        },
        table: crossing.tableId,
      });
    }
  },
};
