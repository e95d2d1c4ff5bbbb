import { largestRemainder, repArrondi } from "../../../src/core/checks/rep-arrondi";
import { checkTester } from "../../helpers/check-tester";

/** Three equal thirds: each 33,33 % is right, the sum is 99,99. */
const thirds = (percents: string[]) => [
  ["Poste", "Montant", "%"],
  ["Animation", "1 000,00", percents[0]],
  ["Coordination", "1 000,00", percents[1]],
  ["Frais", "1 000,00", percents[2]],
  ["TOTAL", "3 000,00", "100,00"],
];

checkTester.run(repArrondi, {
  valid: [
    { name: "already adds to exactly 100,00", sheets: [{ name: "B", rows: thirds(["33,34", "33,33", "33,33"]) }] },
    { name: "a wrong % is REP-POURCENT's business", sheets: [{ name: "B", rows: thirds(["30,00", "33,33", "33,33"]) }] },
  ],
  invalid: [
    {
      name: "thirds add to 99,99",
      sheets: [{ name: "B", rows: thirds(["33,33", "33,33", "33,33"]) }],
      findings: [
        {
          messageId: "arrondiPropose",
          cell: "B!C5",
          actual: { kind: "percent", points: 99.99, decimals: 2 },
          expected: {
            kind: "list",
            items: [
              { kind: "percent", points: 33.34, decimals: 2 },
              { kind: "percent", points: 33.33, decimals: 2 },
              { kind: "percent", points: 33.33, decimals: 2 },
            ],
          },
        },
      ],
    },
  ],
});

test("largest remainder sums to exactly 100 and favours the largest remainders", () => {
  expect(largestRemainder([300000, 150000, 80000, 60000, 140000, 118000, 70000, 20000], 2)).toEqual([31.98, 15.99, 8.53, 6.4, 14.93, 12.58, 7.46, 2.13]);
  const sevenths = largestRemainder([1, 1, 1, 1, 1, 1, 1], 1);
  expect(sevenths.reduce((s, x) => s + x, 0)).toBeCloseTo(100, 10);
  // 100 / 7 = 14,285…: six get 14,3 and one 14,2 (ties go to the first lines).
  expect(sevenths).toEqual([14.3, 14.3, 14.3, 14.3, 14.3, 14.3, 14.2]);
});
