/**
 * The .ods reader: small OpenDocument spreadsheets written by hand the way LibreOffice writes
 * them (one-line content.xml, `calcext:value-type`, repeated empty tails), read into snapshots.
 */
import JSZip from "jszip";
import { checkWorkbook } from "../../src/core/engine";
import type { SheetSnapshot, WorkbookSnapshot } from "../../src/core/model";
import { readXlsx, writeCheckedCopy } from "../../src/file";
import { odfDateSerial, odfFormula, odfTimeFraction, readOds } from "../../src/file/readOds";

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" ' +
  'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"';

const AUTOMATIC_STYLES =
  '<office:automatic-styles>' +
  '<style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style>' +
  '<style:style style:name="ta2" style:family="table" style:master-page-name="Default"><style:table-properties table:display="false" style:writing-mode="lr-tb"/></style:style>' +
  '<number:percentage-style style:name="N11"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>' +
  '<number:currency-style style:name="N108P0" style:volatile="true"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/><number:text> </number:text><number:currency-symbol number:language="fr" number:country="FR">€</number:currency-symbol></number:currency-style>' +
  '<number:currency-style style:name="N108"><style:text-properties fo:color="#ff0000"/><number:text>-</number:text><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/><number:text> </number:text><number:currency-symbol number:language="fr" number:country="FR">€</number:currency-symbol><style:map style:condition="value()&gt;=0" style:apply-style-name="N108P0"/></number:currency-style>' +
  '<number:number-style style:name="N4"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:number-style>' +
  '<number:text-style style:name="N100"><number:text-content/></number:text-style>' +
  '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N11"/>' +
  '<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N108"/>' +
  '<style:style style:name="ce3" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N4"/>' +
  '<style:style style:name="ce4" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N100"/>' +
  "</office:automatic-styles>";

