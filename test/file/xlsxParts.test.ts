/**
 * The .xlsx reader on packages written by hand (raw XML through JSZip), as scripts and other
 * tools write them: no cached results, shared formulas, inline and rich strings, parts the reader
 * must ignore (drawings, comments) and parts it must not do without.
 */
import JSZip from "jszip";
import { checkWorkbook } from "../../src/core/engine";
import type { SheetSnapshot } from "../../src/core/model";
import { readXlsx, UnusableFileError } from "../../src/file";

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

interface SheetSpec {
  name: string;
  xml: string;
  state?: string;
  /** Extra relationships of the sheet part (`<Relationship …/>`), with the parts they name. */
  rels?: string;
  parts?: Record<string, string>;
}

/** A package: the sheets' XML bodies (inside `<worksheet>`), shared strings and styles as given. */
async function xlsx(sheets: SheetSpec[], options: { strings?: string[] | null; styles?: string; workbookExtra?: string; drop?: string[] } = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>');
  zip.file("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  const sheetTags = sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ""}/>`).join("");
  zip.file("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook ${MAIN}><sheets>${sheetTags}</sheets>${options.workbookExtra ?? ""}</workbook>`);
  let rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("");
  rels += `<Relationship Id="rS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="${REL}/styles" Target="styles.xml"/>`;
  zip.file("xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`);
  sheets.forEach((s, i) => {
    zip.file(`xl/worksheets/sheet${i + 1}.xml`, `<?xml version="1.0"?><worksheet ${MAIN}>${s.xml}</worksheet>`);
    if (s.rels) zip.file(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${s.rels}</Relationships>`);
    for (const [path, text] of Object.entries(s.parts ?? {})) zip.file(path, text);
  });
  if (options.strings !== null) {
    const items = (options.strings ?? []).map((t) => (t.startsWith("<") ? `<si>${t}</si>` : `<si><t>${t}</t></si>`)).join("");
    zip.file("xl/sharedStrings.xml", `<sst ${MAIN}>${items}</sst>`);
  }
  zip.file("xl/styles.xml", options.styles ?? `<styleSheet ${MAIN}><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`);
  for (const path of options.drop ?? []) zip.remove(path);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

const HEADER = ["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP", "Disponible", "Proposition", "Solde"];

/** The Article-3 header row as shared strings 0–6 (row 1). */
const headerRow = `<row r="1">${HEADER.map((_, i) => `<c r="${"ABCDEFG"[i]}1" t="s"><v>${i}</v></c>`).join("")}</row>`;

/** An inline-string cell. */
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const num = (ref: string, n: number) => `<c r="${ref}"><v>${n}</v></c>`;

/** Lianes 2023 (seeds): CP 43 056, Disponible 31 000; the Proposition and the Solde as given. */
function lianesRow(r: number, proposition: string, solde: string): string {
  return `<row r="${r}">${inline(`A${r}`, "C05-043A06")}${inline(`B${r}`, "65748/93043")}${inline(`C${r}`, "Actions européennes")}${num(`D${r}`, 43056)}${num(`E${r}`, 31000)}${proposition}${solde}</row>`;
}

function cell(sheet: SheetSnapshot, address: string) {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  const col = m[1].charCodeAt(0) - 65 - sheet.origin.column;
  const row = Number(m[2]) - 1 - sheet.origin.row;
  return { value: sheet.values[row]?.[col], formula: sheet.formulas?.[row]?.[col], type: sheet.valueTypes?.[row]?.[col], numFmt: sheet.numberFormats?.[row]?.[col] };
}

async function refusal(bytes: Uint8Array): Promise<UnusableFileError> {
  const error = await readXlsx(bytes, "seance.xlsx").then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnusableFileError);
  return error as UnusableFileError;
}

describe("formulas with no cached value", () => {
  test("a Proposition =E2*2 with no <v> over its Disponible gets its IMP-DEPASSEMENT", async () => {
    const bytes = await xlsx([{ name: "Rapport", xml: `<sheetData>${headerRow}${lianesRow(2, '<c r="F2"><f>E2*2</f></c>', '<c r="G2"><f>E2-F2</f></c>')}</sheetData>` }], { strings: HEADER });
    const snapshot = await readXlsx(bytes, "script.xlsx");
    // Read as a formula with no result, never as a stored empty.
    expect(cell(snapshot.sheets[0], "F2")).toEqual({ value: "", formula: "=E2*2", type: "Empty", numFmt: "General" });
    const result = checkWorkbook(snapshot);
    // 31 000 × 2 = 62 000 proposed over 31 000 available.
    expect(result.findings).toContainEqual(expect.objectContaining({ rule: "IMP-DEPASSEMENT", sheet: "Rapport", cell: "F2", actual: { kind: "money", cents: 6_200_000 }, expected: { kind: "money", cents: 3_100_000 } }));
  });

  test("cached and uncached formulas mixed: the uncached one is computed, a stored empty text stays a text", async () => {
    const rows =
      headerRow +
      // Uncached: 31 000 × 2 = 62 000 > 31 000.
      lianesRow(2, '<c r="F2"><f>E2*2</f></c>', '<c r="G2"><f>E2-F2</f><v>-31000</v></c>') +
      // Cached and right: 31 000 / 2 = 15 500 proposed, 15 500 left.
      lianesRow(3, '<c r="F3"><f>E3/2</f><v>15500</v></c>', '<c r="G3"><f>E3-F3</f><v>15500</v></c>').replace("C05-043A06", "C01-020Q01") +
      `<row r="5"><c r="H5" t="str"><f>IF(E3&gt;0,"","x")</f><v></v></c></row>`;
    const snapshot = await readXlsx(await xlsx([{ name: "Rapport", xml: `<sheetData>${rows}</sheetData>` }], { strings: HEADER }), "mix.xlsx");
    const sheet = snapshot.sheets[0];
    expect(cell(sheet, "F3")).toMatchObject({ value: 15500, formula: "=E3/2", type: "Double" });
    expect(cell(sheet, "H5")).toMatchObject({ value: "", formula: '=IF(E3>0,"","x")', type: "String" });
    const found = checkWorkbook(snapshot).findings;
    expect(found).toContainEqual(expect.objectContaining({ rule: "IMP-DEPASSEMENT", cell: "F2", actual: { kind: "money", cents: 6_200_000 } }));
    expect(found.filter((f) => f.cell === "E3" || f.cell === "F3" || f.cell === "G3")).toEqual([]);
  });
});

describe("what a cell holds", () => {
  test("shared formulas are expanded from their master, references moved as Excel moves them", async () => {
    const rows =
      `<row r="2">${num("A2", 1)}${num("B2", 2)}<c r="C2"><f t="shared" ref="C2:C4" si="0">A2+$B$2*B2</f><v>5</v></c></row>` +
      `<row r="3">${num("A3", 3)}${num("B3", 4)}<c r="C3"><f t="shared" si="0"/><v>11</v></c></row>` +
      `<row r="4">${num("A4", 5)}${num("B4", 6)}<c r="C4"><f t="shared" si="0"></f><v>17</v></c></row>`;
    const snapshot = await readXlsx(await xlsx([{ name: "S", xml: `<sheetData>${rows}</sheetData>` }]), "f.xlsx");
    const sheet = snapshot.sheets[0];
    expect(cell(sheet, "C2").formula).toBe("=A2+$B$2*B2");
    expect(cell(sheet, "C3")).toMatchObject({ formula: "=A3+$B$2*B3", value: 11 });
    expect(cell(sheet, "C4").formula).toBe("=A4+$B$2*B4");
  });

  test("rich text without its phonetic guide, booleans, errors, number formats, merges, visibility, a long name", async () => {
    const styles = `<styleSheet ${MAIN}><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="164"/></cellXfs></styleSheet>`;
    const rows =
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="b"><v>1</v></c><c r="C1" t="e"><v>#DIV/0!</v></c><c r="D1" s="1"><v>0.2</v></c><c r="E1" s="2"><v>1234.5</v></c></row>` +
      `<row r="2"><c r="A2"><v>7</v></c><c r="B2"><v>8</v></c><c r="C2" t="s"><v>1</v></c></row>`;
    const long = "Rapport de la commission permanente du 12 juin";
    const bytes = await xlsx([{ name: long, state: "hidden", xml: `<sheetData>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells>` }], {
      strings: ['<r><t>Sub</t></r><r><rPr><b/></rPr><t xml:space="preserve">vention </t></r><rPh sb="0" eb="1"><t>ruby</t></rPh>', ""],
      styles,
    });
    const sheet = (await readXlsx(bytes, "r.xlsx")).sheets[0];
    expect(sheet.name).toBe(long);
    expect(sheet.visibility).toBe("Hidden");
    expect(cell(sheet, "A1")).toMatchObject({ value: "Subvention ", type: "String" });
    expect(cell(sheet, "B1")).toMatchObject({ value: true, type: "Boolean" });
    expect(cell(sheet, "C1")).toMatchObject({ value: "#DIV/0!", type: "Error" });
    expect(cell(sheet, "D1")).toMatchObject({ value: 0.2, numFmt: "0.00%" });
    expect(cell(sheet, "E1")).toMatchObject({ value: 1234.5, numFmt: '#,##0.00\\ "€"' });
    // A merged area keeps only its top-left value, as Office.js reads it; an empty text is no data.
    expect(cell(sheet, "A2").value).toBe(7);
    expect(cell(sheet, "B2")).toMatchObject({ value: "", type: "Empty" });
    expect(cell(sheet, "C2")).toMatchObject({ value: "", type: "Empty" });
    expect(sheet.merges).toEqual(["A2:B2"]);
  });

  test("Excel tables through the sheet's relationships; drawings and comments never read, even when broken", async () => {
    const rels =
      `<Relationship Id="rIdT" Type="${REL}/table" Target="../tables/table1.xml"/>` +
      `<Relationship Id="rIdD" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/>` +
      `<Relationship Id="rIdC" Type="${REL}/comments" Target="/xl/comments/comment1.xml"/>`;
    const bytes = await xlsx([
      {
        name: "Budget",
        xml: `<sheetData><row r="1">${inline("A1", "Poste")}${inline("B1", "Montant")}</row><row r="2">${inline("A2", "Loyer")}${num("B2", 1200)}</row></sheetData><drawing r:id="rIdD"/><legacyDrawing r:id="rIdC"/><tableParts count="1"><tablePart r:id="rIdT"/></tableParts>`,
        rels,
        parts: {
          "xl/tables/table1.xml": `<table ${MAIN} id="1" name="Table1" displayName="Charges" ref="$A$1:$B$2"><tableColumns count="2"/></table>`,
          "xl/drawings/drawing1.xml": "<xdr:wsDr><unclosed",
          "xl/comments/comment1.xml": "not xml at all <<<",
        },
      },
    ]);
    const sheet = (await readXlsx(bytes, "openpyxl.xlsx")).sheets[0];
    expect(sheet.listObjects).toEqual([{ name: "Charges", range: "A1:B2" }]);
    expect(cell(sheet, "B2").value).toBe(1200);
  });

  test("defined names: a cell's value, a constant, a sheet-scoped name; Excel's own names left out", async () => {
    const names =
      "<definedNames>" +
      "<definedName name=\"TotalCP\">'Rapport 1'!$B$2</definedName>" +
      '<definedName name="TauxTVA">0.2</definedName>' +
      '<definedName name="Local" localSheetId="0">SUM(\'Rapport 1\'!$B$1:$B$2)</definedName>' +
      "<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">'Rapport 1'!$A$1:$B$2</definedName>" +
      "</definedNames>";
    const bytes = await xlsx([{ name: "Rapport 1", xml: `<sheetData><row r="1">${num("B1", 5)}</row><row r="2">${num("B2", 43056)}</row></sheetData>` }], { workbookExtra: names });
    const snapshot = await readXlsx(bytes, "n.xlsx");
    expect(snapshot.names).toEqual([
      { name: "TotalCP", formula: "='Rapport 1'!$B$2", value: 43056 },
      { name: "TauxTVA", formula: "=0.2", value: 0.2 },
      { name: "Local", formula: "=SUM('Rapport 1'!$B$1:$B$2)", scope: "Rapport 1" },
    ]);
  });
});

describe("parts missing or damaged are refused, naming the sheet and the part", () => {
  const sheetWithStrings = `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>${num("B1", 3)}</row></sheetData>`;

  test("cells referring to shared strings when the part is missing", async () => {
    const error = await refusal(await xlsx([{ name: "Rapport", xml: sheetWithStrings }], { strings: null }));
    expect(error.code).toBe("damaged");
    expect(error.message).toBe("seance.xlsx : le classeur est endommagé : des cellules renvoient aux textes partagés, mais la partie xl/sharedStrings.xml manque (feuille « Rapport », cellule A1) ; Pointage ne contrôle pas ce classeur.");
  });

  test("a shared string index beyond the part", async () => {
    const error = await refusal(await xlsx([{ name: "Rapport", xml: sheetWithStrings.replace("<v>0</v>", "<v>9</v>") }], { strings: ["un"] }));
    expect(error.message).toContain("texte partagé n° 9");
    expect(error.message).toContain("cellule A1");
  });

  test("a sheet whose part is missing", async () => {
    const bytes = await xlsx(
      [
        { name: "Rapport", xml: "<sheetData/>" },
        { name: "Annexe", xml: "<sheetData/>" },
      ],
      { drop: ["xl/worksheets/sheet2.xml"] },
    );
    const error = await refusal(bytes);
    expect(error.code).toBe("damaged");
    expect(error.message).toContain("la feuille « Annexe » est annoncée mais ses cellules (xl/worksheets/sheet2.xml) manquent");
    expect(error.messageEn).toContain('sheet "Annexe" is listed');
  });

  test("a truncated sheet part", async () => {
    const xml = `<sheetData>${Array.from({ length: 50 }, (_, i) => `<row r="${i + 1}">${num(`A${i + 1}`, i)}</row>`).join("")}</sheetData>`;
    const zip = await JSZip.loadAsync(await xlsx([{ name: "Rapport", xml }]));
    const whole = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.file("xl/worksheets/sheet1.xml", whole.slice(0, Math.floor(whole.length / 2)));
    const error = await refusal(await zip.generateAsync({ type: "uint8array" }));
    expect(error.message).toBe("seance.xlsx : le classeur est endommagé : la partie xl/worksheets/sheet1.xml n'est pas du XML valide (tronquée ?) (feuille « Rapport ») ; Pointage ne contrôle pas ce classeur.");
  });

  test("a cell beyond Excel's last row is refused before the sheet is read whole", async () => {
    const error = await refusal(await xlsx([{ name: "Rapport", xml: `<sheetData><row r="1048577">${num("A1048577", 1)}</row></sheetData>` }]));
    expect(error.code).toBe("too-large");
    expect(error.limit).toEqual({ kind: "rows", sheet: "Rapport" });
  });
});
