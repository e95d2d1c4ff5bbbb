/** BUD-EQUILIBRE on budgets written by test/budget/generator.ts (no src/ import there): fires on the named cell, silent on the clean twin. */
import { run, at, beyondText, serious, spec } from "../../budget/run";
import { budEquilibre } from "../../../src/core/checks/bud-equilibre";
import type { AmountStyle, LabelStyle } from "../../budget/generator";

const LAYOUTS: ["side" | "stacked", LabelStyle, AmountStyle][] = [
  ["side", "dash", "text"],
  ["side", "glued", "number"],
  ["stacked", "trailing", "text-euro"],
  ["stacked", "space", "number"],
];

describe("association budgets: found and read as treasurers write them", () => {
  test.each(LAYOUTS)("%s, labels %s, amounts %s: one budget, no error, no warning", async (layout, labels, amountStyle) => {
    const { result } = await run([spec({ layout, labels, amountStyle, nature: true })]);
    expect(result.tables.filter((t) => t.kind === "budget")).toHaveLength(1);
    // The hierarchy read, not summed twice: no REP-TOTAL, no LIGNE-CALCUL, no BUD finding.
    expect(serious(result)).toEqual([]);
    expect(result.findings.filter((f) => f.rule.startsWith("BUD") || f.rule.startsWith("REP"))).toEqual([]);
  });

  test("group lines as headings (no amount): their lines are their amount", async () => {
    const { result } = await run([spec({ stated: false, nature: true })]);
    expect(serious(result)).toEqual([]);
  });

  test("charges 18 695 € and the Département's 7 000 € among other funders: balanced, no finding at all", async () => {
    const { result } = await run([spec({ amountStyle: "number" })]);
    expect(result.findings).toEqual([]);
  });

  test("removing one funder line makes BUD-EQUILIBRE fire with the exact gap", async () => {
    // Commune(s) : Lens 3 000 € left out; 74 written as the sum of its lines, as a SUM formula keeps it.
    const { result, cells } = await run([spec({ drop: "Commune(s) : Lens", stated: false })]);
    expect(beyondText(result)).toEqual([`BUD-EQUILIBRE ${cells["total:PRODUITS"]}`]);
    const f = result.findings.find((x) => x.rule === "BUD-EQUILIBRE")!;
    expect(f.messageId).toBe("produitsCourts");
    expect(f.actual).toEqual({ kind: "money", cents: 1569500 });
    expect(f.expected).toEqual({ kind: "money", cents: 1869500 });
    expect(f.data.gap).toEqual({ kind: "money", cents: 300000 });
  });
});

describe("BUD-EQUILIBRE", () => {
  test("says which side is short and the group that does not add up", async () => {
    const s = spec({ layout: "stacked" });
    // 61 typed 1 400 € over lines of 1 500 €: the charges total (typed from the groups) is 18 595 €.
    s.charges.groups[1].line.cents = 140000;
    const { result, cells } = await run([s], [], [budEquilibre]);
    expect(at(result)).toEqual([`BUD-EQUILIBRE ${cells["total:PRODUITS"]}`]);
    expect(result.findings[0].messageId).toBe("chargesCourtesGroupe");
    expect(result.findings[0].data.gap).toEqual({ kind: "money", cents: 10000 });
  });
});
