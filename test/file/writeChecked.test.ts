import * as ExcelJS from "exceljs";
import type { Finding, Quantity, Severity } from "../../src/core/findings";
import { readXlsx, writeCheckedCopy } from "../../src/file";
import { loadWorkbook } from "../../src/file/open";
import { editZipEntry, loadWithExcelJs, renameSheet, toXlsx, zipEntry } from "./helpers";

const NNBSP = "\u202f";
const NBSP = "\u00a0";

function finding(
  severity: Severity,
  sheet: string,
  cell: string,
  message: string,
  extra: { rule?: string; actual?: Quantity; expected?: Quantity } = {},
): Finding {
  return {
    rule: extra.rule ?? "IMP-SOLDE",
    severity,
    sheet,
    cell,
    related: [],
    actual: extra.actual,
    expected: extra.expected,
    messageId: "soldeMismatch",
    data: {},
    message,
  };
}

async function reportWorkbook(extraSheets: (wb: ExcelJS.Workbook) => void = () => undefined): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Rapport");
  ws.addRow(["Code", "CP", "Disponible", "Proposition", "", "", "Solde"]);
  ws.getCell("A2").value = "C05-043A06";
  ws.getCell("B2").value = 938000;
  ws.getCell("B3").value = 700000;
  // B2 and B3 share one style: filling B2 must not fill B3.
  ws.getCell("B2").numFmt = "#,##0.00";
  ws.getCell("B3").numFmt = "#,##0.00";
  ws.getCell("G4").value = { formula: "B2-B3", result: 238000 };
  ws.getCell("C4").value = 12;
  ws.getCell("C4").note = "Note de l'auteur";
  ws.mergeCells("D6:E7");
  ws.getCell("D6").value = "Fusion";
  wb.addWorksheet("L'été 2024").getCell("A1").value = 1;
  extraSheets(wb);
  return toXlsx(wb);
}

/** Column letters → 1-based number, written here rather than imported from the code under test. */
function columnNumber(letters: string): number {
  return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
}

function inRef(ref: string, address: string): boolean {
  const at = /^([A-Z]+)(\d+)$/.exec(address)!;
  return ref.split(/\s+/).some((part) => {
    const [a, b = a] = part.replace(/\$/g, "").split(":");
    const [, c1, r1] = /^([A-Z]+)(\d+)$/.exec(a)!;
    const [, c2, r2] = /^([A-Z]+)(\d+)$/.exec(b)!;
    const col = columnNumber(at[1]);
    const row = Number(at[2]);
    return col >= columnNumber(c1) && col <= columnNumber(c2) && row >= Number(r1) && row <= Number(r2);
  });
}

/**
 * The colour a cell shows through the sheet's always-true conditional formats (the one of
 * highest priority, lowest number, wins), as ExcelJS reads them back.
 */
