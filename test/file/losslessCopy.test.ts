/**
 * The checked copy keeps everything the user had (issue 14): a macro workbook written part by
 * part with JSZip, as Excel writes them (a macro project, a chart on a sheet, a chart sheet,
 * defined names holding a constant, a formula and a print area, an external link, custom
 * properties, printer settings, a user's fill and comment on the flagged cell), checked with
 * `pointage check --out`, then both packages unzipped and compared part by part.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import * as XLSX from "@e965/xlsx";
import { cli } from "../helpers/cli";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const rels = (items: [string, string, string, boolean?][]) =>
  `${XML}<Relationships xmlns="${PKG}">${items.map(([id, type, target, external]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"${external ? ' TargetMode="External"' : ""}/>`).join("")}</Relationships>`;

/** Shared strings: the table's text. */
const STRINGS = ["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP", "Disponible", "Proposition", "Solde", "C05-043A06", "65748/93043", "Actions européennes", "C05-043A07", "Autre action"];
const s = (text: string) => STRINGS.indexOf(text);

/** Row 2's Solde is wrong (31 000 − 7 000 = 24 000, not 23 000); row 3's is right. G2 has the user's own green fill (style 1). */
const SHEET1 =
  `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A1:G3"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
  `<sheetData><row r="1">${["A", "B", "C", "D", "E", "F", "G"].map((c, i) => `<c r="${c}1" t="s"><v>${i}</v></c>`).join("")}</row>` +
  `<row r="2"><c r="A2" t="s"><v>${s("C05-043A06")}</v></c><c r="B2" t="s"><v>${s("65748/93043")}</v></c><c r="C2" t="s"><v>${s("Actions européennes")}</v></c><c r="D2"><v>43056</v></c><c r="E2"><v>31000</v></c><c r="F2"><v>7000</v></c><c r="G2" s="1"><v>23000</v></c></row>` +
  `<row r="3"><c r="A3" t="s"><v>${s("C05-043A07")}</v></c><c r="B3" t="s"><v>${s("65748/93043")}</v></c><c r="C3" t="s"><v>${s("Autre action")}</v></c><c r="D3"><v>10000</v></c><c r="E3"><v>5000</v></c><c r="F3"><v>2000</v></c><c r="G3"><v>3000</v></c></row></sheetData>` +
  `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" r:id="rId3"/><drawing r:id="rId1"/><legacyDrawing r:id="rId2"/></worksheet>`;

const VML =
  '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>' +
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
  '<v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;margin-left:400pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>7, 15, 0, 2, 9, 15, 4, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>1</x:Row><x:Column>6</x:Column></x:ClientData></v:shape></xml>';

