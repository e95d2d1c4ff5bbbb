/** BUD-SUBVENTION on budgets written by test/budget/generator.ts (no src/ import there): fires on the named cell, silent on the clean twin. */
import { run, at, serious, spec, convention } from "../../budget/run";
import { budSubvention } from "../../../src/core/checks/bud-subvention";

describe("BUD-SUBVENTION", () => {
  test("the Département asked 7 500 € where the convention grants 7 000 €", async () => {
    const s = spec();
    s.produits.groups[1].details[2].cents = 750000; // Département
    s.produits.groups[1].details[3].cents = 250000; // Commune, keeping the balance
    const { result, cells } = await run([s], convention("7 000,00 €"), [budSubvention]);
    expect(at(result)).toEqual([`BUD-SUBVENTION ${cells["line:Département(s) : Pas-de-Calais"]}`]);
    expect(result.findings[0].expected).toEqual({ kind: "money", cents: 700000 });
  });

  test("silent when the convention grants the 7 000 € asked", async () => {
    const { result } = await run([spec()], convention("7 000,00 €"));
    expect(serious(result)).toEqual([]);
  });
});
