import { termCell, termCents } from "../conventions";
import { money } from "../format";
import type { Check } from "./types";

/**
 * CONV-PLAFOND: the subsidy may not exceed its cap. Group caps (APES 2023: 24 000 € for axes 1–3)
 * are not guessed: only a `Plafond` term of the same convention is compared.
 */
export const convPlafond: Check = {
  id: "CONV-PLAFOND",
  severity: "error",
  family: "CONV",
  scope: "table",
  description: "The subsidy must not exceed the convention's cap (plafond).",
  messages: {
    plafondDepasse: {
      fr: "La subvention {{actual}} dépasse le plafond de {{expected}} de {{excess}}.",
      en: "The subsidy {{actual}} exceeds the cap of {{expected}} by {{excess}}.",
    },
  },
  check(ctx) {
    for (const c of ctx.tables.convention) {
      const subvention = termCents(c, "subvention");
      const plafond = termCents(c, "plafond");
      if (subvention === undefined || plafond === undefined || subvention <= plafond) continue;
      ctx.report({
        messageId: "plafondDepasse",
        at: termCell(c, "subvention")!,
        related: [termCell(c, "plafond")],
        actual: money(subvention),
        expected: money(plafond),
        data: { excess: money(subvention - plafond) },
        table: c.id,
      });
    }
  },
};
