import { columnLetters, columnNumber, parseAddress, translateFormula } from "../../src/file/formula";

describe("translateFormula (shared formulas)", () => {
  const cases: [string, string, string, string][] = [
    // formula at master, master, target, expected
    ["A1*2", "B1", "B2", "A2*2"],
    ["A1*$C$1+C$1+$C1", "B1", "C3", "B3*$C$1+D$1+$C3"],
    ["SUM(A1:A5)", "B6", "C7", "SUM(B2:B6)"],
    ["Feuil1!A1+'Budget 2024'!B2", "C1", "C2", "Feuil1!A2+'Budget 2024'!B3"],
    ["Données!A1", "B1", "B2", "Données!A2"],
    ['IF(A1="B1",1,0)', "C1", "C2", 'IF(A2="B1",1,0)'],
    ["'Q1 data'!A1", "B1", "C1", "'Q1 data'!B1"],
    ["'It''s A1'!A1", "B1", "B2", "'It''s A1'!A2"],
    ["T1[Q1]+Table1[[#This Row],[B2]]", "B1", "C2", "T1[Q1]+Table1[[#This Row],[B2]]"],
    ["SUM(A:A)+SUM(1:1)", "B1", "C2", "SUM(B:B)+SUM(2:2)"],
    ["SUM($A:$A)", "B1", "C2", "SUM($A:$A)"],
    ["LOG10(A1)+ATAN2(A1,B1)", "C1", "C2", "LOG10(A2)+ATAN2(A2,B2)"],
    ["A1*1E+5+1.5E-3", "B1", "B2", "A2*1E+5+1.5E-3"],
    ["_xlfn.XLOOKUP(A1,B1:B9,C1:C9)", "D1", "D2", "_xlfn.XLOOKUP(A2,B2:B10,C2:C10)"],
    ["{1,2,3}*A1", "B1", "B2", "{1,2,3}*A2"],
    ["A2-A1", "B2", "B1", "A1-#REF!"],
    ["TRUE+FALSE", "B1", "B2", "TRUE+FALSE"],
    ["[1]Feuil1!A1", "B1", "B2", "[1]Feuil1!A2"],
  ];
  test.each(cases)("%s from %s to %s", (formula, from, to, expected) => {
    expect(translateFormula(formula, from, to)).toBe(expected);
  });

  test("the master itself is unchanged", () => {
    expect(translateFormula("A1+B1", "C1", "C1")).toBe("A1+B1");
  });
});

describe("addresses", () => {
  test("column letters and numbers", () => {
    expect(columnNumber("A")).toBe(1);
    expect(columnNumber("Z")).toBe(26);
    expect(columnNumber("AA")).toBe(27);
    expect(columnNumber("XFD")).toBe(16384);
    for (const n of [1, 26, 27, 52, 702, 703, 16384]) expect(columnNumber(columnLetters(n))).toBe(n);
  });

  test("parseAddress", () => {
    expect(parseAddress("G4")).toEqual({ row: 4, col: 7 });
    expect(parseAddress("$G$4")).toEqual({ row: 4, col: 7 });
    expect(parseAddress("XFE1")).toBeUndefined();
    expect(parseAddress("A0")).toBeUndefined();
    expect(parseAddress("Feuil1")).toBeUndefined();
  });
});
