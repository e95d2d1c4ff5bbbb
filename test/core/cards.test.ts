/*
 * Issue 12, one cause, one card. The demo's groups are written out by hand from its 26 findings
 * (8 errors, 1 warning, 17 infos, as `pointage check --format json` lists them): 17 cards.
 */
import { readFileSync } from "fs";
import * as path from "path";
import { groupFindings, type FindingCard } from "../../src/core/cards";
import { checkWorkbook } from "../../src/core/engine";
import type { Finding } from "../../src/core/findings";
import { readXlsx } from "../../src/file";
import { lianesBudget } from "../helpers/budgets";
import { snapshotOf } from "../helpers/sheet-builder";

const DEMO = path.join(__dirname, "../../examples/dossier-commission-permanente.xlsx");

/** A card as `rules @ Sheet!Cell`, to compare with the hand-written list. */
const shape = (c: FindingCard) => `${c.severity} ${c.rules.join("+")} @ ${c.sheet}!${c.cell}`;

describe("groupFindings on the demo workbook", () => {
  let findings: Finding[];
  let cards: FindingCard[];
  beforeAll(async () => {
    const snapshot = await readXlsx(readFileSync(DEMO), "dossier-commission-permanente.xlsx");
    findings = checkWorkbook(snapshot).findings;
    cards = groupFindings(findings, { sheetOrder: snapshot.sheets.map((s) => s.name) });
  });

  it("gives 17 cards, errors first, then by sheet, row and column", () => {
    expect(findings).toHaveLength(26);
    expect(cards.map(shape)).toEqual([
      "error CONV-PRORATA @ Convention 2023!B10",
      "error CONV-PRORATA @ Convention 2023!B11",
      "error IMP-CUMUL @ Rapport 2025 Jumelage!F4",
      "error REP-POURCENT @ Convention 2025!D10",
      // =SUM(C5:C11) leaves out C12: one fix, =SUM(C5:C12), for both rules.
      "error REP-PLAGE+REP-TOTAL @ Convention 2025!C13",
      "error REP-POURCENT-SOMME @ Convention 2025!D13",
      // A wrong Solde typed as a constant: =E12-F12 fixes both.
      "error IMP-SOLDE+FORMULE-FIGEE @ APES 2023!G12",
      "warning IMP-CHAINE @ Rapport 2025 Jumelage!E4",
      "info NUM-TEXTE @ Délibération 2023!D4",
      "info NUM-TEXTE @ Convention 2023!B3",
      "info XREF-IMPUTATION @ Rapport 2025 Lianes!B2",
      "info NUM-TEXTE @ Rapport 2025 Lianes!D2",
      "info FORMULE-FIGEE @ Rapport 2025 Lianes!G2",
      "info FORMULE-FIGEE @ Convention 2025!D5",
      "info NUM-TEXTE @ APES 2023!C2",
      "info FORMULE-FIGEE @ APES 2023!C8",
      "info NUM-TEXTE @ APES 2023!D12",
    ]);
  });

  it("keeps every finding in exactly one card", () => {
    const members = cards.flatMap((c) => c.findings);
    expect(members).toHaveLength(findings.length);
    expect(new Set(members)).toEqual(new Set(findings));
  });

  it("lists NUM-TEXTE's columns once per table", () => {
    const lianes = cards.find((c) => c.sheet === "Rapport 2025 Lianes" && c.rules[0] === "NUM-TEXTE")!;
    expect(lianes.columns).toEqual(["СР", "Disponible", "Proposition", "Solde"]);
    expect(lianes.findings.map((f) => f.cell)).toEqual(["D2", "E2", "F2", "G2"]);
    const deliberation = cards.find((c) => c.sheet === "Délibération 2023")!;
    expect(deliberation.columns).toEqual(["CP €", "Dépense €"]);
  });

  it("carries the shared fix on a merged card, the error's message first", () => {
    const total = cards.find((c) => c.cell === "C13")!;
    expect(total.fix).toMatchObject({ sheet: "Convention 2025", cell: "C13", formula: "=SUM(C5:C12)" });
    const solde = cards.find((c) => c.cell === "G12" && c.sheet === "APES 2023" && c.severity === "error")!;
    expect(solde.findings.map((f) => f.rule)).toEqual(["IMP-SOLDE", "FORMULE-FIGEE"]);
    expect(solde.fix?.formula).toBe("=E12-F12");
  });

  it("gives distinct keys", () => {
    expect(new Set(cards.map((c) => c.key)).size).toBe(cards.length);
  });
});

describe("groupFindings, an XREF caused by a wrong TOTAL", () => {
  // Convention for 9 380; its breakdown's rows add to 9 480 (3 100 for 3 000) under a TOTAL of 9 180.
  const convention = [
    ["Montant de la subvention", "9 380 €"],
    ["Coût total prévisionnel", "10 000 €"],
    [],
  ];
  const snapshot = snapshotOf([{ name: "Convention", rows: [...convention, ...lianesBudget({ amounts: { 0: "3 100,00 €" }, total: "9 180,00 €" })] }]);
  const findings = checkWorkbook(snapshot).findings;
  const cards = groupFindings(findings);

  it("names the REP-TOTAL card as the XREF card's cause", () => {
    const xref = cards.find((c) => c.rules.includes("XREF-MONTANT"))!;
    const total = cards.find((c) => c.rules.includes("REP-TOTAL"))!;
    // The breakdown's header is row 4, its eight lines rows 5–12: the TOTAL is C13.
    expect(total.cell).toBe("C13");
    expect(xref.cell).toBe("B1");
    expect(xref.causeKey).toBe(total.key);
  });

  it("names no cause when the TOTAL is right", () => {
    const right = snapshotOf([{ name: "Convention", rows: [...convention, ...lianesBudget({ amounts: { 0: "3 100,00 €" }, total: "9 480,00 €" })] }]);
    const found = groupFindings(checkWorkbook(right).findings);
    const xref = found.find((c) => c.rules.includes("XREF-MONTANT"))!;
    expect(xref).toBeDefined();
    expect(xref.causeKey).toBeUndefined();
  });
});

describe("groupFindings on hand-made findings", () => {
  const f = (rule: string, cell: string, extra: Partial<Finding> = {}): Finding => ({
    rule,
    severity: "error",
    sheet: "R",
    cell,
    related: [],
    messageId: "m",
    data: {},
    message: "",
    ...extra,
  });

  it("does not merge two findings on one cell with different fixes, nor two without a fix", () => {
    const cards = groupFindings([
      f("A-1", "B2", { fix: { sheet: "R", cell: "B2", formula: "=1" } }),
      f("A-2", "B2", { fix: { sheet: "R", cell: "B2", formula: "=2" } }),
      f("A-3", "B2"),
      f("A-4", "B2"),
    ]);
    expect(cards).toHaveLength(4);
  });

  it("sorts rows numerically (B10 after B9) and severities before positions", () => {
    const cards = groupFindings([f("X", "B10"), f("Y", "B9"), f("Z", "A1", { severity: "info" }), f("W", "AA1", { severity: "warning" })]);
    expect(cards.map((c) => c.cell)).toEqual(["B9", "B10", "AA1", "A1"]);
  });
});