function highlightOf(ws: ExcelJS.Worksheet, address: string): string | undefined {
  const rules: { priority: number; argb?: string }[] = [];
  // ExcelJS reads them into `conditionalFormattings`, which its types do not declare.
  const formats = (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings ?? [];
  for (const cf of formats) {
    if (!inRef(cf.ref, address)) continue;
    for (const rule of cf.rules) {
      const expression = rule as ExcelJS.ExpressionRuleType;
      if (expression.type !== "expression" || !(expression.formulae ?? []).includes("TRUE")) continue;
      const fill = expression.style?.fill as ExcelJS.FillPattern | undefined;
      rules.push({ priority: expression.priority ?? 0, argb: fill?.bgColor?.argb });
    }
  }
  return rules.sort((a, b) => a.priority - b.priority)[0]?.argb;
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill && fill.type === "pattern" ? fill.fgColor?.argb : undefined;
}

function noteText(cell: ExcelJS.Cell): string {
  const note = cell.note as string | ExcelJS.Comment | undefined;
  if (!note) return "";
  if (typeof note === "string") return note;
  return (note.texts ?? []).map((t) => t.text).join("");
}

describe("writeCheckedCopy", () => {
  const findings: Finding[] = [
    finding("warning", "Rapport", "G4", "Le solde semble arrondi.", { rule: "NUM-ARRONDI" }),
    finding("error", "Rapport", "G4", "Le solde devrait être 2 380,00 €.", {
      actual: { kind: "money", cents: 238000 },
      expected: { kind: "money", cents: 700000 },
    }),
    finding("warning", "Rapport", "B2", "CP à vérifier.", {
      rule: "IMP-CP",
      actual: { kind: "percent", points: 37.44, decimals: 2 },
      expected: { kind: "percent", points: 31.98, decimals: 2 },
    }),
    finding("info", "L'été 2024", "A1", "Pour information."),
    finding("error", "Rapport", "C4", "Une erreur sur une cellule annotée."),
    finding("info", "Rapport", "E7", "Dans une zone fusionnée."),
  ];

  let input: Uint8Array;
  let inputCopy: Uint8Array;
  let output: Uint8Array;
  let reloaded: ExcelJS.Workbook;

  beforeAll(async () => {
    input = await reportWorkbook();
    inputCopy = input.slice();
    output = await writeCheckedCopy(input, findings, "fr");
    reloaded = await loadWithExcelJs(output);
  });

  test("never modifies the input bytes", () => {
    expect(Buffer.from(input).equals(Buffer.from(inputCopy))).toBe(true);
  });

  test("colours each finding's cell by its worst severity, and only that cell, without touching its own fill", () => {
    const ws = reloaded.getWorksheet("Rapport")!;
    expect(highlightOf(ws, "G4")).toBe("FFFFC7CE");
    expect(highlightOf(ws, "B2")).toBe("FFFFEB9C");
    expect(highlightOf(ws, "C4")).toBe("FFFFC7CE");
    expect(highlightOf(ws, "B3")).toBeUndefined();
    expect(highlightOf(ws, "A2")).toBeUndefined();
    expect(highlightOf(reloaded.getWorksheet("L'été 2024")!, "A1")).toBe("FFDDEBF7");
    // A finding inside a merged area marks the area's top-left cell.
    expect(highlightOf(ws, "D6")).toBe("FFDDEBF7");
    // The cells' own formats are kept: a conditional format lies over them.
    expect(ws.getCell("B2").numFmt).toBe("#,##0.00");
    expect(fillOf(ws.getCell("G4"))).toBeUndefined();
  });

  test("puts every message of a cell in its note, keeping an existing note", () => {
    const ws = reloaded.getWorksheet("Rapport")!;
    const g4 = noteText(ws.getCell("G4"));
    expect(g4).toContain("NUM-ARRONDI : Le solde semble arrondi.");
    expect(g4).toContain("IMP-SOLDE : Le solde devrait être 2 380,00 €.");
    const c4 = noteText(ws.getCell("C4"));
    expect(c4).toContain("Note de l'auteur");
    expect(c4).toContain("Une erreur sur une cellule annotée.");
  });

  test("keeps the workbook's values and formulas", async () => {
    const before = await readXlsx(input, "rapport.xlsx");
    const after = await readXlsx(output, "rapport.xlsx");
    for (const name of ["Rapport", "L'été 2024"]) {
      const a = before.sheets.find((s) => s.name === name)!;
      const b = after.sheets.find((s) => s.name === name)!;
      expect(b.values).toEqual(a.values);
      expect(b.formulas).toEqual(a.formulas);
      expect(b.origin).toEqual(a.origin);
    }
  });

  test("adds a Contrôle sheet listing the findings, then a summary", () => {
    const ws = reloaded.getWorksheet("Contrôle")!;
    expect(ws).toBeDefined();
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1).map((v) => (v && typeof v === "object" && "text" in v ? (v as { text: string }).text : v));
    expect(row(1)).toEqual(["Gravité", "Règle", "Feuille", "Cellule", "Constaté", "Attendu", "Message"]);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    // Errors first, then warnings, then infos, each in workbook order.
    expect(row(4)).toEqual(["Avertissement", "NUM-ARRONDI", "Rapport", "G4", undefined, undefined, "Le solde semble arrondi."]);
    expect(row(2)).toEqual([
      "Erreur",
      "IMP-SOLDE",
      "Rapport",
      "G4",
      `2${NNBSP}380,00${NBSP}€`,
      `7${NNBSP}000,00${NBSP}€`,
      "Le solde devrait être 2 380,00 €.",
    ]);
    expect(row(3).slice(0, 4)).toEqual(["Erreur", "IMP-SOLDE", "Rapport", "C4"]);
    expect(row(5).slice(4, 6)).toEqual([`37,44${NNBSP}%`, `31,98${NNBSP}%`]);
    expect(row(6).slice(0, 4)).toEqual(["Information", "IMP-SOLDE", "L'été 2024", "A1"]);
    expect(row(7).slice(0, 4)).toEqual(["Information", "IMP-SOLDE", "Rapport", "E7"]);
    expect(ws.getCell("A9").value).toBe("Total : 2 erreurs, 2 avertissements, 2 informations.");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getColumn(7).width).toBeGreaterThan(50);
  });

  test("links each Cellule to its cell as Excel does: a location, no external relationship", async () => {
    const sheetXml = await zipEntry(output, "xl/worksheets/sheet3.xml");
    expect(sheetXml).toContain(`<hyperlink ref="D2" location="'Rapport'!G4"/>`);
    expect(sheetXml).toContain(`<hyperlink ref="D6" location="'L''été 2024'!A1"/>`);
    expect(sheetXml).not.toMatch(/<hyperlink[^>]*r:id/);
    const rels = await zipEntry(output, "xl/worksheets/_rels/sheet3.xml.rels").catch(() => "");
    expect(rels).not.toContain("#");
  });

  test("text that looks like a formula is written as text", async () => {
    const risky = [
      finding("error", "Rapport", "G4", '=HYPERLINK("http://example.org","clic")', {
        rule: "+RULE",
        actual: { kind: "text", text: "-1+2" },
        expected: { kind: "text", text: "@SOMME(A1)" },
      }),
      finding("warning", "=Feuille", "A1", "=1+1"),
    ];
    const out = await writeCheckedCopy(input, risky, "fr");
    const ws = (await loadWithExcelJs(out)).getWorksheet("Contrôle")!;
    for (const address of ["B2", "E2", "F2", "G2", "C3", "G3"]) {
      const cell = ws.getCell(address);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
    expect(ws.getCell("G2").value).toBe('=HYPERLINK("http://example.org","clic")');
    expect(ws.getCell("E2").value).toBe("-1+2");
    expect(ws.getCell("F2").value).toBe("@SOMME(A1)");
    expect(ws.getCell("G2").numFmt).toBe("@");
    const controlXml = await zipEntry(out, "xl/worksheets/sheet3.xml");
    expect(controlXml).not.toContain("<f>");
  });

  test("characters XML forbids do not break the file", async () => {
    const out = await writeCheckedCopy(input, [finding("error", "Rapport", "G4", "Bip\u0007 et\u0000 fin")], "fr");
    const ws = (await loadWithExcelJs(out)).getWorksheet("Contrôle")!;
    expect(ws.getCell("G2").value).toBe("Bip et fin");
  });

  test("takes Contrôle (2) when a Contrôle sheet exists, and leaves that one alone", async () => {
    const bytes = await reportWorkbook((wb) => {
      wb.addWorksheet("contrôle").getCell("A1").value = "à moi";
      wb.addWorksheet("Contrôle (2)").getCell("A1").value = "à moi aussi";
    });
    const out = await loadWithExcelJs(await writeCheckedCopy(bytes, [findings[1]], "fr"));
    expect(out.worksheets.map((w) => w.name)).toEqual(["Rapport", "L'été 2024", "contrôle", "Contrôle (2)", "Contrôle (3)"]);
    expect(out.getWorksheet("contrôle")!.getCell("A1").value).toBe("à moi");
    expect(out.getWorksheet("Contrôle (3)")!.getCell("B2").value).toBe("IMP-SOLDE");
  });

  test("English headers and labels", async () => {
    const out = await loadWithExcelJs(await writeCheckedCopy(input, findings.slice(0, 3), "en"));
    const ws = out.getWorksheet("Contrôle")!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(["Severity", "Rule", "Sheet", "Cell", "Found", "Expected", "Message"]);
    expect(ws.getCell("A2").value).toBe("Error");
    expect(ws.getCell("E2").value).toBe("€2,380.00");
    expect(ws.getCell("A3").value).toBe("Warning");
    expect(ws.getCell("A6").value).toBe("Total: 1 error, 2 warnings, 0 information.");
    expect(noteText(out.getWorksheet("Rapport")!.getCell("G4"))).toContain("IMP-SOLDE: Le solde devrait");
  });

  test("no findings: an empty list and a line saying so", async () => {
    const ws = (await loadWithExcelJs(await writeCheckedCopy(input, [], "fr"))).getWorksheet("Contrôle")!;
    expect(ws.getCell("A3").value).toBe("Aucune anomalie relevée.");
  });

  test("a finding on an unknown sheet or a bad address is listed without a link", async () => {
    const out = await writeCheckedCopy(input, [finding("error", "Absente", "G4", "?"), finding("error", "Rapport", "pas une adresse", "?")], "fr");
    const ws = (await loadWithExcelJs(out)).getWorksheet("Contrôle")!;
    expect(ws.getCell("D2").value).toBe("G4");
    expect(ws.getCell("D3").value).toBe("pas une adresse");
    expect(await zipEntry(out, "xl/worksheets/sheet3.xml")).not.toContain("<hyperlink ");
  });

  test("a sheet name over 31 characters keeps its name, its marks and its link", async () => {
    const longName = "Projets_dotations_investissement_2019";
    const bytes = await renameSheet(await reportWorkbook(), "Rapport", longName);
    const out = await writeCheckedCopy(bytes, [finding("error", longName, "G4", "Écart.")], "fr");

    const workbookXml = await zipEntry(out, "xl/workbook.xml");
    expect(workbookXml).toContain(`name="${longName}"`);
    expect(workbookXml).not.toContain("__pointage");
    expect(await zipEntry(out, "docProps/app.xml")).not.toContain("__pointage");
    expect(await zipEntry(out, "xl/worksheets/sheet3.xml")).toContain(`location="'${longName}'!G4"`);

    const read = await readXlsx(out, "copie.xlsx");
    expect(read.sheets.map((s) => s.name)).toEqual([longName, "L'été 2024", "Contrôle"]);
    const loaded = await loadWorkbook(out, "copie.xlsx");
    const ws = loaded.workbook.worksheets[0];
    expect(highlightOf(ws, "G4")).toBe("FFFFC7CE");
  });

  test("a LibreOffice workbook in the 1904 date system stays in it", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Dates");
    ws.getCell("A1").value = 43844;
    ws.getCell("A1").numFmt = "dd/mm/yyyy";
    const bytes = await editZipEntry(await toXlsx(wb), "xl/workbook.xml", (xml) => xml.replace(/<workbookPr[^>]*\/>/, '<workbookPr date1904="true"/>'));
    const out = await writeCheckedCopy(bytes, [finding("info", "Dates", "A1", "Date.")], "fr");
    // The workbook part is the original plus one <sheet>: LibreOffice's spelling is kept.
    expect(await zipEntry(out, "xl/workbook.xml")).toContain('<workbookPr date1904="true"/>');
    expect((await readXlsx(out, "dates.xlsx")).sheets[0].values[0][0]).toBe(43844);
  });

  test("a range finding marks every cell of the range, the note goes on its first cell", async () => {
    const out = await loadWithExcelJs(await writeCheckedCopy(input, [finding("warning", "Rapport", "B2:B3", "Colonne CP.")], "fr"));
    const ws = out.getWorksheet("Rapport")!;
    expect(highlightOf(ws, "B2")).toBe("FFFFEB9C");
    expect(highlightOf(ws, "B3")).toBe("FFFFEB9C");
    expect(highlightOf(ws, "B4")).toBeUndefined();
    expect(noteText(ws.getCell("B2"))).toContain("Colonne CP.");
    expect(noteText(ws.getCell("B3"))).toBe("");
  });

  test("Excel tables and the workbook's own internal links survive", async () => {
    const bytes = await reportWorkbook((wb) => {
      const ws = wb.addWorksheet("Tableaux");
      ws.addTable({
        name: "Article3",
        ref: "A1",
        headerRow: true,
        columns: [{ name: "Code" }, { name: "CP" }],
        rows: [["C05-043A06", 9380]],
      });
      ws.getCell("D1").value = { text: "vers le rapport", hyperlink: "#Rapport!A1" };
    });
    const out = await writeCheckedCopy(bytes, [finding("error", "Tableaux", "B2", "CP.")], "fr");
    const read = await readXlsx(out, "copie.xlsx");
    expect(read.sheets.find((s) => s.name === "Tableaux")!.listObjects).toEqual([{ name: "Article3", range: "A1:B2" }]);
    // The sheet's own links and table parts are the workbook's, kept as they were.
    const before = await zipEntry(bytes, "xl/worksheets/sheet3.xml");
    const hyperlinks = before.slice(before.indexOf("<hyperlinks>"), before.indexOf("</hyperlinks>"));
    expect(hyperlinks.length).toBeGreaterThan(20);
    expect(await zipEntry(out, "xl/worksheets/sheet3.xml")).toContain(hyperlinks);
    expect(await zipEntry(out, "xl/tables/table1.xml")).toBe(await zipEntry(bytes, "xl/tables/table1.xml"));
  });

  test("accepts an ArrayBuffer", async () => {
    const buffer = input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength) as ArrayBuffer;
    const out = await writeCheckedCopy(buffer, findings, "fr");
    expect(out).toBeInstanceOf(Uint8Array);
    expect((await loadWithExcelJs(out)).getWorksheet("Contrôle")).toBeDefined();
  });

  test("a workbook written with namespace prefixes (OpenXML SDK) gets prefixed additions", async () => {
    // Every SpreadsheetML element of the workbook and the sheet as `x:…`, as the OpenXML SDK writes them.
    const prefix = (xml: string) =>
      xml.replace(/<(\/?)(?![?!])([a-zA-Z]+[ />])/g, "<$1x:$2").replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"');
    let bytes = await editZipEntry(await reportWorkbook(), "xl/workbook.xml", prefix);
    bytes = await editZipEntry(bytes, "xl/worksheets/sheet1.xml", prefix);
    const out = await writeCheckedCopy(bytes, [finding("error", "Rapport", "G4", "Écart.")], "fr");
    const sheetXml = await zipEntry(out, "xl/worksheets/sheet1.xml");
    // After the merged areas, as CT_Worksheet orders them.
    expect(sheetXml).toMatch(/<\/x:mergeCells><x:conditionalFormatting sqref="G4"><x:cfRule type="expression"/);
    expect(sheetXml).not.toMatch(/<conditionalFormatting|<legacyDrawing/);
    expect(await zipEntry(out, "xl/workbook.xml")).toMatch(/<x:sheet name="Contrôle" sheetId="3" r:id="rIdPointage1"\/><\/x:sheets>/);
    const read = await readXlsx(out, "copie.xlsx");
    expect(read.sheets.map((sh) => sh.name)).toEqual(["Rapport", "L'été 2024", "Contrôle"]);
    expect(read.sheets[0].values[3][6]).toBe(238000);
  });
});