/** An .ods whose sheets are given as the inner XML of their `table:table` elements. */
async function ods(tables: { name: string; xml: string; style?: string }[]): Promise<Uint8Array> {
  const body = tables.map((t) => `<table:table table:name="${t.name}" table:style-name="${t.style ?? "ta1"}">${t.xml}</table:table>`).join("");
  const content =
    `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${NS}><office:scripts/>${AUTOMATIC_STYLES}` +
    `<office:body><office:spreadsheet><table:calculation-settings table:automatic-find-labels="false"/>${body}<table:named-expressions/></office:spreadsheet></office:body></office:document-content>`;
  const zip = new JSZip();
  zip.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet", { compression: "STORE" });
  zip.file("content.xml", content);
  zip.file("styles.xml", `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles ${NS}><office:styles><style:style style:name="Default" style:family="table-cell"/></office:styles></office:document-styles>`);
  zip.file(
    "META-INF/manifest.xml",
    '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
  );
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

const str = (text: string, extra = "") => `<table:table-cell${extra} office:value-type="string" calcext:value-type="string"><text:p>${text}</text:p></table:table-cell>`;
const num = (value: number, shown = String(value).replace(".", ","), extra = "") =>
  `<table:table-cell${extra} office:value-type="float" office:value="${value}" calcext:value-type="float"><text:p>${shown}</text:p></table:table-cell>`;
const row = (...cells: string[]) => `<table:table-row table:style-name="ro1">${cells.join("")}</table:table-row>`;
/** LibreOffice's tail: the rest of the row and of the sheet as repeated empty cells and rows. */
const TAIL_CELLS = '<table:table-cell table:number-columns-repeated="16377"/>';
const TAIL_ROWS = '<table:table-row table:style-name="ro1" table:number-rows-repeated="1048560"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>';

function at(sheet: SheetSnapshot, address: string) {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  const col = [...m[1]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  const r = Number(m[2]) - 1 - sheet.origin.row;
  const c = col - sheet.origin.column;
  return { value: sheet.values[r]?.[c], formula: sheet.formulas?.[r]?.[c], numberFormat: sheet.numberFormats?.[r]?.[c], type: sheet.valueTypes?.[r]?.[c] };
}

function sheetOf(snapshot: WorkbookSnapshot, name: string): SheetSnapshot {
  const sheet = snapshot.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name} in ${snapshot.sheets.map((s) => s.name).join(", ")}`);
  return sheet;
}

describe("readOds", () => {
  let snapshot: WorkbookSnapshot;

  beforeAll(async () => {
    const bytes = await ods([
      {
        name: "Budget 2024",
        xml:
          '<table:table-column table:style-name="co1" table:number-columns-repeated="3" table:default-cell-style-name="Default"/><table:table-column table:style-name="co2" table:default-cell-style-name="ce4"/>' +
          '<table:table-column table:style-name="co1" table:number-columns-repeated="16380" table:default-cell-style-name="Default"/>' +
          row(str("Libellé"), str("Montant"), str("Taux"), str("Code"), str("Total"), str("Ratio"), str("Validé"), TAIL_CELLS) +
          row(
            str("Subvention d&apos;équipement"),
            num(7000.5, "7 000,50 €", ' table:style-name="ce2"').replace('office:value-type="float"', 'office:value-type="currency" office:currency="EUR"'),
            num(0.3744, "37,44 %", ' table:style-name="ce1"').replace(/float/g, "percentage"),
            str("01002"),
            '<table:table-cell table:formula="of:=SUM([.B2:.B3];[$&apos;Budget 2024&apos;.B4])" office:value-type="float" office:value="12000.5" calcext:value-type="float"><text:p>12000,5</text:p></table:table-cell>',
            '<table:table-cell table:formula="of:=[.B2]/[.B5]" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>',
            '<table:table-cell office:value-type="boolean" office:boolean-value="true" calcext:value-type="boolean"><text:p>VRAI</text:p></table:table-cell>',
            TAIL_CELLS,
          ) +
          row(
            str("Texte <text:span text:style-name=\"T1\">mis en</text:span><text:s/>forme<text:s text:c=\"2\"/>ici<text:tab/>!"),
            str("9 380,00", ' table:style-name="Default"'),
            '<table:table-cell table:style-name="ce1" office:value-type="percentage" office:value="0.5" calcext:value-type="percentage"><text:p>50 %</text:p><office:annotation><dc:creator>Trésorier</dc:creator><text:p>Commentaire</text:p></office:annotation></table:table-cell>',
            '<table:table-cell table:formula="of:=[.Z99]+1" calcext:value-type="error"><text:p>Err:502</text:p></table:table-cell>',
            '<table:table-cell office:value-type="date" office:date-value="2024-03-15" calcext:value-type="date"><text:p>15/03/2024</text:p></table:table-cell>',
            '<table:table-cell office:value-type="time" office:time-value="PT12H00M00S" calcext:value-type="time"><text:p>12:00:00</text:p></table:table-cell>',
            TAIL_CELLS,
          ) +
          row(
            '<table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2" office:value-type="string" calcext:value-type="string"><text:p>Ligne 1</text:p><text:p>Ligne 2</text:p></table:table-cell>',
            '<table:covered-table-cell office:value-type="float" office:value="99" calcext:value-type="float"><text:p>99</text:p></table:covered-table-cell>',
            num(4999.995, "4 999,99", ' table:style-name="ce3"'),
            '<table:table-cell table:number-columns-repeated="16381"/>',
          ) +
          row('<table:covered-table-cell table:number-columns-repeated="2"/>', num(1), '<table:table-cell table:number-columns-repeated="2"/>', num(2), TAIL_CELLS) +
          '<table:table-row table:style-name="ro1" table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/>' + num(3) + TAIL_CELLS + "</table:table-row>" +
          TAIL_ROWS,
      },
      { name: "Annexe", style: "ta2", xml: '<table:table-column table:number-columns-repeated="1024"/>' + '<table:table-row table:number-rows-repeated="4"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>' + row('<table:table-cell table:number-columns-repeated="2"/>', str("seul")) + TAIL_ROWS },
      { name: "Vide", xml: TAIL_ROWS },
    ]);
    snapshot = await readXlsx(bytes, "budget.ods");
  });

  test("reads every sheet, in order, with its visibility", () => {
    expect(snapshot.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ["Budget 2024", "Visible"],
      ["Annexe", "Hidden"],
      ["Vide", "Visible"],
    ]);
  });

  test("stops at the last cell holding data: repeated empty tails are never materialised", () => {
    const budget = sheetOf(snapshot, "Budget 2024");
    expect(budget.origin).toEqual({ row: 0, column: 0 });
    expect(budget.values).toHaveLength(7);
    expect(budget.values.every((r) => r.length === 7)).toBe(true);
    const annexe = sheetOf(snapshot, "Annexe");
    expect(annexe.origin).toEqual({ row: 4, column: 2 });
    expect(annexe.values).toEqual([["seul"]]);
    expect(sheetOf(snapshot, "Vide").values).toEqual([]);
  });

  test("numbers, currency and percentages: cached values and Excel number formats", () => {
    const budget = sheetOf(snapshot, "Budget 2024");
    expect(at(budget, "B2")).toEqual({ value: 7000.5, formula: 7000.5, numberFormat: '#,##0.00 "€"', type: "Double" });
    expect(at(budget, "C2")).toEqual({ value: 0.3744, formula: 0.3744, numberFormat: "0.00%", type: "Double" });
    expect(at(budget, "C4")).toMatchObject({ value: 4999.995, numberFormat: "#,##0.00" });
    expect(at(budget, "A1")).toMatchObject({ value: "Libellé", numberFormat: "General", type: "String" });
  });

  test("text: French text numbers stay text; spans, text:s, tabs and paragraphs; comments left out", () => {
    const budget = sheetOf(snapshot, "Budget 2024");
    expect(at(budget, "B3")).toEqual({ value: "9 380,00", formula: "9 380,00", numberFormat: "General", type: "String" });
    expect(at(budget, "A2").value).toBe("Subvention d'équipement");
    expect(at(budget, "A3").value).toBe("Texte mis en forme  ici\t!");
    // The column's default style is a text format (@), as LibreOffice applies it.
    expect(at(budget, "D2")).toMatchObject({ value: "01002", numberFormat: "@", type: "String" });
    expect(at(budget, "C3")).toMatchObject({ value: 0.5, numberFormat: "0.00%" });
  });

  test("formulas in A1 syntax with their cached results; errors as their text", () => {
    const budget = sheetOf(snapshot, "Budget 2024");
    expect(at(budget, "E2")).toEqual({ value: 12000.5, formula: "=SUM(B2:B3,'Budget 2024'!B4)", numberFormat: "General", type: "Double" });
    expect(at(budget, "F2")).toMatchObject({ value: "#DIV/0!", formula: "=B2/B5", type: "Error" });
    expect(at(budget, "D3")).toMatchObject({ value: "Err:502", formula: "=Z99+1", type: "Error" });
  });

  test("booleans, dates as Excel serials, times as fractions of a day", () => {
    const budget = sheetOf(snapshot, "Budget 2024");
    expect(at(budget, "G2")).toMatchObject({ value: true, type: "Boolean" });
    expect(at(budget, "E3")).toMatchObject({ value: 45366, type: "Double", numberFormat: "dd/mm/yyyy" });
    expect(at(budget, "F3")).toMatchObject({ value: 0.5, type: "Double" });
  });

  test("merged areas: the value in the top-left cell only, covered cells' content ignored", () => {
    const budget = sheetOf(snapshot, "Budget 2024");
    expect(budget.merges).toEqual(["A4:B5"]);
    expect(at(budget, "A4").value).toBe("Ligne 1\nLigne 2");
    expect(at(budget, "B4")).toMatchObject({ value: "", type: "Empty" });
    // Columns after covered and repeated cells keep their place.
    expect(at(budget, "C5").value).toBe(1);
    expect(at(budget, "F5").value).toBe(2);
  });

  test("a repeated row holding data is repeated", () => {
    const budget = sheetOf(snapshot, "Budget 2024");
    expect(at(budget, "C6").value).toBe(3);
    expect(at(budget, "C7").value).toBe(3);
  });

  test("reports progress up to done = total", async () => {
    const progress: { done: number; total: number }[] = [];
    await readOds(await ods([{ name: "A", xml: row(num(1)) }, { name: "B", xml: row(num(2)) }]), "p.ods", { onProgress: (p) => progress.push(p) });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[progress.length - 1].done).toBe(progress[progress.length - 1].total);
    expect(progress.every((p, i) => i === 0 || p.done >= progress[i - 1].done)).toBe(true);
  });

  test("an imputation table read from .ods gives IMP-SOLDE at G2", async () => {
    const bytes = await ods([
      {
        name: "Imputations",
        xml:
          row(...["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP", "Disponible", "Proposition", "Solde"].map((h) => str(h)), TAIL_CELLS) +
          row(str("C05-043A06"), str("65748/93043"), str("Actions européennes et internationales"), num(43056), num(31000), num(7000), num(23000), TAIL_CELLS) +
          TAIL_ROWS,
      },
    ]);
    const result = checkWorkbook(await readXlsx(bytes, "imputations.ods"));
    const solde = result.findings.filter((f) => f.rule === "IMP-SOLDE");
    expect(solde.map((f) => [f.sheet, f.cell])).toEqual([["Imputations", "G2"]]);
  });

  test("a checked copy of an .ods is an .xlsx (converted first), with the same values", async () => {
    const bytes = await ods([{ name: "A", xml: row(str("Montant"), num(1250.5, "1 250,50", ' table:style-name="ce3"')) }]);
    const before = bytes.slice();
    const copy = await writeCheckedCopy(bytes, [], "fr", { fileName: "budget.ods" });
    expect(bytes).toEqual(before);
    const reread = await readXlsx(copy, "budget.controle.xlsx");
    expect(reread.sheets.map((s) => s.name)).toEqual(["A", "Contrôle"]);
    expect(reread.sheets[0].values).toEqual([["Montant", 1250.5]]);
    expect(reread.sheets[0].numberFormats).toEqual([["General", "#,##0.00"]]);
  });

  test("an .ods whose content.xml is cut short is reported as damaged", async () => {
    const zip = new JSZip();
    zip.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet", { compression: "STORE" });
    zip.file("content.xml", `<office:document-content ${NS}><office:body><office:spreadsheet><table:table table:name="A"><table:table-row><table:table-cell office:value-type="str`);
    const bytes = await zip.generateAsync({ type: "uint8array" });
    await expect(readXlsx(bytes, "coupe.ods")).rejects.toMatchObject({ code: "corrupt" });
  });
});

