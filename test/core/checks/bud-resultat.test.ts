/** BUD-RESULTAT on budgets written by test/budget/generator.ts (no src/ import there): fires on the named cell, silent on the clean twin. */
import { run, at } from "../../budget/run";
import { budGroupe } from "../../../src/core/checks/bud-groupe";
import { budResultat } from "../../../src/core/checks/bud-resultat";
import type { BudgetSpec } from "../../budget/generator";

describe("BUD-RESULTAT (two-sided budgets that are not the cerfa form)", () => {
  const event = (recettes: number[], depenses: number[]): BudgetSpec => ({
    sheet: "Tournoi",
    title: "Budget du tournoi",
    layout: "side",
    amountStyle: "number",
    charges: { header: "Dépenses", total: "Total dépenses", groups: [{ line: { label: "" }, stated: false, details: [] }].slice(0, 0).concat(depenses.map((d, i) => ({ line: { label: `Dépense ${i + 1}`, cents: d }, stated: true, details: [] }))) },
    produits: { header: "Recettes", total: "Total recettes", groups: recettes.map((r, i) => ({ line: { label: `Recette ${i + 1}`, cents: r }, stated: true, details: [] })) },
  });

  test("recettes 1 400 €, dépenses 1 428 €: budget en déficit de 28 €, an info", async () => {
    const { result, cells } = await run([event([140000], [48000, 25000, 22000, 12800, 25000, 10000])]);
    expect(at(result)).toEqual([`BUD-RESULTAT ${cells["total:Recettes"]}`]);
    expect(result.findings[0].severity).toBe("info");
    expect(result.findings[0].data.gap).toEqual({ kind: "money", cents: 2800 });
    expect(result.findings[0].message).toContain("déficit");
  });

  test("balanced: silent; a wrong Total dépenses is BUD-GROUPE's", async () => {
    const balanced = await run([event([100000, 42800], [48000, 25000, 22000, 12800, 25000, 10000])], [], [budResultat]);
    expect(balanced.result.findings).toEqual([]);
    const s = event([142800], [48000, 25000, 22000, 12800, 25000, 10000]);
    s.charges.totalCents = 142000;
    const wrong = await run([s], [], [budGroupe]);
    expect(at(wrong.result)).toEqual([`BUD-GROUPE ${wrong.cells["total:Dépenses"]}`]);
    expect(wrong.result.findings[0].messageId).toBe("totalLignes");
  });
});
