/**
 * Never a crash: random sheets mixing the seeds' headers, totals, amounts in every form, errors and
 * junk go through the whole engine without an exception and without a failed check.
 */
import fc from "fast-check";
import { checkWorkbook } from "../../src/core/engine";
import type { CellValue, SheetSnapshot } from "../../src/core/model";
import { DEPENSE_HEADER, IMPUTATION_HEADER, REPARTITION_HEADER } from "../helpers/seeds";

const words = [
  ...IMPUTATION_HEADER, ...DEPENSE_HEADER, ...REPARTITION_HEADER, "СР", "AXES", "BP", "TOTAL", "Sous-total", "Total axe 1",
  "S/Total", "Montant de la subvention", "Coût total prévisionnel", "Taux d'intervention", "Plafond", "Dépenses réalisées",
  "Montant versé", "Subvention due", "Reversement", "% RH sur Budget total", "Charges de personnel", "Budget réalisé",
  "C05-043A06", "65748//93043", "#REF!", "#DIV/0!", "n/a", "", "", "",
];
const amounts = ["43 056,00", "7\u202f000,00 €", "800,00€", "(1 234,00)", "-5", "31,98", "37,44 %", "1e308", "0,0001", "12 34", "2017"];

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom(...words),
  fc.constantFrom(...amounts),
  fc.integer({ min: -1e6, max: 1e7 }),
  fc.double({ min: -1e9, max: 1e9, noNaN: true }),
  fc.constantFrom(0, 1, 0.3198, 100, Number.MAX_SAFE_INTEGER),
  fc.boolean(),
  fc.string({ maxLength: 12 }),
);

const sheetArb: fc.Arbitrary<SheetSnapshot> = fc
  .record({
    header: fc.constantFrom<CellValue[]>(IMPUTATION_HEADER, DEPENSE_HEADER, REPARTITION_HEADER, ["AXES", "ACTIONS", "BP"], ["Poste", "Montant", "%"], []),
    body: fc.array(fc.array(cell, { minLength: 0, maxLength: 8 }), { minLength: 0, maxLength: 14 }),
    row: fc.nat(20),
    column: fc.nat(5),
    formats: fc.constantFrom("General", "0.00%", "0%", '#,##0.00\\ "€"', "@"),
  })
  .map(({ header, body, row, column, formats }) => ({ rows: [header, ...body], row, column, formats }))
  .map(({ rows, row, column, formats }) => ({
    name: "F",
    origin: { row, column },
    values: rows,
    formulas: rows.map((r) => r.map((v, i) => (i === 2 && typeof v === "number" ? `=SUM(C1:C${row + 1})` : v))),
    numberFormats: rows.map((r) => r.map(() => formats)),
  }));

test("random workbooks never crash the engine", () => {
  let tables = 0;
  fc.assert(
    fc.property(fc.array(sheetArb, { minLength: 1, maxLength: 3 }), (sheets) => {
      const result = checkWorkbook({ sheets: sheets.map((s, i) => ({ ...s, name: `F${i}` })) });
      expect(result.failures).toEqual([]);
      tables += result.tables.length;
      // Cell text is quoted as typed, so only Pointage's own figures are checked for NaN here.
      for (const f of result.findings) {
        expect(f.message.length).toBeGreaterThan(0);
        for (const q of [f.actual, f.expected]) if (q?.kind === "money") expect(Number.isInteger(q.cents)).toBe(true);
        if (f.fix && "formula" in f.fix) expect(f.fix.formula).not.toMatch(/NaN|undefined/);
      }
    }),
    { numRuns: 1000 },
  );
  // The generator does reach the table finders and the checks, not only empty sheets.
  expect(tables).toBeGreaterThan(100);
});
