import type { Finding } from "../../src/core/findings";
import { readSettings } from "../../src/core/settings";
import { createExcelHost } from "../../src/excel";
import { NBSP, NNBSP as NARROW_NBSP } from "../../src/core/format";
import { REPORT_SHEET, hyperlinkFormula } from "../../src/excel/report";
import { HostError } from "../../src/host/HostApi";
import { FakeWorkbook } from "./fake-excel";
import { MONEY, addArticle3Sheet } from "./workbooks";

/** Requirement-set versions compare by their minor number: ExcelApi 1.14 is above 1.9. */
function minor(version: string): number {
  return Number(version.split(".")[1] ?? 0);
}

function hostFor(wb: FakeWorkbook, options: { lang?: "fr" | "en"; apiVersion?: string } = {}) {
  const version = minor(options.apiVersion ?? "1.9");
  return createExcelHost({
    run: wb.run,
    lang: options.lang,
    isSetSupported: (name, v) => name === "ExcelApi" && minor(v) <= version,
    retryDelayMs: 0,
  });
}

const solde: Finding = {
  rule: "IMP-SOLDE",
  severity: "error",
  sheet: "Rapport 2023",
  cell: "G4",
  related: ["Rapport 2023!D4", "Rapport 2023!F4"],
  actual: { kind: "money", cents: 700_000 },
  expected: { kind: "money", cents: 2_400_000 },
  messageId: "soldeMismatch",
  data: {},
  message: "=Le solde 7 000,00 € ne correspond pas à CP − Proposition (24 000,00 €).",
  fix: { sheet: "Rapport 2023", cell: "G4", formula: "=D4-F4" },
};

const taux: Finding = {
  rule: "RATIO-TAUX",
  severity: "warning",
  sheet: "L'an 2025",
  cell: "C7",
  related: [],
  actual: { kind: "percent", points: 37.44, decimals: 2 },
  expected: { kind: "text", text: "+20 %" },
  messageId: "tauxMismatch",
  data: {},
  message: "Le taux 37,44 % dépasse le plafond.",
};

function workbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  addArticle3Sheet(wb, "Rapport 2023", 10);
  wb.addSheet("L'an 2025", { rows: [["Taux", 0.3744]] });
  return wb;
}

