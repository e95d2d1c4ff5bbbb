/** BUD-GROUPE on budgets written by test/budget/generator.ts (no src/ import there): fires on the named cell, silent on the clean twin. */
import { run, at, serious, spec } from "../../budget/run";
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

/** The budget with the Département's 7 000 € written on two levels: `Département(s)`, then its funder under it. */
function twoLevels(under: { label: string; euros: number }[], options: Parameters<typeof spec>[0] = {}) {
  const s = spec({ amountStyle: "number", ...options });
  const funders = s.produits.groups[1].details;
  const d = funders.find((f) => f.label === "Département(s) : Pas-de-Calais")!;
  d.label = "Département(s)";
  d.under = under.map((u) => ({ label: u.label, cents: u.euros * 100 }));
  return s;
}

describe("BUD-GROUPE: a funder written on two levels", () => {
  test.each([
    ["74 stated, Pas-de-Calais under Département(s)", { label: "Pas-de-Calais", euros: 7000 }, true],
    ["74 as a heading, Pas-de-Calais under Département(s)", { label: "Pas-de-Calais", euros: 7000 }, false],
    ["the line under written after a dash", { label: "- Pas-de-Calais", euros: 7000 }, true],
    ["the line under indented with spaces", { label: "    Conseil départemental du Pas-de-Calais", euros: 7000 }, true],
  ])("%s: the 7 000 € counted once, no error, no warning", async (_name, under, stated) => {
    const { result } = await run([twoLevels([under], { stated, nature: true })]);
    expect(serious(result)).toEqual([]);
  });

  test("the lines indented under Département(s) make 6 000 € of its 7 000 €: fires on the Département(s) line", async () => {
    const s = twoLevels([
      { label: "- Pas-de-Calais", euros: 4000 },
      { label: "- Nord", euros: 2000 },
    ]);
    const { result, cells } = await run([s], [], [budGroupe, budEquilibre]);
    expect(at(result)).toEqual([`BUD-GROUPE ${cells["line:Département(s)"]}`]);
    const f = result.findings[0];
    expect(f.messageId).toBe("financeurFaux");
    expect(f.actual).toEqual({ kind: "money", cents: 700000 });
    expect(f.expected).toEqual({ kind: "money", cents: 600000 });
    // The two lines under it, B-column rows right below the Département(s) line.
    const row = Number(cells["line:Département(s)"].replace(/^.*![A-Z]+/, ""));
    expect(f.fix?.formula).toBe(`=SUM(D${row + 1}:D${row + 2})`);
  });

  test("a line under a funder, not indented, that does not add up to it: a funder of its own (74 adds up with it)", async () => {
    const s = spec({ amountStyle: "number" });
    // État : DRAJES 2 000 €, then FONJEP 1 000 € as the next funder; 74 is the sum of the five (16 000 €).
    s.produits.groups[1].details.splice(1, 0, { label: "FONJEP", cents: 100000 });
    s.charges.groups[0].details.push({ label: "Autres fournitures", cents: 100000 });
    const { result } = await run([s]);
    expect(serious(result)).toEqual([]);
  });

  test("a line under a funder with the same amount while 74 adds up with it: a funder of its own, not a part", async () => {
    const s = spec({ amountStyle: "number" });
    // État : DRAJES 2 000 €, then Fondation de France 2 000 €; 74 = 17 000 €, the charges 2 000 € more.
    s.produits.groups[1].details.splice(1, 0, { label: "Fondation de France", cents: 200000 });
    s.charges.groups[0].details.push({ label: "Autres fournitures", cents: 200000 });
    const { result } = await run([s], [], [budGroupe, budEquilibre]);
    expect(result.findings).toEqual([]);
  });

  test("read flat (before two levels were read), the same budget made BUD-GROUPE fire: the 7 000 € is not added twice", async () => {
    // The group line states 15 000 €; its lines read flat would make 22 000 €. The finding stays away
    // only if Pas-de-Calais is read as a part of Département(s).
    const { result } = await run([twoLevels([{ label: "Pas-de-Calais", euros: 7000 }])], [], [budGroupe, budEquilibre]);
    expect(result.findings).toEqual([]);
  });
});

describe("BUD-GROUPE: Sous-total lines inside a side", () => {
  const withSubtotals = (labels: [string, string], typed?: number) => {
    const s = spec({ amountStyle: "number", nature: true });
    // 60 Achats 2 000 € + 61 Services extérieurs 1 500 € = 3 500 €; 62 3 195 € + 64 12 000 € = 15 195 €.
    s.charges.subtotals = [
      { after: 1, label: labels[0], cents: typed },
      { after: 3, label: labels[1] },
    ];
    return s;
  };

  test.each([
    ["Sous-total achats et services", "Sous-total personnel"],
    ["S/Total 60-61", "S/Total 62-64"],
    ["Total charges de fonctionnement", "Total charges de personnel"],
  ])("%s, %s: read as partial sums, not addends: no error, no warning", async (a, b) => {
    const { result } = await run([withSubtotals([a, b])]);
    expect(result.tables.filter((t) => t.kind === "budget")).toHaveLength(1);
    expect(serious(result)).toEqual([]);
  });

  test("a Sous-total typed 3 600 € over 60 and 61 (3 500 €): fires on it, the TOTAL staying right", async () => {
    const { result, cells } = await run([withSubtotals(["Sous-total achats et services", "Sous-total personnel"], 360000)], [], [budGroupe, budEquilibre]);
    expect(at(result)).toEqual([`BUD-GROUPE ${cells["subtotal:Sous-total achats et services"]}`]);
    const f = result.findings[0];
    expect(f.messageId).toBe("sousTotalFaux");
    expect(f.expected).toEqual({ kind: "money", cents: 350000 });
    expect(f.data.gap).toEqual({ kind: "money", cents: 10000 });
  });
});
