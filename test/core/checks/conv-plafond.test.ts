import { convPlafond } from "../../../src/core/checks/conv-plafond";
import { checkTester } from "../../helpers/check-tester";

checkTester.run(convPlafond, {
  valid: [
    { name: "subsidy under its cap", sheets: [{ name: "C", rows: [["Montant de la subvention", "7 000 €"], ["Plafond", "8 000 €"]] }] },
    { name: "cap stated beside the amount, respected", sheets: [{ name: "C", rows: [["Montant de la subvention", "7 000 €", "plafonnée à 8 000 €"], ["Coût total prévisionnel", "18 695 €"]] }] },
    { name: "a note beside the amount that states no cap", sheets: [{ name: "C", rows: [["Montant de la subvention", "7 000 €", "versée en deux fois"], ["Coût total prévisionnel", "18 695 €"]] }] },
    { name: "subsidy equal to its cap", sheets: [{ name: "C", rows: [["Montant de la subvention", 7000], ["Plafond", 7000]] }] },
    // APES 2023 caps axes 1–3 at 24 000 € as a group: never guessed against a breakdown.
    { name: "no Plafond term", sheets: [{ name: "C", rows: [["Montant de la subvention", "57 000 €"], ["Coût total prévisionnel", "57 000 €"]] }] },
  ],
  invalid: [
    {
      name: "cap stated beside the amount",
      sheets: [{ name: "C", rows: [["Montant de la subvention", "9 380,00 €", "plafonnée à 9 000 €"], ["Coût total prévisionnel", "9 380,00 €"]] }],
      findings: [{ messageId: "plafondDepasse", cell: "C!B1", expected: { kind: "money", cents: 900000 } }],
    },
    {
      name: "subsidy above its cap",
      sheets: [{ name: "C", rows: [["Montant de la subvention", "9 380,00 €"], ["Plafond", "9 000,00 €"]] }],
      findings: [{ messageId: "plafondDepasse", cell: "C!B1", actual: { kind: "money", cents: 938000 }, expected: { kind: "money", cents: 900000 } }],
    },
  ],
});
