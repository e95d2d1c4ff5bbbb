/**
 * One workbook of several files (core/seance.ts): sheet references of formulas follow their
 * file's sheets, text in quotes and other workbooks are left alone, settings keep to their file.
 */
import { checkWorkbook } from "../../src/core/engine";
import { evaluateUncachedFormulas } from "../../src/core/evaluate";
import type { SheetSnapshot } from "../../src/core/model";
import { mergeSeance, renameSheetReferences } from "../../src/core/seance";

const renamed = new Map([
  ["Rapport", "a.xlsx › Rapport"],
  ["Annexe 1", "a.xlsx › Annexe 1"],
  ["l'an", "a.xlsx › l'an"],
  ["Bilan l'an 1 !", "a.xlsx › Bilan l'an 1 !"],
]);

describe("renameSheetReferences", () => {
  test.each([
    ["=Rapport!D4", "='a.xlsx › Rapport'!D4"],
    ["=SUM(Rapport!$D$4:D9)+'Annexe 1'!B2", "=SUM('a.xlsx › Rapport'!$D$4:D9)+'a.xlsx › Annexe 1'!B2"],
    ["='l''an'!A1*2", "='a.xlsx › l''an'!A1*2"],
    // A name holding both `'` and `!`: the quotes, not the first `!`, say where it ends.
    ["=SUM('Bilan l''an 1 !'!B2:B9)/'l''an'!C3", "=SUM('a.xlsx › Bilan l''an 1 !'!B2:B9)/'a.xlsx › l''an'!C3"],
    // A sheet-scoped name is renamed with its sheet; a `!` in a structured reference is not a sheet's.
    ["=Rapport!Taux*Tableau1[Montant!]", "='a.xlsx › Rapport'!Taux*Tableau1[Montant!]"],
    // Text, another workbook, a sheet of no file of the séance, a cell of the formula's own sheet: unchanged.
    ['="Rapport!D4"&Rapport!A1', '="Rapport!D4"&\'a.xlsx › Rapport\'!A1'],
    ["=[1]Rapport!A1+'[2]Annexe 1'!B2", "=[1]Rapport!A1+'[2]Annexe 1'!B2"],
    ["=Autre!A1+D4", "=Autre!A1+D4"],
    // A name that only starts like a sheet (`Rapports`), and one in a function name's place.
    ["=Rapports!A1+RAPPORT(1)", "=Rapports!A1+RAPPORT(1)"],
  ])("%s", (formula, expected) => {
    expect(renameSheetReferences(formula, renamed)).toBe(expected);
  });
});

function sheet(name: string, values: (string | number)[][], formulas?: (string | number)[][]): SheetSnapshot {
  return { name, origin: { row: 0, column: 0 }, values, ...(formulas ? { formulas } : {}) };
}

describe("mergeSeance", () => {
  test("a formula with no cached result is computed from its own file's sheet of that name", () => {
    // Both files have an « Annexe »; each Rapport!A1 = Annexe!A1 × 2 with no result stored.
    const file = (n: number) => ({
      file: `f${n}.xlsx`,
      snapshot: { sheets: [sheet("Rapport", [[""]], [["=Annexe!A1*2"]]), sheet("Annexe", [[n * 100]])] },
    });
    const merged = mergeSeance([file(1), file(2)]);
    expect(merged.sheets.map((s) => s.name)).toEqual(["f1.xlsx › Rapport", "f1.xlsx › Annexe", "f2.xlsx › Rapport", "f2.xlsx › Annexe"]);
    const evaluated = evaluateUncachedFormulas(merged).snapshot;
    expect(evaluated.sheets[0].values[0][0]).toBe(200);
    expect(evaluated.sheets[2].values[0][0]).toBe(400);
  });

  test("each file's ignored findings keep to its own sheets; header mappings add up; one settings sheet", () => {
    const header = ["Code Opération", "CP", "Disponible", "Proposition", "Solde"];
    // Solde wrong by 1 € in both files, at E2; only the first file ignores it.
    const table = [header, ["C01-001A01", 1000, 1000, 400, 601]];
    const settingsOf = (rows: string[][]) => sheet("_pointage", rows);
    const merged = mergeSeance([
      { file: "a.xlsx", snapshot: { sheets: [sheet("Rapport", table), settingsOf([["ignore", "IMP-SOLDE", "Rapport", "E2"]])] } },
      { file: "b.xlsx", snapshot: { sheets: [sheet("Rapport", table), settingsOf([["header", "Reste", "solde"]])] } },
    ]);
    expect(merged.sheets.filter((s) => s.name === "_pointage")).toHaveLength(1);
    const result = checkWorkbook(merged);
    expect(result.settings.headerMap).toEqual({ Reste: "solde" });
    expect(result.findings.filter((f) => f.rule === "IMP-SOLDE").map((f) => [f.sheet, f.cell])).toEqual([["b.xlsx › Rapport", "E2"]]);
    expect(result.ignoredByRule).toEqual({ "IMP-SOLDE": 1 });
    expect(result.sheetsRead).toBe(2);
  });
});
