/*
 * Issue 12: which formula cells Excel recalculates after an edit, for the re-check to read them in
 * the same sync. Expected cells are read off the formulas by hand.
 */
import { MAX_RECALCULATED_CELLS, recalculatedRanges } from "../../src/core/dependents";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/core/model";

/** A sheet from A1 whose cells are constants or formulas (the value of a formula does not matter here). */
function sheet(name: string, rows: CellValue[][], extra: Partial<SheetSnapshot> = {}): SheetSnapshot {
  return { name, origin: { row: 0, column: 0 }, values: rows.map((r) => r.map((v) => (typeof v === "string" && v.startsWith("=") ? 0 : v))), formulas: rows, ...extra };
}

const where = (r: ReturnType<typeof recalculatedRanges>) => r?.map((x) => `${x.sheet}!${x.range}`);

describe("recalculatedRanges", () => {
  it("follows references across sheets and through other formulas, case-blind, quoted names included", () => {
    const wb: WorkbookSnapshot = {
      sheets: [
        sheet("Rapport", [["CP", "Disponible", "Proposition", "Solde"], [43056, 31000, 7000, "=B2-C2"], [10000, 10000, 9380, "=B3-C3"]]),
        // `l'an 2023!` needs quotes, the `''` inside and the `!` in the name must not cut it.
        sheet("l'an 2023!", [["=rapport!C2"], ["=A1*2"], ["=Rapport!D3"]]),
        sheet("Synthèse", [["='l''an 2023!'!A2"], ["=SUM(Rapport!C:C)"], ["=1+1"]]),
      ],
    };
    expect(where(recalculatedRanges(wb, [{ sheet: "Rapport", range: "C2" }]))).toEqual([
      "Rapport!D2",
      "l'an 2023!!A1:A2",
      "Synthèse!A1:A2",
    ]);
    // D3 changed itself: it is read as the edited range, not again; its dependent is.
    expect(where(recalculatedRanges(wb, [{ sheet: "Rapport", range: "C3:D3" }]))).toEqual(["l'an 2023!!A3", "Synthèse!A2"]);
    expect(where(recalculatedRanges(wb, [{ sheet: "Synthèse", range: "A3" }]))).toEqual([]);
  });

  it("takes what it cannot follow as depending on every change: volatile functions, names, unknown tables", () => {
    const wb: WorkbookSnapshot = {
      sheets: [
        sheet("Données", [[1], [2], [3]], { listObjects: [{ name: "Lignes", range: "A1:A3" }] }),
        sheet("Calculs", [["=INDIRECT(\"Données!A1\")"], ["=SUM(Propositions)"], ["=SUM(Lignes[Montant])"], ["=SUM(Autre[Montant])"], ["=IF(TRUE,1,2)"], ["=C9"]]),
      ],
    };
    // A2 of Données feeds the table Lignes (A3 of Calculs); A1, A2 and A4 cannot be told.
    expect(where(recalculatedRanges(wb, [{ sheet: "Données", range: "A2" }]))).toEqual(["Calculs!A1:A4"]);
    // A cell no formula names still recalculates the ones that cannot be told.
    expect(where(recalculatedRanges(wb, [{ sheet: "Calculs", range: "Z99" }]))).toEqual(["Calculs!A1:A2", "Calculs!A4"]);
  });

  it("reads a whole column or row changed, and gives way to a full check on what is no range or too much", () => {
    const wb: WorkbookSnapshot = { sheets: [sheet("Rapport", [[1, "=A1+1", "=B1*2"]])] };
    expect(where(recalculatedRanges(wb, [{ sheet: "Rapport", range: "A:A" }]))).toEqual(["Rapport!B1", "Rapport!C1"]);
    expect(where(recalculatedRanges(wb, [{ sheet: "Rapport", range: "1:1" }]))).toEqual([]);
    expect(recalculatedRanges(wb, [{ sheet: "Rapport", range: "Plan" }])).toBeUndefined();
    // A running balance down a long column: every line below the edit is recalculated.
    const rows: CellValue[][] = [[0]];
    for (let r = 2; r <= MAX_RECALCULATED_CELLS + 2; r++) rows.push([`=A${r - 1}+1`]);
    const ledger: WorkbookSnapshot = { sheets: [sheet("Grand livre", rows)] };
    expect(recalculatedRanges(ledger, [{ sheet: "Grand livre", range: "A1" }])).toBeUndefined();
    expect(where(recalculatedRanges(ledger, [{ sheet: "Grand livre", range: `A${MAX_RECALCULATED_CELLS - 5}` }]))).toEqual([
      `Grand livre!A${MAX_RECALCULATED_CELLS - 4}:A${MAX_RECALCULATED_CELLS + 2}`,
    ]);
  });
});