describe("ODF pieces", () => {
  test.each([
    ["of:=SUM([.B2:.B5])", "=SUM(B2:B5)"],
    ["of:=[.B2]*[.$C$3]", "=B2*$C$3"],
    ["of:=[$Feuille1.B2]+[$'Ma feuille'.B2:.C3]", "=Feuille1!B2+'Ma feuille'!B2:C3"],
    ["of:=IF([.A1]>0;\"a;[b]\";\"\")", '=IF(A1>0,"a;[b]","")'],
    ["oooc:=ROUND([.A1];2)", "=ROUND(A1,2)"],
    ["msoxl:=SUM(A1:A3)", "=SUM(A1:A3)"],
    ["of:=[$'2024'.A1]", "='2024'!A1"],
    ["of:=SUM([.A:.A])", "=SUM(A:A)"],
  ])("%s → %s", (odf, excel) => {
    expect(odfFormula(odf)).toBe(excel);
  });

  test("dates and times", () => {
    expect(odfDateSerial("1900-03-01")).toBe(61);
    expect(odfDateSerial("2024-03-15T18:00:00")).toBe(45366.75);
    expect(odfTimeFraction("PT06H00M00S")).toBe(0.25);
    expect(odfTimeFraction("PT36H")).toBe(1.5);
  });
});
