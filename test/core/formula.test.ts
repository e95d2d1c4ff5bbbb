import { sumRanges, withRightSum } from "../../src/core/formula";

const rows = (formula: string) => sumRanges(formula)?.map((r) => `${r.start.row}-${r.end.row}`);

describe("sumRanges", () => {
  test.each([
    ["=SUM(C3:C9)", ["2-8"]],
    ["=SOMME(C3:C5;C7)", ["2-4", "6-6"]],
    ["=C3+C4", ["2-2", "3-3"]],
    ["=SUM(C3:C9)/2", ["2-8"]],
    ["=ROUND(SUM(C3:C9),2)", ["2-8"]],
    ["=SUM(C3:C5)+SUM(C7:C9)", ["2-4", "6-8"]],
    ["=SUM(C5,C9)", ["4-4", "8-8"]],
  ])("%s sums rows %j (0-based)", (formula, expected) => expect(rows(formula)).toEqual(expected));

  test.each(["=C7/C3", "=IF(C7<>0,E7/C7,0)", "=C3:C9", "=SUM(C3:C9*2)", "=ROUND(SUM(C3:C9,2)", "=DSUM(A1:C9,C1,E1:E2)", "=SUMIF(A3:A9,\"x\",C3:C9)"])("%s sums nothing Pointage can judge", (formula) => {
    expect(sumRanges(formula)).toBeNull();
  });
});

describe("withRightSum", () => {
  test("a plain sum is replaced whole", () => expect(withRightSum("=SUM(C3:C8)", "=SUM(C3:C9)")).toBe("=SUM(C3:C9)"));
  test("a sum inside ROUND keeps its ROUND", () => expect(withRightSum("=ROUND(SUM(C3:C8), 2)", "=SUM(C3:C9)")).toBe("=ROUND(SUM(C3:C9), 2)"));
  test("several SUM calls: no fix", () => expect(withRightSum('=IF(SUM(C3:C8)=0,"",SUM(C3:C8))', "=SUM(C3:C9)")).toBeUndefined());
});
