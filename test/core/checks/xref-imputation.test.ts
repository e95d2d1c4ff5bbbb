import { xrefImputation } from "../../../src/core/checks/xref-imputation";
import { checkTester } from "../../helpers/check-tester";
import { DEPENSE_HEADER, IMPUTATION_HEADER, lianes2023 } from "../../helpers/seeds";

const deliberation = (imputation: string) => ["C05-043A06", imputation, "Actions européennes et internationales", "43 056,00", "7 000,00"];

checkTester.run(xrefImputation, {
  valid: [
    {
      name: "same imputation in report and deliberation",
      sheets: [
        { name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023()] },
        { name: "Délibération", rows: [DEPENSE_HEADER, deliberation("65748/93043")] },
      ],
    },
    { name: "different codes, different accounts", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023(), ["C01-020Q01", "6568/9365", "Mission ESS", 209285, 209285, 57000, 152285]] }] },
  ],
  invalid: [
    {
      // The seeds' own 2023 dossier writes the account both ways.
      name: "2023 dossier: 65748/93043 in the report, 65748//93043 in the deliberation",
      sheets: [
        { name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023()] },
        { name: "Délibération", rows: [DEPENSE_HEADER, deliberation("65748//93043")] },
      ],
      findings: [{ messageId: "memeCompte", cell: "Délibération!B2", severity: "info" }],
    },
    {
      name: "another account on the same operation",
      sheets: [
        { name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023()] },
        { name: "Délibération", rows: [DEPENSE_HEADER, deliberation("6574/93043")] },
      ],
      findings: [{ messageId: "imputationDiffere", cell: "Délibération!B2", severity: "warning", actual: { kind: "text", text: "6574/93043" }, expected: { kind: "text", text: "65748/93043" } }],
    },
  ],
});

test("one finding per way of writing the account, not per line", async () => {
  const { checkWorkbook } = await import("../../../src/core/engine");
  const { snapshotOf } = await import("../../helpers/sheet-builder");
  const result = checkWorkbook(
    snapshotOf([
      { name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023(), lianes2023({ imputation: "65748//93043", disponible: 24000, proposition: 1000, solde: 23000 })] },
      { name: "Délibération", rows: [DEPENSE_HEADER, deliberation("65748//93043")] },
    ]),
    { checks: [xrefImputation] },
  );
  expect(result.findings.map((f) => [f.messageId, `${f.sheet}!${f.cell}`, f.related])).toEqual([["memeCompte", "Rapport!B3", ["Rapport!B2", "'Délibération'!B2"]]]);
});
