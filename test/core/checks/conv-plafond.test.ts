import { convPlafond } from "../../../src/core/checks/conv-plafond";
import { checkTester } from "../../helpers/check-tester";

checkTester.run(convPlafond, {
  valid: [
    { name: "subsidy under its cap", sheets: [{ name: "C", rows: [["Montant de la subvention", "7 000 €"], ["Plafond", "8 000 €"]] }] },
    { name: "subsidy equal to its cap", sheets: [{ name: "C", rows: [["Montant de la subvention", 7000], ["Plafond", 7000]] }] },
    // APES 2023 caps axes 1–3 at 24 000 € as a group: never guessed against a breakdown.
    { name: "no Plafond term", sheets: [{ name: "C", rows: [["Montant de la subvention", "57 000 €"], ["Coût total prévisionnel", "57 000 €"]] }] },
  ],
  invalid: [
    {
      name: "subsidy above its cap",
      sheets: [{ name: "C", rows: [["Montant de la subvention", "9 380,00 €"], ["Plafond", "9 000,00 €"]] }],
      findings: [{ messageId: "plafondDepasse", cell: "C!B1", actual: { kind: "money", cents: 938000 }, expected: { kind: "money", cents: 900000 } }],
    },
  ],
});