describe("applyFix", () => {
  it("writes a formula as a formula", async () => {
    const wb = workbook();
    await hostFor(wb).applyFix({ sheet: "Rapport 2023", cell: "E5", formula: "=C5-D5" });
    expect(wb.sheet("Rapport 2023").cell("E5")?.formula).toBe("=C5-D5");
    // One sync reads what the cell held (for the undo), one writes.
    expect(wb.syncCount).toBe(2);
  });

  it("writes a text that looks like a formula as text", async () => {
    const wb = workbook();
    await hostFor(wb).applyFix({ sheet: "Rapport 2023", cell: "C5", value: "=SOMME(A1)" });
    const cell = wb.sheet("Rapport 2023").cell("C5");
    expect(cell).toMatchObject({ value: "=SOMME(A1)", numberFormat: "@" });
    expect(cell?.formula).toBeUndefined();
    expect(wb.syncCount).toBe(2);
  });

  it("writes a number as a number and keeps the cell's format", async () => {
    const wb = workbook();
    await hostFor(wb).applyFix({ sheet: "Rapport 2023", cell: "D5", value: 7000 });
    expect(wb.sheet("Rapport 2023").cell("D5")).toMatchObject({ value: 7000, numberFormat: MONEY });
  });

  it("names the sheet when it is protected", async () => {
    const wb = workbook();
    wb.sheet("Rapport 2023").isProtected = true;
    const error = await hostFor(wb, { lang: "en" })
      .applyFix({ sheet: "Rapport 2023", cell: "E5", formula: "=C5-D5" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({
      code: "protected-sheet",
      sheet: "Rapport 2023",
      message: 'The sheet "Rapport 2023" is protected: unprotect it (Review > Unprotect Sheet), then try again.',
    });
  });

  it("reports a sheet that no longer exists", async () => {
    const wb = workbook();
    const error = await hostFor(wb).applyFix({ sheet: "Disparue", cell: "A1", value: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "not-found", sheet: "Disparue" });
  });
});

describe("undoFix: anything Pointage writes, Pointage can undo", () => {
  it.each<[string, { value: string | number; numberFormat: string; formula?: string } | undefined]>([
    ["a number typed as a constant", { value: 7000.5, numberFormat: MONEY }],
    ["a formula", { value: 24000, formula: "=E5*2", numberFormat: MONEY }],
    ["a number pasted as text", { value: "620,00", numberFormat: "@" }],
    ["text typed as `=abc` in a General cell", { value: "=abc", numberFormat: "General" }],
    ["an empty cell", undefined],
  ])("puts back %s exactly", async (_name, original) => {
    const wb = workbook();
    const sheet = wb.sheet("Rapport 2023");
    if (original) sheet.setRows("G20", [[original]]);
    const before = JSON.parse(JSON.stringify(sheet.cell("G20") ?? null));
    const host = hostFor(wb);
    const undo = await host.applyFix({ sheet: "Rapport 2023", cell: "G20", formula: "=E20-F20" });
    expect(sheet.cell("G20")?.formula).toBe("=E20-F20");
    expect(undo).toMatchObject({ sheet: "Rapport 2023", cell: "G20" });
    const syncs = wb.syncCount;
    await host.undoFix!(undo!);
    expect(wb.syncCount - syncs).toBe(1);
    const after = JSON.parse(JSON.stringify(sheet.cell("G20") ?? null));
    if (!original) expect(after?.value ?? "").toBe("");
    else if (original.formula) expect(after).toMatchObject({ formula: original.formula, numberFormat: original.numberFormat });
    else expect({ value: after.value, numberFormat: after.numberFormat, formula: after.formula }).toEqual({ ...original, formula: before.formula });
  });
});

describe("selectCell", () => {
  it("activates the sheet and selects the cell in one sync", async () => {
    const wb = workbook();
    await hostFor(wb).selectCell("L'an 2025", "B1");
    expect(wb.activeSheet).toBe("L'an 2025");
    expect(wb.selection).toEqual({ sheet: "L'an 2025", address: "B1" });
    expect(wb.syncCount).toBe(1);
  });

  it("selects a range too (« Aller à la plage » on a range no check covered)", async () => {
    const wb = workbook();
    await hostFor(wb).selectCell("L'an 2025", "B1:C3");
    expect(wb.selection).toEqual({ sheet: "L'an 2025", address: "B1:C3" });
  });
});

describe("selectCell on a hidden sheet", () => {
  it("says the sheet is hidden", async () => {
    const wb = workbook();
    wb.sheet("L'an 2025").visibility = "Hidden";
    const error = await hostFor(wb).selectCell("L'an 2025", "B1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({
      code: "not-found",
      message: "La feuille « L'an 2025 » est masquée : affichez-la (clic droit sur un onglet > Afficher) pour voir la cellule B1.",
    });
  });

  it("says what shows a very hidden sheet, which the Unhide menu does not list", async () => {
    const wb = workbook();
    wb.sheet("L'an 2025").visibility = "VeryHidden";
    const fr = await hostFor(wb).selectCell("L'an 2025", "B1").catch((e: unknown) => e);
    expect(fr).toMatchObject({
      code: "not-found",
      sheet: "L'an 2025",
      message:
        "La feuille « L'an 2025 » est masquée de façon que le menu Afficher ne la propose pas : rendez-la visible dans l'éditeur Visual Basic (Alt+F11, propriété Visible de la feuille : -1 - xlSheetVisible) pour voir la cellule B1.",
    });
    const en = await hostFor(wb, { lang: "en" }).selectCell("L'an 2025", "B1").catch((e: unknown) => e);
    expect((en as HostError).message).toBe(
      "The sheet \"L'an 2025\" is very hidden, so the Unhide menu does not list it: make it visible in the Visual Basic Editor (Alt+F11, the sheet's Visible property: -1 - xlSheetVisible) to see cell B1.",
    );
  });
});

describe("cell-edit mode", () => {
  it("retries once after a short delay", async () => {
    const wb = workbook();
    wb.failNextSyncs("InvalidOperationInCellEditMode", 1);
    await hostFor(wb).selectCell("Rapport 2023", "A2");
    expect(wb.runs).toBe(2);
    expect(wb.selection).toEqual({ sheet: "Rapport 2023", address: "A2" });
  });

  it("then asks the user to finish typing, in French or English", async () => {
    for (const [lang, text] of [
      ["fr", "Terminez la saisie en cours dans la cellule, puis relancez le contrôle."],
      ["en", "Finish editing the cell, then run the check again."],
    ] as const) {
      const wb = workbook();
      wb.failNextSyncs("InvalidOperationInCellEditMode", 2);
      const error = await hostFor(wb, { lang }).readWorkbook().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HostError);
      expect(error).toMatchObject({ code: "cell-edit-mode", message: text });
      expect(wb.runs).toBe(2);
    }
  });
});

