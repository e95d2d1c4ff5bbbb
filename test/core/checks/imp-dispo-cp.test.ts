import { impDispoCp } from "../../../src/core/checks/imp-dispo-cp";
import { checkTester } from "../../helpers/check-tester";
import { IMPUTATION_HEADER, IMPUTATION_HEADER_CYRILLIC, lianes2023, lianes2025 } from "../../helpers/seeds";

checkTester.run(impDispoCp, {
  valid: [
    { name: "Lianes 2023: 31 000 of 43 056", sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023()] }] },
    { name: "Lianes 2025: disponible equal to CP", sheets: [{ name: "R", rows: [IMPUTATION_HEADER_CYRILLIC, lianes2025()] }] },
  ],
  invalid: [
    {
      name: "disponible above CP",
      sheets: [{ name: "Rapport 2023", rows: [IMPUTATION_HEADER, lianes2023({ disponible: 43056.01, solde: 36056.01 })] }],
      findings: [{ messageId: "dispoAboveCp", cell: "Rapport 2023!E2", actual: { kind: "money", cents: 4305601 }, expected: { kind: "money", cents: 4305600 } }],
    },
  ],
});
