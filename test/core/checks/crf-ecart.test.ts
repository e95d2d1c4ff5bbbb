/** CRF-ECART on budgets written by test/budget/generator.ts (no src/ import there): fires on the named cell, silent on the clean twin. */
import { run, at, serious, spec, convention } from "../../budget/run";
import { crfEcart } from "../../../src/core/checks/crf-ecart";

describe("CRF-ECART (compte rendu financier)", () => {
  test("a clean compte rendu: no error, no warning", async () => {
    const { result } = await run([spec({ realise: true, compteRendu: true })]);
    expect(serious(result)).toEqual([]);
  });

  test("a wrong écart and a wrong % de réalisation, each on its cell", async () => {
    const s = spec({ realise: true, compteRendu: true });
    // Locations: prévu 1 000, réalisé 1 000: écart typed 100. Prestations de services: 1 000 ÷ 1 200 = 83,33 %, typed 83,34 %.
    s.charges.groups[1].details[0].ecart = 10000;
    s.charges.groups[0].details[0].pourcent = "83,34 %";
    const { result, cells } = await run([s], [], [crfEcart]);
    expect(at(result).sort()).toEqual([`CRF-ECART ${cells["ecart:Locations"]}`, `CRF-ECART ${cells["pourcent:Prestations de services"]}`].sort());
  });

  test("subsidy due and reversement from the expenses realised, as CONV-PRORATA computes them", async () => {
    // 7 000 × 15 000 ÷ 18 695 = 5 616,47 € due (DOMAIN.md); 7 000 € received: reversement 1 383,53 €.
    const right = await run([spec({ realise: true, compteRendu: true })], convention("7 000,00 €", [["Subvention due", "5 616,47 €"], ["Reversement", "1 383,53 €"]]), [crfEcart]);
    expect(right.result.findings).toEqual([]);
    const wrong = await run([spec({ realise: true, compteRendu: true })], convention("7 000,00 €", [["Subvention due", "5 616,48 €"], ["Reversement", "1 383,52 €"]]), [crfEcart]);
    expect(at(wrong.result)).toEqual(["CRF-ECART Convention!B4", "CRF-ECART Convention!B5"]);
    expect(wrong.result.findings[0].expected).toEqual({ kind: "money", cents: 561647 });
    expect(wrong.result.findings[1].expected).toEqual({ kind: "money", cents: 138353 });
  });
});
