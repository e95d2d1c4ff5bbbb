/** Formula rewriting over repeated rows, with expected formulas written by hand. */
import { tokenize, untokenize, withFilePrefixes } from "../../../src/core/fill/formulaTokens";
import { Layout, rewriteFormula } from "../../../src/core/fill/layout";

describe("tokenizer", () => {
  it.each([
    "=SUM(E5:E9)+'Rapport 2023'!$E$5-Feuil1!A1",
    `=IF(A1="a""b",#N/A,{1,2;3,4})`,
    "=SUM(5:9)+E:E+Table1[[#Totals],[Montant]]",
    "=1.5E+3*-2%",
  ])("gives %s back", (f) => expect(untokenize(tokenize(f))).toBe(f));

  it("reads quoted sheet names with quotes inside, and ranges", () => {
    const refs = tokenize("='L''été'!B2:C$3").filter((t) => t.t === "ref");
    expect(refs).toHaveLength(1);
    expect(refs[0].t === "ref" && refs[0].ref).toEqual({ sheet: "L'été", start: { column: 1, columnAbs: false, row: 1, rowAbs: false }, end: { column: 2, columnAbs: false, row: 2, rowAbs: true } });
  });

  it("does not take a string's content for a reference", () => {
    expect(tokenize('="E5"&E5').filter((t) => t.t === "ref")).toHaveLength(1);
  });

  it("prefixes functions that need _xlfn. in a file", () => {
    expect(withFilePrefixes("=CONCAT(A1,TEXTJOIN(\",\",TRUE,B1:B3))+SUM(C1)")).toBe('=_xlfn.CONCAT(A1,_xlfn.TEXTJOIN(",",TRUE,B1:B3))+SUM(C1)');
    expect(withFilePrefixes("=_xlfn.IFNA(A1,0)")).toBe("=_xlfn.IFNA(A1,0)");
  });
});

describe("rewriting against one repeated row (row 5, 0-based 4) and a TOTAL below (row 6)", () => {
  const layout = (n: number) => new Layout([{ list: "lignes", first: 4, last: 4, count: n }]);
  const outside = { newSheet: "Rapport X", templateSheet: "Modèle" };

  it.each([
    [0, "=SUM(E5)", "=0"],
    [1, "=SUM(E5)", "=SUM(E5)"],
    [2, "=SUM(E5)", "=SUM(E5:E6)"],
    [5, "=SUM(E5)", "=SUM(E5:E9)"],
    [50, "=SUM(E5)", "=SUM(E5:E54)"],
    [5, "=SUM(E4:E5)", "=SUM(E4:E9)"],
    [5, "=SUM(E5,F6)", "=SUM(E5:E9,F10)"],
    [0, "=SUM(E5,F6)", "=SUM(F5)"],
    [0, "=ROUND(SUM(E5),2)+G6", "=ROUND(0,2)+G5"],
    [5, "=Modèle!E6+'Modèle'!$E$6", "='Rapport X'!E10+'Rapport X'!$E$10"],
    [5, "=Autre!E6", "=Autre!E6"],
    [5, "=E3", "=E3"],
  ])("%i items: %s → %s", (n, formula, expected) => expect(rewriteFormula(formula, layout(n), outside)).toBe(expected));

  it("a formula on the repeated row follows its copy; an absolute row below shifts", () => {
    const l = layout(3);
    const g = l.groups[0];
    expect([0, 1, 2].map((k) => rewriteFormula("=E5-F5", l, { ...outside, group: g, copy: k }))).toEqual(["=E5-F5", "=E6-F6", "=E7-F7"]);
    expect(rewriteFormula("=C5/C$6", l, { ...outside, group: g, copy: 2 })).toBe("=C7/C$8");
  });

  it("a block of two rows between markers: markers removed, rows repeated", () => {
    // Rows 4 `{début}`, 5-6 block, 7 `{fin}`, 8 TOTAL (0-based).
    const l = new Layout([{ list: "lignes", first: 5, last: 6, startMarker: 4, endMarker: 7, count: 3 }]);
    expect(l.finalRow(8)).toBe(4 + 6);
    expect(l.copyRow(l.groups[0], 6, 2)).toBe(4 + 5);
    expect(l.rowOperations()).toEqual([
      { kind: "deleteRows", start: 7, count: 1 },
      { kind: "insertRows", before: 7, count: 4, formatFrom: 5 },
      { kind: "deleteRows", start: 4, count: 1 },
    ]);
  });
});
