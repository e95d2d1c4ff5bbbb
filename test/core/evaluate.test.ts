/* Issue 14: formulas a script wrote with no cached value are computed when they are arithmetic over cells. */
import { evaluateUncachedFormulas, parse, tokenize } from "../../src/core/evaluate";
import type { WorkMeter } from "../../src/core/workMeter";
import { sheet, workbook, type CellSpec } from "../helpers/sheet-builder";

/** A formula with no cached value, as readXlsx gives it: value "", formula `=…`. */
const f = (formula: string): CellSpec => ({ v: "", f: formula });

function values(...sheets: { name: string; rows: CellSpec[][] }[]) {
  const snapshot = workbook(...sheets.map((s) => sheet(s.name, s.rows)));
  const out = evaluateUncachedFormulas(snapshot);
  return { sheets: out.snapshot.sheets.map((s) => s.values), uncomputed: out.uncomputed.map((u) => `${u.sheet}:${u.i}:${u.j}`), out, snapshot };
}

describe("what is computed", () => {
  test("+ − × ÷, parentheses, signs, numbers with decimals and exponents", () => {
    const { sheets, uncomputed } = values({ name: "R", rows: [[31000, 7000, f("=A1-B1"), f("=(A1+B1)*2/4"), f("=-A1+ +B1"), f("=1.5e3*2"), f("=.5*$A$1")]] });
    expect(uncomputed).toEqual([]);
    expect(sheets[0][0]).toEqual([31000, 7000, 24000, 19000, -24000, 3000, 15500]);
  });

  test("SUM and SOMME of ranges, cells and expressions; text and empty cells skipped as Excel does", () => {
    const { sheets } = values({ name: "B", rows: [[3000], [1500], ["n/a"], [null], [800], [f("=SUM(A1:A5)")], [f("=SOMME(A1;A2;A5*2)")], [f("=_xlfn.SUM(A1:A2)+A5")]] });
    expect(sheets[0].map((r) => r[0]).slice(5)).toEqual([5300, 6100, 5300]);
  });

  test("MIN, MAX, ROUND (ARRONDI), ABS: the subsidy due and reversement of a bilan or a compte rendu", () => {
    // DOMAIN.md, CONV-PRORATA: 7 000 × 15 000 ÷ 18 695 = 5 616,47499… → 5 616,47; 7 000 paid − 5 616,47 due = 1 383,53.
    const { sheets, uncomputed } = values({
      name: "B",
      rows: [[7000], [18695], [15000], [f("=MIN(A1,ROUND(A1*A3/A2,2))")], [f("=MAX(0,A1-A4)")], [f("=MIN(A1:A3)")], [f("=MAX(A1:A3,20000)")], [f("=ARRONDI(-2.675;2)")], [f("=ROUND(1234.5,-2)")], [f("=ABS(A4-A1)")], [f("=MIN(A12:A13)")]],
    });
    expect(uncomputed).toEqual([]);
    const col = sheets[0].map((r) => r[0]);
    expect(col[3]).toBe(5616.47);
    expect(col[4]).toBeCloseTo(1383.53, 9);
    expect(col.slice(5, 8)).toEqual([7000, 20000, -2.68]);
    // Excel: ROUND(1 234,5 ; −2) = 1 200; MIN over empty cells is 0.
    expect(col[8]).toBe(1200);
    expect(col[9]).toBeCloseTo(1383.53, 9);
    expect(col[10]).toBe(0);
  });

  test("references to other sheets, quoted or not, and chains of uncached formulas in any order", () => {
    const { sheets, uncomputed } = values(
      { name: "Rapport 1", rows: [[f("=B1*2"), f("=Données!A1+1")]] },
      { name: "Données", rows: [[f("='Rapport 1'!C1")], [null]] },
      { name: "X", rows: [[f("='rapport 1'!A1/3")]] },
    );
    expect(uncomputed).toEqual([]);
    // Rapport 1!C1 is empty: 0, so Données!A1 = 0, B1 = 1, A1 = 2.
    expect(sheets[0][0]).toEqual([2, 1]);
    expect(sheets[1][0][0]).toBe(0);
    expect(sheets[2][0][0]).toBeCloseTo(2 / 3);
  });

  test("a quoted sheet name holding both `'` and `!`", () => {
    const { sheets, uncomputed } = values(
      { name: "Bilan l'an 1 !", rows: [[9380], [620]] },
      { name: "R", rows: [[f("=SUM('Bilan l''an 1 !'!A1:A2)-'bilan l''an 1 !'!A2")]] },
    );
    expect(uncomputed).toEqual([]);
    // 9 380 + 620 − 620.
    expect(sheets[1][0][0]).toBe(9380);
  });

  test("an Excel error propagates; a division by zero is #DIV/0!", () => {
    const { out } = values({ name: "R", rows: [[{ v: "#REF!", error: true }, f("=A1*2"), f("=2/0"), f("=SUM(A1:A1)")]] });
    expect(out.snapshot.sheets[0].values[0].slice(1)).toEqual(["#REF!", "#DIV/0!", "#REF!"]);
    expect(out.snapshot.sheets[0].valueTypes![0].slice(1)).toEqual(["Error", "Error", "Error"]);
  });

  test("a running balance 2 000 rows long, each from the one above, is computed", () => {
    const rows: CellSpec[][] = [[100000]];
    for (let i = 1; i < 2000; i++) rows.push([f(`=A${i}-10`)]);
    const { sheets, uncomputed } = values({ name: "R", rows });
    expect(uncomputed).toEqual([]);
    expect(sheets[0][1999][0]).toBe(100000 - 19990);
  });

  test("a chain pointing downwards deeper than the limit is computed over several passes", () => {
    const rows: CellSpec[][] = [];
    for (let i = 1; i < 300; i++) rows.push([f(`=A${i + 1}+1`)]);
    rows.push([1]);
    const { sheets, uncomputed } = values({ name: "R", rows });
    expect(uncomputed).toEqual([]);
    expect(sheets[0][0][0]).toBe(300);
  });

  test("the snapshot given is not modified, and without uncached formulas it is returned as is", () => {
    const { snapshot, out } = values({ name: "R", rows: [[1, f("=A1+1")]] });
    expect(snapshot.sheets[0].values[0]).toEqual([1, ""]);
    expect(out.snapshot.sheets[0].values[0]).toEqual([1, 2]);
    const plain = workbook(sheet("R", [[1, { v: 2, f: "=A1+1" }]]));
    expect(evaluateUncachedFormulas(plain).snapshot).toBe(plain);
  });
});

