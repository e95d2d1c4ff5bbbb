/** BUD-CENTIMES on budgets written by test/budget/generator.ts (no src/ import there): fires on the named cell, silent on the clean twin. */
import { run, beyondText, spec } from "../../budget/run";

describe("BUD-CENTIMES", () => {
  test("one amount with cents in the form: one info on it", async () => {
    const s = spec();
    // Locations 1 000,50 € and Assurance 499,50 €: 61 still 1 500 €, the budget still balanced.
    s.charges.groups[1].details[0].cents = 100050;
    s.charges.groups[1].details[1].cents = 49950;
    const { result, cells } = await run([s]);
    expect(beyondText(result)).toEqual([`BUD-CENTIMES ${cells["line:Locations"]}`]);
    expect(result.findings.find((x) => x.rule === "BUD-CENTIMES")!.severity).toBe("info");
  });
});
