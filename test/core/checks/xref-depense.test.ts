import { xrefDepense } from "../../../src/core/checks/xref-depense";
import { checkTester } from "../../helpers/check-tester";
import { DEPENSE_HEADER, IMPUTATION_HEADER, IMPUTATION_HEADER_CYRILLIC, lianes2023, lianes2025 } from "../../helpers/seeds";

const deliberation = (cp: string, depense: string) => ["C05-043A06", "65748//93043", "Actions européennes et internationales", cp, depense];

checkTester.run(xrefDepense, {
  valid: [
    {
      name: "2023 dossier: report and deliberation agree",
      sheets: [
        { name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023()] },
        { name: "Délibération", rows: [DEPENSE_HEADER, deliberation("43 056,00", "7 000,00")] },
      ],
    },
    {
      name: "2023 and 2025 dossiers in one workbook",
      sheets: [
        { name: "Rapport 2023", rows: [IMPUTATION_HEADER, lianes2023()] },
        { name: "Rapport 2025", rows: [IMPUTATION_HEADER_CYRILLIC, lianes2025()] },
        { name: "Délibération 2025", rows: [DEPENSE_HEADER, deliberation("10 000,00", "9 380,00")] },
      ],
    },
    { name: "deliberation alone: nothing to compare", sheets: [{ name: "D", rows: [DEPENSE_HEADER, deliberation("10 000,00", "9 380,00")] }] },
  ],
  invalid: [
    {
      name: "deliberation decides 7 500 where the report proposed 7 000",
      sheets: [
        { name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023()] },
        { name: "Délibération", rows: [DEPENSE_HEADER, deliberation("43 056,00", "7 500,00")] },
      ],
      findings: [{ messageId: "aucuneProposition", cell: "Délibération!E2", actual: { kind: "money", cents: 750000 } }],
    },
    {
      name: "right amount, CP of another exercice",
      sheets: [
        { name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023()] },
        { name: "Délibération", rows: [DEPENSE_HEADER, deliberation("10 000,00", "7 000,00")] },
      ],
      findings: [{ messageId: "aucuneProposition", cell: "Délibération!E2" }],
    },
  ],
});
