/** BUD-NATURE on budgets written by test/budget/generator.ts (no src/ import there): fires on the named cell, silent on the clean twin. */
import { run, at, spec } from "../../budget/run";
import { budNature } from "../../../src/core/checks/bud-nature";

describe("BUD-NATURE", () => {
  test("86 Emplois 2 500 € against 87 Contributions 2 000 €", async () => {
    const s = spec({ nature: true });
    s.produits.nature!.groups[0].details[1].cents = 0; // 871 – Prestations en nature left at 0
    const { result, cells } = await run([s], [], [budNature]);
    expect(at(result)).toEqual([`BUD-NATURE ${cells["nature:PRODUITS"]}`]);
    expect(result.findings[0].data.gap).toEqual({ kind: "money", cents: 50000 });
  });

  test("silent when both sides carry 2 500 €", async () => {
    const { result } = await run([spec({ nature: true, layout: "stacked" })], [], [budNature]);
    expect(result.findings).toEqual([]);
  });
});