describe("writeReport", () => {
  it("creates Contrôle with a header, text cells, French amounts and links", async () => {
    const wb = workbook();
    await hostFor(wb).writeReport([solde, taux], "fr");
    const sheet = wb.sheet(REPORT_SHEET);
    const row = (r: number) => ["A", "B", "C", "D", "E", "F", "G"].map((c) => sheet.cell(`${c}${r}`)?.value);
    expect(row(1)).toEqual(["Gravité", "Règle", "Feuille", "Cellule", "Constaté", "Attendu", "Message"]);
    expect(row(2)).toEqual([
      "Erreur",
      "IMP-SOLDE",
      "Rapport 2023",
      "G4",
      `7${NARROW_NBSP}000,00${NBSP}€`,
      `24${NARROW_NBSP}000,00${NBSP}€`,
      solde.message,
    ]);
    expect(row(3)).toEqual(["Avertissement", "RATIO-TAUX", "L'an 2025", "C7", `37,44${NARROW_NBSP}%`, "+20 %", taux.message]);
    // The message starting with "=" and the "+20 %" stayed text.
    expect(sheet.cell("G2")?.formula).toBeUndefined();
    expect(sheet.cell("F3")?.formula).toBeUndefined();
    for (const a of ["A2", "C3", "E2", "F3", "G2"]) expect(sheet.cell(a)?.numberFormat).toBe("@");
    expect(sheet.cell("D2")?.hyperlink).toEqual({ documentReference: "'Rapport 2023'!G4", textToDisplay: "G4" });
    expect(sheet.cell("D3")?.hyperlink).toEqual({ documentReference: "'L''an 2025'!C7", textToDisplay: "C7" });
    expect(sheet.cell("A1")).toMatchObject({ bold: true, fill: "#D9D9D9" });
    expect(sheet.cell("A2")?.fill).toBe("#FFC7CE");
    expect(sheet.cell("A3")?.fill).toBe("#FFEB9C");
    expect(sheet.cell("G2")).toMatchObject({ wrapText: true, verticalAlignment: "Top" });
    expect(sheet.cell("A5")).toMatchObject({ value: "Total : 1 erreur, 1 avertissement, 0 information.", bold: true });
    expect(sheet.frozenRows).toBe(1);
    expect(wb.activeSheet).toBe(REPORT_SHEET);
    expect(wb.syncCount).toBe(2);
  });

  it("leaves alone a sheet of the user's that happens to be called Contrôle", async () => {
    const wb = workbook();
    wb.addSheet("CONTRÔLE", { rows: [["Contrôle de gestion", 2025]] });
    const host = hostFor(wb);
    await host.writeReport([], "fr");
    await host.writeReport([taux], "fr");
    expect(wb.sheet("CONTRÔLE").cell("A1")?.value).toBe("Contrôle de gestion");
    expect(wb.sheets.map((s) => s.name)).toEqual(["Rapport 2023", "L'an 2025", "CONTRÔLE", "Contrôle (2)"]);
    expect(wb.sheet("Contrôle (2)").cell("B2")?.value).toBe("RATIO-TAUX");
    expect(wb.sheet("Contrôle (2)").cell("A4")?.value).toBe("Total : 0 erreur, 1 avertissement, 0 information.");
  });

  it("replaces an existing report, in English", async () => {
    const wb = workbook();
    const host = hostFor(wb, { lang: "en" });
    await host.writeReport([solde, taux], "fr");
    await host.writeReport([taux], "en");
    const sheet = wb.sheet(REPORT_SHEET);
    expect(wb.sheets.filter((s) => s.name === REPORT_SHEET)).toHaveLength(1);
    expect(sheet.cell("A1")?.value).toBe("Severity");
    expect(sheet.cell("A2")?.value).toBe("Warning");
    expect(sheet.cell("E2")?.value).toBe("37.44%");
    expect(sheet.cell("A3")).toBeUndefined();
    expect(sheet.cell("A4")?.value).toBe("Total: 0 errors, 1 warning, 0 information.");
    expect(sheet.cell("A5")).toBeUndefined();
  });

  it("writes HYPERLINK formulas before ExcelApi 1.7", async () => {
    const wb = workbook();
    await hostFor(wb, { apiVersion: "1.6" }).writeReport([taux], "fr");
    const link = wb.sheet(REPORT_SHEET).cell("D2");
    expect(link?.formula).toBe(`=HYPERLINK("#'L''an 2025'!C7","C7")`);
    expect(link?.numberFormat).toBe("General");
    expect(hyperlinkFormula('Budget "B"', "A1")).toBe(`=HYPERLINK("#'Budget ""B""'!A1","A1")`);
  });

  it("takes 2 syncs for 2 findings and for 2 000", async () => {
    const wb = workbook();
    await hostFor(wb).writeReport(
      Array.from({ length: 2_000 }, (_, i) => ({ ...solde, cell: `G${i + 2}` })),
      "fr",
    );
    expect(wb.syncCount).toBe(2);
    expect(wb.sheet(REPORT_SHEET).cell("D2001")?.hyperlink?.documentReference).toBe("'Rapport 2023'!G2001");
  });

  it("names the report sheet when it is protected", async () => {
    const wb = workbook();
    const host = hostFor(wb);
    await host.writeReport([solde], "fr");
    wb.sheet(REPORT_SHEET).isProtected = true;
    const error = await host.writeReport([solde], "fr").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "protected-sheet", sheet: REPORT_SHEET });
  });
});

