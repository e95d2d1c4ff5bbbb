import { delCp } from "../../../src/core/checks/del-cp";
import { checkTester } from "../../helpers/check-tester";
import { DEPENSE_HEADER } from "../../helpers/seeds";

const line2023 = (cp: unknown, depense: unknown) => ["C05-043A06", "65748//93043", "Actions européennes et internationales", cp, depense] as (string | number)[];

checkTester.run(delCp, {
  valid: [
    { name: "deliberation 2023 as pasted", sheets: [{ name: "Délibération", rows: [DEPENSE_HEADER, line2023("43 056,00", "7 000,00")] }] },
    { name: "deliberation 2025, header CP€ glued", sheets: [{ name: "D", rows: [["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP€", "Dépense €"], line2023("10 000,00", "9 380,00")] }] },
    { name: "dépense equal to CP", sheets: [{ name: "D", rows: [DEPENSE_HEADER, line2023(10000, 10000)] }] },
  ],
  invalid: [
    {
      name: "dépense above CP",
      sheets: [{ name: "Délibération", rows: [DEPENSE_HEADER, line2023("10 000,00", "10 380,00")] }],
      findings: [{ messageId: "depenseAboveCp", cell: "Délibération!E2", actual: { kind: "money", cents: 1038000 }, expected: { kind: "money", cents: 1000000 } }],
    },
  ],
});