const CHART = `${XML}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${R}"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>Rapport!$D$2:$D$3</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`;
const drawing = (absolute: boolean) =>
  `${XML}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
  (absolute ? '<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="8666000" cy="6293000"/>' : '<xdr:twoCellAnchor><xdr:from><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>14</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>') +
  `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Graphique 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${R}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>` +
  (absolute ? "</xdr:absoluteAnchor>" : "</xdr:twoCellAnchor>") +
  "</xdr:wsDr>";

const CT = "application/vnd.openxmlformats-officedocument";
/** A macro project is binary: bytes that are not UTF-8 catch any text round trip. */
const VBA = Uint8Array.from({ length: 3000 }, (_, i) => (i * 151 + 7) % 256);
const PRINTER = Uint8Array.from({ length: 1200 }, (_, i) => (i * 31 + 3) % 256);

const PARTS: Record<string, string | Uint8Array> = {
  "[Content_Types].xml":
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="${CT}.vmlDrawing"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/><Override PartName="/xl/chartsheets/sheet1.xml" ContentType="${CT}.spreadsheetml.chartsheet+xml"/>` +
    `<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="${CT}.spreadsheetml.externalLink+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/>` +
    `<Override PartName="/xl/drawings/drawing1.xml" ContentType="${CT}.drawing+xml"/><Override PartName="/xl/drawings/drawing2.xml" ContentType="${CT}.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" ContentType="${CT}.drawingml.chart+xml"/><Override PartName="/xl/charts/chart2.xml" ContentType="${CT}.drawingml.chart+xml"/>` +
    `<Override PartName="/xl/comments1.xml" ContentType="${CT}.spreadsheetml.comments+xml"/><Override PartName="/xl/printerSettings/printerSettings1.bin" ContentType="${CT}.spreadsheetml.printerSettings"/>` +
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="${CT}.custom-properties+xml"/></Types>`,
  "_rels/.rels": rels([
    ["rId1", `${R}/officeDocument`, "xl/workbook.xml"],
    ["rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"],
    ["rId3", `${R}/extended-properties`, "docProps/app.xml"],
    ["rId4", `${R}/custom-properties`, "docProps/custom.xml"],
  ]),
  "docProps/core.xml": `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Direction des finances</dc:creator></cp:coreProperties>`,
  "docProps/app.xml": `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`,
  "docProps/custom.xml": `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Séance"><vt:lpwstr>CP du 4 mars</vt:lpwstr></property></Properties>`,
  "xl/workbook.xml":
    `${XML}<workbook xmlns="${MAIN}" xmlns:r="${R}"><workbookPr codeName="ThisWorkbook" defaultThemeVersion="124226"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews>` +
    `<sheets><sheet name="Rapport" sheetId="1" r:id="rId1"/><sheet name="Graphique" sheetId="2" r:id="rId2"/></sheets><externalReferences><externalReference r:id="rId5"/></externalReferences>` +
    `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">Rapport!$A$1:$G$3</definedName><definedName name="TauxTVA">0.2</definedName><definedName name="TotalCP">SUM(Rapport!$D$2:$D$3)</definedName></definedNames><calcPr calcId="191029"/></workbook>`,
  "xl/_rels/workbook.xml.rels": rels([
    ["rId1", `${R}/worksheet`, "worksheets/sheet1.xml"],
    ["rId2", `${R}/chartsheet`, "chartsheets/sheet1.xml"],
    ["rId3", `${R}/styles`, "styles.xml"],
    ["rId4", `${R}/sharedStrings`, "sharedStrings.xml"],
    ["rId5", `${R}/externalLink`, "externalLinks/externalLink1.xml"],
    ["rId6", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin"],
  ]),
  "xl/vbaProject.bin": VBA,
  "xl/styles.xml":
    `${XML}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>` +
    `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FF00B050"/><bgColor indexed="64"/></patternFill></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`,
  "xl/sharedStrings.xml": `${XML}<sst xmlns="${MAIN}" count="${STRINGS.length}" uniqueCount="${STRINGS.length}">${STRINGS.map((t) => `<si><t>${t}</t></si>`).join("")}</sst>`,
  "xl/worksheets/sheet1.xml": SHEET1,
  "xl/worksheets/_rels/sheet1.xml.rels": rels([
    ["rId1", `${R}/drawing`, "../drawings/drawing1.xml"],
    ["rId2", `${R}/vmlDrawing`, "../drawings/vmlDrawing1.vml"],
    ["rId3", `${R}/printerSettings`, "../printerSettings/printerSettings1.bin"],
    ["rId4", `${R}/comments`, "../comments1.xml"],
  ]),
  "xl/comments1.xml": `${XML}<comments xmlns="${MAIN}"><authors><author>M. Dupont</author></authors><commentList><comment ref="G2" authorId="0"><text><r><rPr><b/><sz val="9"/></rPr><t>M. Dupont:</t></r><r><rPr><sz val="9"/></rPr><t xml:space="preserve">\nSolde vu avec le service.</t></r></text></comment></commentList></comments>`,
  "xl/drawings/vmlDrawing1.vml": VML,
  "xl/printerSettings/printerSettings1.bin": PRINTER,
  "xl/drawings/drawing1.xml": drawing(false),
  "xl/drawings/_rels/drawing1.xml.rels": rels([["rId1", `${R}/chart`, "../charts/chart1.xml"]]),
  "xl/charts/chart1.xml": CHART,
  "xl/chartsheets/sheet1.xml": `${XML}<chartsheet xmlns="${MAIN}" xmlns:r="${R}"><sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/></chartsheet>`,
  "xl/chartsheets/_rels/sheet1.xml.rels": rels([["rId1", `${R}/drawing`, "../drawings/drawing2.xml"]]),
  "xl/drawings/drawing2.xml": drawing(true),
  "xl/drawings/_rels/drawing2.xml.rels": rels([["rId1", `${R}/chart`, "../charts/chart2.xml"]]),
  "xl/charts/chart2.xml": CHART,
  "xl/externalLinks/externalLink1.xml": `${XML}<externalLink xmlns="${MAIN}"><externalBook xmlns:r="${R}" r:id="rId1"><sheetNames><sheetName val="Feuil1"/></sheetNames></externalBook></externalLink>`,
  "xl/externalLinks/_rels/externalLink1.xml.rels": rels([["rId1", `${R}/externalLinkPath`, "Budget%202023.xlsx", true]]),
};

