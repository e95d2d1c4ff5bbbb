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
    // The seeds' « plafonnée aux montant et taux indiqués ci-dessus » states no figure of its own.
    {
      name: "2023 Article 4: capped at the amount and rate it states",
      sheets: [
        {
          name: "Convention",
          rows: [["Le Département octroie au bénéficiaire une subvention d'un montant de 7 000 € sur un coût total prévisionnel de 18 695 €, soit un taux d'intervention de 37,44%. L'intervention du Département est plafonnée aux montant et taux indiqués ci-dessus."]],
        },
      ],
    },
    { name: "a sentence under its cap: plafonnée à 8 000 €", sheets: [{ name: "Convention", rows: [["Le Département attribue une subvention de 7 000 €, plafonnée à 8 000 €."]] }] },
    { name: "7 000 of 18 695 within a rate cap of 80 %", sheets: [{ name: "C", rows: [["Montant de la subvention", "7 000 €", "dans la limite de 80 % du coût total"], ["Coût total prévisionnel", "18 695 €"]] }] },
    { name: "exactly at a rate cap: 7 000 of 8 750 is 80 %", sheets: [{ name: "C", rows: [["Montant de la subvention", 7000], ["Coût total prévisionnel", 8750], ["Taux plafond", { v: 0.8, fmt: "0%" }]] }] },
    { name: "a rate cap with no cost to apply it to", sheets: [{ name: "Convention", rows: [["Montant de la subvention", "9 380 €", "dans la limite de 80 %"]] }] },
  ],
  invalid: [
    {
      name: "cap stated beside the amount",
      sheets: [{ name: "C", rows: [["Montant de la subvention", "9 380,00 €", "plafonnée à 9 000 €"], ["Coût total prévisionnel", "9 380,00 €"]] }],
      findings: [{ messageId: "plafondDepasse", cell: "C!B1", expected: { kind: "money", cents: 900000 } }],
    },
    {
      name: "a sentence over its cap: 9 380 € plafonnée à 9 000 €",
      sheets: [{ name: "Convention", rows: [["Le Département attribue une subvention de 9 380 €, plafonnée à 9 000 €."]] }],
      findings: [{ messageId: "plafondDepasse", cell: "Convention!A1", actual: { kind: "money", cents: 938000 }, expected: { kind: "money", cents: 900000 } }],
    },
    {
      name: "the whole budget funded, dans la limite de 80 %",
      sheets: [{ name: "Convention", rows: [["une subvention d'un montant de 9 380 € sur un coût total prévisionnel de 9 380 €, dans la limite de 80 % du coût total."]] }],
      findings: [{ messageId: "tauxPlafondDepasse", cell: "Convention!A1", actual: { kind: "percent", points: 100, decimals: 2 }, expected: { kind: "percent", points: 80, decimals: 0 } }],
    },
    {
      name: "a Taux plafond term of 30 % for a 37,44 % rate",
      sheets: [{ name: "C", rows: [["Montant de la subvention", "7 000 €"], ["Coût total prévisionnel", "18 695 €"], ["Taux plafond", "30 %"]] }],
      findings: [{ messageId: "tauxPlafondDepasse", cell: "C!B1", expected: { kind: "percent", points: 30, decimals: 0 } }],
    },
    {
      // 8 001 / 10 000 = 80,01 %: shown with enough decimals to read above 80 %.
      name: "just above a rate cap: 80,01 %",
      sheets: [{ name: "C", rows: [["Montant de la subvention", 8001], ["Coût total prévisionnel", 10000], ["Taux maximum", "80 %"]] }],
      findings: [{ messageId: "tauxPlafondDepasse", cell: "C!B1", actual: { kind: "percent", points: 80.01, decimals: 2 } }],
    },
    {
      name: "subsidy above its cap",
      sheets: [{ name: "C", rows: [["Montant de la subvention", "9 380,00 €"], ["Plafond", "9 000,00 €"]] }],
      findings: [{ messageId: "plafondDepasse", cell: "C!B1", actual: { kind: "money", cents: 938000 }, expected: { kind: "money", cents: 900000 } }],
    },
  ],
});
