import { impSolde } from "../../../src/core/checks/imp-solde";
import { checkTester } from "../../helpers/check-tester";
import { apes2023, IMPUTATION_HEADER, IMPUTATION_HEADER_CYRILLIC, lianes2023, lianes2025 } from "../../helpers/seeds";

checkTester.run(impSolde, {
  valid: [
    { name: "Lianes 2023 as typed numbers", sheets: [{ name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023()] }] },
    {
      name: "Lianes 2023 pasted as French text with narrow no-break spaces",
      sheets: [{ name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023({ cp: "43\u202f056,00", disponible: "31 000,00", proposition: "7\u00a0000,00 €", solde: "24 000,00" })] }],
    },
    { name: "Cyrillic СР header, APES and Lianes 2025", sheets: [{ name: "R", rows: [IMPUTATION_HEADER_CYRILLIC, apes2023(), lianes2025()] }] },
    {
      name: "solde as a live formula",
      sheets: [{ name: "R", rows: [IMPUTATION_HEADER, lianes2023({ solde: { v: 24000, f: "=E2-F2" } })] }],
    },
    { name: "table placed at C5 on a sheet with a title", sheets: [{ name: "R", at: "C5", rows: [["Rapport n° 12"], [], IMPUTATION_HEADER, lianes2025()] }] },
  ],
  invalid: [
    {
      name: "solde off by 1 000",
      sheets: [{ name: "Rapport", rows: [IMPUTATION_HEADER, lianes2023({ solde: 23000 })] }],
      findings: [{ messageId: "soldeMismatch", cell: "Rapport!G2", actual: { kind: "money", cents: 2300000 }, expected: { kind: "money", cents: 2400000 }, fix: { formula: "=E2-F2" } }],
    },
    {
      name: "off by one cent in text",
      sheets: [{ name: "R", at: "B3", rows: [IMPUTATION_HEADER_CYRILLIC, lianes2025({ solde: "620,01" })] }],
      findings: [{ messageId: "soldeMismatch", cell: "R!H4", expected: { kind: "money", cents: 62000 }, fix: { formula: "=F4-G4" } }],
    },
  ],
});