/** The parts Pointage must change; every other one must come out byte for byte. */
const CHANGED = new Set([
  "[Content_Types].xml",
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "xl/styles.xml",
  "xl/worksheets/sheet1.xml",
  "xl/comments1.xml",
  "xl/drawings/vmlDrawing1.vml",
]);

async function unzip(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir) out.set(name, await file.async("uint8array"));
  return out;
}

const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString("utf8");

describe("the checked copy of a macro workbook with charts, names, links and properties", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pointage-lossless-"));
  const input = path.join(tmp, "rapport.xlsm");
  const output = path.join(tmp, "rapport.controle.xlsm");
  let before: Map<string, Uint8Array>;
  let after: Map<string, Uint8Array>;
  let copy: Uint8Array;
  let report: { findings: { rule: string; sheet: string; cell: string; severity: string }[] };

  beforeAll(async () => {
    const zip = new JSZip();
    for (const [name, content] of Object.entries(PARTS)) zip.file(name, content);
    fs.writeFileSync(input, await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
    const run = await cli("check", input, "--format", "json", "--out", output);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    report = JSON.parse(run.stdout);
    copy = new Uint8Array(fs.readFileSync(output));
    before = await unzip(new Uint8Array(fs.readFileSync(input)));
    after = await unzip(copy);
  });

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("the check finds the wrong Solde on G2 (so the copy has something to mark)", () => {
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: "IMP-SOLDE", sheet: "Rapport", cell: "G2", severity: "error" }));
  });

  test("every original part is present, and byte for byte the same unless Pointage must change it", () => {
    expect(before.size).toBe(Object.keys(PARTS).length);
    for (const [name, bytes] of before) {
      expect({ name, present: after.has(name) }).toEqual({ name, present: true });
      if (!CHANGED.has(name)) expect({ name, same: Buffer.from(after.get(name)!).equals(Buffer.from(bytes)) }).toEqual({ name, same: true });
    }
    expect(Buffer.from(after.get("xl/vbaProject.bin")!).equals(Buffer.from(VBA))).toBe(true);
  });

  test("the changed parts still hold what they held: names, macro content type, fills, the cells, the user's comment", () => {
    const workbook = text(after.get("xl/workbook.xml"));
    const names = /<definedNames>.*<\/definedNames>/.exec(text(before.get("xl/workbook.xml")))![0];
    expect(workbook).toContain(names);
    expect(workbook).toContain('<definedName name="TotalCP">SUM(Rapport!$D$2:$D$3)</definedName>');
    expect(workbook).toContain('<definedName name="TauxTVA">0.2</definedName>');
    expect(workbook).toContain('<externalReferences><externalReference r:id="rId5"/></externalReferences>');
    expect(workbook).toMatch(/<sheet name="Rapport" sheetId="1" r:id="rId1"\/><sheet name="Graphique" sheetId="2" r:id="rId2"\/><sheet name="Contrôle" sheetId="3" r:id="[^"]+"\/><\/sheets>/);

    const types = text(after.get("[Content_Types].xml"));
    for (const tag of text(before.get("[Content_Types].xml")).match(/<(Default|Override) [^>]*\/>/g)!) expect(types).toContain(tag);
    expect(types).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");

    const workbookRels = text(after.get("xl/_rels/workbook.xml.rels"));
    for (const tag of text(before.get("xl/_rels/workbook.xml.rels")).match(/<Relationship [^>]*\/>/g)!) expect(workbookRels).toContain(tag);

    // The user's green fill is still style 1's, and G2 still uses style 1.
    const styles = text(after.get("xl/styles.xml"));
    expect(styles).toContain('<fill><patternFill patternType="solid"><fgColor rgb="FF00B050"/><bgColor indexed="64"/></patternFill></fill>');
    expect(styles).toContain('<cellXfs count="10"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/>');
    const sheet = text(after.get("xl/worksheets/sheet1.xml"));
    const cells = SHEET1.slice(0, SHEET1.indexOf("</sheetData>") + "</sheetData>".length);
    expect(sheet.startsWith(cells)).toBe(true);
    expect(sheet).toContain('<c r="G2" s="1"><v>23000</v></c>');
    // Schema order: conditional formats after sheetData, before pageMargins; the sheet's own tags kept.
    expect(sheet).toContain('</sheetData><conditionalFormatting sqref="G2"><cfRule type="expression" dxfId="0" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting>');
    expect(sheet).toContain("</conditionalFormatting><pageMargins ");
    expect(sheet).toContain('<pageSetup paperSize="9" orientation="landscape" r:id="rId3"/><drawing r:id="rId1"/><legacyDrawing r:id="rId2"/></worksheet>');
    expect(styles).toMatch(/<dxfs count="3"><dxf><fill><patternFill patternType="solid"><bgColor rgb="FFFFC7CE"\/>/);

    // The note: the user's comment on G2 keeps its text and author; ours follows it. No new shape for G2.
    const comments = text(after.get("xl/comments1.xml"));
    expect(comments).toContain("<authors><author>M. Dupont</author><author>Pointage</author></authors>");
    expect(comments).toMatch(/<t xml:space="preserve">\nSolde vu avec le service\.<\/t><\/r><r><t xml:space="preserve">\n\nIMP-SOLDE : [^<]+<\/t><\/r><\/text><\/comment><\/commentList>/);
    expect(text(after.get("xl/drawings/vmlDrawing1.vml"))).toBe(VML);
  });

  test("ExcelJS and SheetJS open the copy; the Contrôle sheet lists the finding with a link to its cell", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(copy as unknown as ArrayBuffer);
    const controle = wb.getWorksheet("Contrôle")!;
    expect(controle.getRow(1).getCell(1).value).toBe("Gravité");
    const solde = report.findings.filter((f) => f.severity === "error");
    expect(controle.getCell("B2").value).toBe(solde[0].rule);
    expect(controle.getCell("D2").value).toBe(solde[0].cell);
    expect(wb.getWorksheet("Rapport")!.getCell("G2").note).toBeDefined();
    const sheetXml = text(after.get("xl/worksheets/sheet2.xml"));
    expect(sheetXml).toContain(`<hyperlink ref="D2" location="'Rapport'!${solde[0].cell}"/>`);
    expect(sheetXml).toContain('<autoFilter ref="A1:G');

    const sheetJs = XLSX.read(copy, { type: "array", bookVBA: true });
    expect(sheetJs.SheetNames).toEqual(["Rapport", "Graphique", "Contrôle"]);
    expect(sheetJs.Sheets["Rapport"]["G2"].v).toBe(23000);
    expect(sheetJs.Sheets["Contrôle"]["A2"].v).toBe("Erreur");
    expect((sheetJs.Workbook?.Names ?? []).map((n) => [n.Name, n.Ref])).toEqual(
      expect.arrayContaining([["TauxTVA", "0.2"], ["TotalCP", "SUM(Rapport!$D$2:$D$3)"]]),
    );
    expect(sheetJs.vbaraw).toBeDefined();
  });

  test("re-checking the copy gives the same findings: the Contrôle sheet is not itself checked", async () => {
    const again = await cli("check", output, "--format", "json");
    const key = (f: { rule: string; sheet: string; cell: string }) => `${f.rule} ${f.sheet}!${f.cell}`;
    expect(JSON.parse(again.stdout).findings.map(key)).toEqual(report.findings.map(key));
  });

  test("a macro workbook's copy must be named .xlsm, and a workbook without macros' .xlsx: refused before any work", async () => {
    const asXlsx = path.join(tmp, "copie.xlsx");
    const refused = await cli("check", input, "--out", asXlsx);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain(`--out ${asXlsx} : ce classeur contient des macros, que la copie garde ; nommez-la .xlsm`);
    expect(fs.existsSync(asXlsx)).toBe(false);

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Feuil1").getCell("A1").value = 1;
    const plain = path.join(tmp, "plain.xlsx");
    await wb.xlsx.writeFile(plain);
    const asXlsm = path.join(tmp, "plain.controle.xlsm");
    const en = await cli("check", plain, "--lang", "en", "--out", asXlsm);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain(`--out ${asXlsm}: this workbook has no macros; name the copy .xlsx`);
    expect(fs.existsSync(asXlsm)).toBe(false);
  });
});
