/** BUD-GROUPE on budgets written by test/budget/generator.ts (no src/ import there): fires on the named cell, silent on the clean twin. */
import { run, at, spec } from "../../budget/run";
import { budEquilibre } from "../../../src/core/checks/bud-equilibre";
import { budGroupe } from "../../../src/core/checks/bud-groupe";

describe("BUD-GROUPE", () => {
  test("a group line whose funders do not add up, the TOTAL over the groups being right", async () => {
    const s = spec();
    // 74 typed 15 500 € where its funders make 15 000 €.
    s.produits.groups[1].line.cents = 1550000;
    const { result, cells } = await run([s], [], [budGroupe]);
    expect(at(result)).toEqual([`BUD-GROUPE ${cells["group:74 – Subventions d'exploitation"]}`]);
    expect(result.findings[0].expected).toEqual({ kind: "money", cents: 1500000 });
  });

  test("a TOTAL DES CHARGES typed 18 595 € over groups of 18 695 €", async () => {
    const s = spec({ labels: "glued" });
    s.charges.totalCents = 1859500;
    const { result, cells } = await run([s], [], [budGroupe, budEquilibre]);
    // BUD-EQUILIBRE stays silent: the lines balance, the TOTAL is what is wrong.
    expect(at(result)).toEqual([`BUD-GROUPE ${cells["total:CHARGES"]}`]);
    expect(result.findings[0].messageId).toBe("totalGroupes");
    expect(result.findings[0].fix?.formula).toMatch(/^=SUM\(/);
  });
});