describe("saveSettings", () => {
  it("writes the settings as text into a very hidden _pointage sheet, replacing the old rows", async () => {
    const wb = workbook();
    const host = hostFor(wb);
    await host.saveSettings({
      ignored: ["IMP-SOLDE|Rapport 2023|G4", "RATIO-TAUX|L'an 2025|C7"],
      headerMap: { "=Montant voté": "cp" },
      prorataRegime: "reduction",
    });
    await host.saveSettings({ ignored: ["IMP-SOLDE|Rapport 2023|G4"], headerMap: { "=Montant voté": "cp" }, prorataRegime: "prorata" });
    const sheet = wb.sheet("_pointage");
    expect(sheet.visibility).toBe("VeryHidden");
    expect(sheet.cell("B2")).toMatchObject({ value: "=Montant voté", numberFormat: "@" });
    expect(sheet.cell("B2")?.formula).toBeUndefined();
    expect(sheet.cell("A4")).toBeUndefined();

    const snapshot = await host.readWorkbook();
    expect(readSettings(snapshot)).toEqual({
      ignored: ["IMP-SOLDE|Rapport 2023|G4"],
      headerMap: { "=Montant voté": "cp" },
      prorataRegime: "prorata",
    });
  });

  it("says the workbook is protected when it cannot add the sheet", async () => {
    const wb = workbook();
    wb.structureProtected = true;
    const error = await hostFor(wb).saveSettings({ ignored: [], headerMap: {}, prorataRegime: "prorata" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "protected-sheet", sheet: undefined });
    expect((error as HostError).message).toMatch(/^Le classeur/);
  });
});

describe("onWorkbookChanged", () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

  it("calls back on the user's sheets, not on Pointage's own, until unsubscribed", async () => {
    const wb = workbook();
    const host = hostFor(wb);
    await host.writeReport([solde], "fr");
    const calls: string[] = [];
    const unsubscribe = host.onWorkbookChanged!(() => calls.push("changed"));
    await tick();
    await wb.emitChanged("Rapport 2023", "E5");
    await wb.emitChanged(REPORT_SHEET, "A2");
    expect(calls).toEqual(["changed"]);
    // Sheets added after subscribing are covered too (workbook-level event, ExcelApi 1.9).
    wb.addSheet("Nouvelle");
    await wb.emitChanged("Nouvelle");
    expect(calls).toHaveLength(2);
    unsubscribe();
    await tick();
    expect(wb.handlers).toHaveLength(0);
    await wb.emitChanged("Rapport 2023");
    expect(calls).toHaveLength(2);
  });

  it("subscribes sheet by sheet before ExcelApi 1.9", async () => {
    const wb = workbook();
    const host = hostFor(wb, { apiVersion: "1.8" });
    let calls = 0;
    const unsubscribe = host.onWorkbookChanged!(() => (calls += 1));
    await tick();
    expect(wb.handlers).toHaveLength(2);
    await wb.emitChanged("L'an 2025");
    expect(calls).toBe(1);
    unsubscribe();
    await tick();
    expect(wb.handlers).toHaveLength(0);
  });
});