describe("a workbook a spreadsheet calculated", () => {
  test("its empty formula results are real \"\": computed when arithmetic, never listed as uncomputed", () => {
    const { sheets, uncomputed, out } = values({ name: "R", rows: [[5, { v: 10, f: "=A1*2" }, f('=IF(A1>9,1,"")'), f("=A1+1")]] });
    expect(out.calculated).toBe(true);
    expect(uncomputed).toEqual([]);
    expect(sheets[0][0]).toEqual([5, 10, "", 6]);
  });

  test("a formula whose value type says it gave text (\"\") is not evaluated", () => {
    const snapshot = workbook({ ...sheet("R", [[5, { v: "", f: "=A1+1" }]]), valueTypes: [["Double", "String"]] });
    const out = evaluateUncachedFormulas(snapshot);
    expect(out.snapshot).toBe(snapshot);
    expect(out.uncomputed).toEqual([]);
  });
});

describe("what is left uncomputed (and reported by NUM-ILLISIBLE)", () => {
  test.each([
    ["=VLOOKUP(A1,B:C,2,0)"],
    ['=IF(A1>0,A1,"")'],
    ["=A1&B1"],
    ["=A1^2"],
    ["=A1%"],
    ["=A:A"],
    ["=A1:A2"],
    ["=[1]Feuil1!A1"],
    ["=TauxTVA*A1"],
    ["=Inconnue!A1"],
    ["=(A1"],
    ["=A1+"],
    ["=SUM(A1"],
    ["=ROUND(A1)"], // ROUND needs its number of digits
    ["=MIN()"],
    ["=2A1"],
    ["='Rapport!A1"],
    ["=C1"], // text in arithmetic: the locale decides in Excel, Pointage does not guess
  ])("%s", (formula) => {
    const { uncomputed } = values({ name: "R", rows: [[5, null, "texte", f(formula)]] });
    expect(uncomputed).toEqual(["0:0:3"]);
  });

  test("a cycle", () => {
    const { uncomputed } = values({ name: "R", rows: [[f("=B1+1"), f("=A1+1")], [f("=A2")]] });
    expect(uncomputed.sort()).toEqual(["0:0:0", "0:0:1", "0:1:0"]);
  });

  test("deep nesting is refused, not a stack overflow", () => {
    const deep = "=" + "(".repeat(5000) + "1" + ")".repeat(5000);
    const signs = "=" + "-".repeat(100000) + "1";
    const { uncomputed } = values({ name: "R", rows: [[f(deep), f(signs)]] });
    expect(uncomputed).toEqual(["0:0:0", "0:0:1"]);
  });

  /** The tokenizing and parsing work (see evaluateUncachedFormulas's meter) of a row of formulas. */
  const workOf = (formulas: string[]) => {
    const meter: WorkMeter = { work: 0 };
    const out = evaluateUncachedFormulas(workbook(sheet("R", [[1, ...formulas.map(f)]])), meter);
    return { out, work: meter.work };
  };

  // Counted, not timed (a loaded machine once failed a timed test): the work is the characters
  // the tokenizer reads and the tokens the parser looks at, what the running time grows with.
  test("linear in the formula's length: 200 000 characters of hostile text", () => {
    const hostile = ["=" + "'".repeat(200000), "=" + "SUM(".repeat(50000), "=" + "A1+".repeat(60000) + "A1", "=" + "1".repeat(200000) + "x"];
    const { out, work } = workOf(hostile);
    const length = hostile.reduce((sum, text) => sum + text.length, 0);
    // A few reads of each character and looks at each token: a rescan per token would be thousands.
    expect(work).toBeGreaterThanOrEqual(length / 2);
    expect(work).toBeLessThan(10 * length);
    expect(out.snapshot.sheets[0].values[0][3]).toBe(60001);
  });

  test("linear at two sizes: ten times the text costs at most twelve times the work, not a hundred", () => {
    const formulas = (n: number) => ["=" + "'".repeat(n), "=" + "A1+".repeat(n / 4) + "A1", "=" + "(".repeat(n) + "1", "=SUM(" + "A1,".repeat(n / 4) + "A1)"];
    const small = workOf(formulas(20000)).work;
    const large = workOf(formulas(200000)).work;
    expect(small).toBeGreaterThanOrEqual(20000);
    expect(large).toBeLessThanOrEqual(12 * small);
  });

  test("tokenize and parse refuse what is not arithmetic", () => {
    expect(() => parse(tokenize("1+*2"))).toThrow();
    expect(parse(tokenize("1+2*3"))).toEqual({
      t: "chain",
      first: { t: "num", v: 1 },
      rest: [{ op: "+", e: { t: "chain", first: { t: "num", v: 2 }, rest: [{ op: "*", e: { t: "num", v: 3 } }] } }],
    });
  });
});
