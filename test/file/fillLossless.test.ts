/**
 * The filled copy keeps everything the user had (issue 9, as the checked copy does for issue 14):
 * a macro workbook written part by part with JSZip, as Excel writes them — a macro project, a
 * chart and printer settings on the report sheet, defined names (the template's print area and
 * own name, a workbook name over the template, a constant), custom properties, a user's fill on
 * the template's row, an Excel table, a merge, a conditional format and a validation on the
 * template. The copy is unzipped and compared part by part, then read back by two independent
 * parsers (ExcelJS and SheetJS), recalculated by HyperFormula and re-checked by `pointage check`.
 *
 * The figures: the seeds' 2023 reports (Lianes coopération C05-043A06: 31 000 disponible,
 * 7 000 proposés, 24 000 de solde; APES C01-020Q01: 209 285, 57 000, 152 285). Their totals by
 * hand: 31 000 + 209 285 = 240 285; 7 000 + 57 000 = 64 000; 24 000 + 152 285 = 176 285.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import * as XLSX from "@e965/xlsx";
import { HyperFormula } from "hyperformula";
import { planFill } from "../../src/core/fill";
import { isUnusableFileError, readXlsx } from "../../src/file";
import { fillWorkbook } from "../../src/file/fill";
import { cli } from "../helpers/cli";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CT = "application/vnd.openxmlformats-officedocument";

const rels = (items: [string, string, string, boolean?][]) =>
  `${XML}<Relationships xmlns="${PKG}">${items.map(([id, type, target, external]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"${external ? ' TargetMode="External"' : ""}/>`).join("")}</Relationships>`;

const STRINGS = [
  ...["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP", "Disponible", "Proposition", "Solde"],
  ...["C05-043A06", "65748/93043", "Actions européennes et internationales", "C01-020Q01", "6568/9365", "Mission ESS - Autres participations"],
  ...["Propositions de la Commission permanente", "Opération", "Crédits", "Montant proposé", "Reste", "{operations.code}", "{operations.disponible|montant}", "{operations.propositions|montant}", "TOTAL", "Note sous le tableau", "Annexe"],
];
const s = (text: string) => STRINGS.indexOf(text);
const str = (ref: string, text: string, style = 0) => `<c r="${ref}"${style ? ` s="${style}"` : ""} t="s"><v>${s(text)}</v></c>`;
const num = (ref: string, value: number) => `<c r="${ref}"><v>${value}</v></c>`;

/** The seeds' two 2023 report lines, with their right Soldes. */
const RAPPORT =
  `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A1:G3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
  `<sheetData><row r="1">${["A", "B", "C", "D", "E", "F", "G"].map((c, i) => str(`${c}1`, STRINGS[i])).join("")}</row>` +
  `<row r="2">${str("A2", "C05-043A06")}${str("B2", "65748/93043")}${str("C2", "Actions européennes et internationales")}${num("D2", 43056)}${num("E2", 31000)}${num("F2", 7000)}${num("G2", 24000)}</row>` +
  `<row r="3">${str("A3", "C01-020Q01")}${str("B3", "6568/9365")}${str("C3", "Mission ESS - Autres participations")}${num("D3", 209285)}${num("E3", 209285)}${num("F3", 57000)}${num("G3", 152285)}</row></sheetData>` +
  `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" r:id="rId2"/><drawing r:id="rId1"/></worksheet>`;

/**
 * The template (its headers are not the report's, so that the engine does not read the template
 * itself as an imputation table with a third operation): a title merged over A1:D1, a table
 * (A2:D3) whose data row repeats per operation with the user's green fill (style 1) on its
 * figures, a Solde formula, a TOTAL row, a total by structured reference to the table (E4), a
 * note merged below; a conditional format on the Solde, a validation on the Proposition. Row 3
 * is 20 points high and column A 18 characters wide.
 */
const TEMPLATE =
  `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A1:D5"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
  `<cols><col min="1" max="1" width="18" customWidth="1"/></cols><sheetData>` +
  `<row r="1">${str("A1", "Propositions de la Commission permanente")}</row>` +
  `<row r="2">${str("A2", "Opération")}${str("B2", "Crédits")}${str("C2", "Montant proposé")}${str("D2", "Reste")}</row>` +
  `<row r="3" ht="20" customHeight="1">${str("A3", "{operations.code}")}${str("B3", "{operations.disponible|montant}", 1)}${str("C3", "{operations.propositions|montant}", 1)}<c r="D3" s="1"><f>B3-C3</f><v>0</v></c></row>` +
  `<row r="4">${str("A4", "TOTAL")}<c r="B4"><f>SUM(B3)</f><v>0</v></c><c r="C4"><f>SUM(C3)</f><v>0</v></c><c r="D4"><f>SUM(D3)</f><v>0</v></c><c r="E4"><f>SUM(TabListe[Reste])</f><v>0</v></c></row>` +
  `<row r="5">${str("A5", "Note sous le tableau")}</row></sheetData>` +
  `<mergeCells count="2"><mergeCell ref="A1:D1"/><mergeCell ref="A5:D5"/></mergeCells>` +
  `<conditionalFormatting sqref="D3"><cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>0</formula></cfRule></conditionalFormatting>` +
  `<dataValidations count="1"><dataValidation type="decimal" operator="greaterThanOrEqual" allowBlank="1" showErrorMessage="1" sqref="C3"><formula1>0</formula1></dataValidation></dataValidations>` +
  `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`;

const TABLE =
  `${XML}<table xmlns="${MAIN}" id="1" name="TabListe" displayName="TabListe" ref="A2:D3" totalsRowShown="0"><autoFilter ref="A2:D3"/>` +
  `<tableColumns count="4"><tableColumn id="1" name="Opération"/><tableColumn id="2" name="Crédits"/><tableColumn id="3" name="Montant proposé"/><tableColumn id="4" name="Reste"><calculatedColumnFormula>TabListe[[#This Row],[Crédits]]-TabListe[[#This Row],[Montant proposé]]</calculatedColumnFormula></tableColumn></tableColumns>` +
  `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`;

const ANNEXE = `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetData><row r="1">${str("A1", "Annexe")}</row></sheetData></worksheet>`;

const CHART =
  `${XML}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${R}"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>` +
  `<c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>Rapport!$F$2:$F$3</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart>` +
  `<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`;
const DRAWING =
  `${XML}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor>` +
  `<xdr:from><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>14</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
  `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Graphique 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
  `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${R}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;

/** A macro project is binary: bytes that are not UTF-8 catch any text round trip. */
const VBA = Uint8Array.from({ length: 3000 }, (_, i) => (i * 151 + 7) % 256);
const PRINTER = Uint8Array.from({ length: 1200 }, (_, i) => (i * 31 + 3) % 256);

const NAMES =
  `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">'Modèle Liste'!$A$1:$D$5</definedName><definedName name="Propositions" localSheetId="1">'Modèle Liste'!$C$3</definedName>` +
  `<definedName name="NoteAnnexe" localSheetId="2">Annexe!$A$1</definedName><definedName name="TotalSolde">'Modèle Liste'!$D$4</definedName><definedName name="TauxTVA">0.2</definedName></definedNames>`;

const PARTS: Record<string, string | Uint8Array> = {
  "[Content_Types].xml":
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>` +
    ["sheet1", "sheet2", "sheet3"].map((p) => `<Override PartName="/xl/worksheets/${p}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`).join("") +
    `<Override PartName="/xl/tables/table1.xml" ContentType="${CT}.spreadsheetml.table+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/>` +
    `<Override PartName="/xl/drawings/drawing1.xml" ContentType="${CT}.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" ContentType="${CT}.drawingml.chart+xml"/><Override PartName="/xl/printerSettings/printerSettings1.bin" ContentType="${CT}.spreadsheetml.printerSettings"/>` +
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
    `${XML}<workbook xmlns="${MAIN}" xmlns:r="${R}"><workbookPr codeName="ThisWorkbook" defaultThemeVersion="124226"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="2"/></bookViews>` +
    `<sheets><sheet name="Rapport" sheetId="1" r:id="rId1"/><sheet name="Modèle Liste" sheetId="2" r:id="rId2"/><sheet name="Annexe" sheetId="3" r:id="rId3"/></sheets>${NAMES}<calcPr calcId="191029"/></workbook>`,
  "xl/_rels/workbook.xml.rels": rels([
    ["rId1", `${R}/worksheet`, "worksheets/sheet1.xml"],
    ["rId2", `${R}/worksheet`, "worksheets/sheet2.xml"],
    ["rId3", `${R}/worksheet`, "worksheets/sheet3.xml"],
    ["rId4", `${R}/styles`, "styles.xml"],
    ["rId5", `${R}/sharedStrings`, "sharedStrings.xml"],
    ["rId6", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin"],
  ]),
  "xl/vbaProject.bin": VBA,
  "xl/styles.xml":
    `${XML}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>` +
    `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FF00B050"/><bgColor indexed="64"/></patternFill></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
    `<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font></dxf></dxfs><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`,
  "xl/sharedStrings.xml": `${XML}<sst xmlns="${MAIN}" count="${STRINGS.length}" uniqueCount="${STRINGS.length}">${STRINGS.map((t) => `<si><t>${t}</t></si>`).join("")}</sst>`,
  "xl/worksheets/sheet1.xml": RAPPORT,
  "xl/worksheets/_rels/sheet1.xml.rels": rels([
    ["rId1", `${R}/drawing`, "../drawings/drawing1.xml"],
    ["rId2", `${R}/printerSettings`, "../printerSettings/printerSettings1.bin"],
  ]),
  "xl/worksheets/sheet2.xml": TEMPLATE,
  "xl/worksheets/_rels/sheet2.xml.rels": rels([["rId1", `${R}/table`, "../tables/table1.xml"]]),
  "xl/tables/table1.xml": TABLE,
  "xl/worksheets/sheet3.xml": ANNEXE,
  "xl/printerSettings/printerSettings1.bin": PRINTER,
  "xl/drawings/drawing1.xml": DRAWING,
  "xl/drawings/_rels/drawing1.xml.rels": rels([["rId1", `${R}/chart`, "../charts/chart1.xml"]]),
  "xl/charts/chart1.xml": CHART,
};

/** The parts the filled copy may change; every other part of the input must come out byte for byte. */
const CHANGED = new Set(["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"]);

async function unzip(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir) out.set(name, await file.async("uint8array"));
  return out;
}

const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString("utf8");

/** The part a relationship of `source` points at. */
function target(parts: Map<string, Uint8Array>, source: string, type: string): string[] {
  const slash = source.lastIndexOf("/");
  const relsPath = `${source.slice(0, slash + 1)}_rels/${source.slice(slash + 1)}.rels`;
  const found = [...text(parts.get(relsPath)).matchAll(/<Relationship [^>]*Type="([^"]+)"[^>]*Target="([^"]+)"/g)].filter((m) => m[1].endsWith(`/${type}`));
  return found.map((m) => path.posix.normalize(path.posix.join(source.slice(0, slash), m[2])));
}

describe("the filled copy of a macro workbook with a chart, names, a table and properties", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pointage-fill-"));
  const input = path.join(tmp, "dossier.xlsm");
  const output = path.join(tmp, "dossier.rempli.xlsm");
  let inputBytes: Uint8Array;
  let copy: Uint8Array;
  let before: Map<string, Uint8Array>;
  let after: Map<string, Uint8Array>;
  let sheetPart: string;
  const skipped: string[] = [];

  beforeAll(async () => {
    const zip = new JSZip();
    for (const [name, content] of Object.entries(PARTS)) zip.file(name, content);
    inputBytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    fs.writeFileSync(input, inputBytes);
    const result = planFill(await readXlsx(inputBytes, "dossier.xlsm"), { template: "Modèle Liste" });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
    expect(result.plan.sheetName).toBe("Liste");
    const given = inputBytes.slice();
    copy = await fillWorkbook(inputBytes, result.plan, { fileName: "dossier.xlsm", onSkipped: (kind, detail) => skipped.push(`${kind} ${detail}`) });
    expect(Buffer.from(inputBytes).equals(Buffer.from(given))).toBe(true);
    fs.writeFileSync(output, copy);
    before = await unzip(inputBytes);
    after = await unzip(copy);
    sheetPart = target(after, "xl/workbook.xml", "worksheet").find((p) => !before.has(p))!;
  });

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("every original part is there, byte for byte the same unless it must change; nothing is skipped", () => {
    expect(before.size).toBe(Object.keys(PARTS).length);
    for (const [name, bytes] of before) {
      expect({ name, present: after.has(name) }).toEqual({ name, present: true });
      if (!CHANGED.has(name)) expect({ name, same: Buffer.from(after.get(name)!).equals(Buffer.from(bytes)) }).toEqual({ name, same: true });
    }
    expect(Buffer.from(after.get("xl/vbaProject.bin")!).equals(Buffer.from(VBA))).toBe(true);
    expect(skipped).toEqual([]);
  });

  test("the changed parts keep what they held: macro content type, relationships, styles, names", () => {
    const types = text(after.get("[Content_Types].xml"));
    for (const tag of text(before.get("[Content_Types].xml")).match(/<(Default|Override) [^>]*\/>/g)!) expect(types).toContain(tag);
    expect(types).toContain(`<Override PartName="/${sheetPart}" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`);
    const workbookRels = text(after.get("xl/_rels/workbook.xml.rels"));
    for (const tag of text(before.get("xl/_rels/workbook.xml.rels")).match(/<Relationship [^>]*\/>/g)!) expect(workbookRels).toContain(tag);
    const styles = text(after.get("xl/styles.xml"));
    expect(styles).toContain('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/>');
    // One new cell format: the user's green fill (fill 2) with `#,##0.00` (built-in 4).
    expect(styles).toContain('<cellXfs count="3">');
    expect(styles).toContain('<xf numFmtId="4" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1" applyNumberFormat="1"/></cellXfs>');
  });

  test("the new sheet goes after its template; names after it shift; the template's names are copied for it", () => {
    const workbook = text(after.get("xl/workbook.xml"));
    expect(workbook).toMatch(/<sheet name="Modèle Liste" sheetId="2" r:id="rId2"\/><sheet name="Liste" sheetId="4" r:id="[^"]+"\/><sheet name="Annexe" sheetId="3" r:id="rId3"\/><\/sheets>/);
    // Annexe was sheet 2, now 3: its name and the active tab follow it.
    expect(workbook).toContain('<definedName name="NoteAnnexe" localSheetId="3">Annexe!$A$1</definedName>');
    expect(workbook).toContain('activeTab="3"');
    // The template's names stay as they were; the copy's are moved by the inserted row (row 3 repeated twice).
    expect(workbook).toContain("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"1\">'Modèle Liste'!$A$1:$D$5</definedName>");
    expect(workbook).toContain('<definedName name="_xlnm.Print_Area" localSheetId="2">Liste!$A$1:$D$6</definedName>');
    expect(workbook).toContain('<definedName name="Propositions" localSheetId="2">Liste!$C$3:$C$4</definedName>');
    expect(workbook).toContain('<definedName name="TotalSolde" localSheetId="2">Liste!$D$5</definedName>');
    expect(workbook).toContain("<definedName name=\"TotalSolde\">'Modèle Liste'!$D$4</definedName>");
    expect(workbook).toContain('<definedName name="TauxTVA">0.2</definedName>');
    expect(workbook.match(/TauxTVA/g)).toHaveLength(1);
    expect(workbook).toContain('<calcPr calcId="191029" fullCalcOnLoad="1"/>');
  });

  test("the template's table is copied with a new name and id, stretched over both operations", () => {
    const tables = target(after, sheetPart, "table");
    expect(tables).toHaveLength(1);
    expect(before.has(tables[0])).toBe(false);
    const table = text(after.get(tables[0]));
    expect(table).toContain('id="2" name="TabListe_2" displayName="TabListe_2" ref="A2:D4"');
    expect(table).toContain('<autoFilter ref="A2:D4"/>');
    // Its column formula and the sheet's total name the copy, as Excel's copy of a sheet does: they add the filled rows.
    expect(table).toContain("<calculatedColumnFormula>TabListe_2[[#This Row],[Crédits]]-TabListe_2[[#This Row],[Montant proposé]]</calculatedColumnFormula>");
    expect(XLSX.read(copy, { type: "array", cellFormula: true, sheetStubs: true }).Sheets["Liste"]["E5"]?.f).toBe("SUM(TabListe_2[Reste])");
    expect(text(after.get(tables[0]))).not.toMatch(/TabListe\[/);
    expect(text(after.get("[Content_Types].xml"))).toContain(`<Override PartName="/${tables[0]}" ContentType="${CT}.spreadsheetml.table+xml"/>`);
  });

  test("every new or changed XML part is well-formed (xmllint)", () => {
    const xmlParts = [...after.keys()].filter((p) => (!before.has(p) || CHANGED.has(p)) && /\.(xml|rels)$/.test(p));
    expect(xmlParts.length).toBeGreaterThanOrEqual(7);
    for (const part of xmlParts) {
      const file = path.join(tmp, part.replace(/[/[\]]/g, "_"));
      fs.writeFileSync(file, after.get(part)!);
      const run = spawnSync("xmllint", ["--noout", file], { encoding: "utf8" });
      expect({ part, status: run.status, stderr: run.stderr }).toEqual({ part, status: 0, stderr: "" });
    }
  });

  test("ExcelJS reads the filled sheet: values, live formulas, the fill, merges, the conditional format and the validation moved", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(copy as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Liste")!;
    expect([3, 4].map((r) => [2, 3].map((c) => ws.getCell(r, c).value))).toEqual([
      [31000, 7000],
      [209285, 57000],
    ]);
    expect([ws.getCell("A3").value, ws.getCell("A4").value, ws.getCell("A5").value, ws.getCell("A6").value]).toEqual(["C05-043A06", "C01-020Q01", "TOTAL", "Note sous le tableau"]);
    expect(["D3", "D4", "B5", "C5", "D5"].map((a) => (ws.getCell(a).value as ExcelJS.CellFormulaValue).formula)).toEqual(["B3-C3", "B4-C4", "SUM(B3:B4)", "SUM(C3:C4)", "SUM(D3:D4)"]);
    expect(ws.getCell("B4").numFmt).toBe("#,##0.00");
    expect((ws.getCell("C4").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FF00B050");
    expect(ws.getRow(4).height).toBe(20);
    expect(ws.getColumn(1).width).toBe(18);
    expect((ws as unknown as { model: { merges: string[] } }).model.merges.sort()).toEqual(["A1:D1", "A6:D6"]);
    const cf = (ws as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings;
    expect(cf.map((c) => c.ref)).toEqual(["D3:D4"]);
    expect([ws.getCell("C3").dataValidation?.type, ws.getCell("C4").dataValidation?.type, ws.getCell("C5").dataValidation?.type]).toEqual(["decimal", "decimal", undefined]);
    // The template itself is untouched.
    expect((wb.getWorksheet("Modèle Liste")!.getCell("B4").value as ExcelJS.CellFormulaValue).formula).toBe("SUM(B3)");
  });

  test("SheetJS reads the same cells, formulas and merges; HyperFormula recalculates the seeds' totals from them", () => {
    // Stubs: a formula written with no cached value is a cell SheetJS otherwise leaves out.
    const wb = XLSX.read(copy, { type: "array", cellFormula: true, sheetStubs: true });
    expect(wb.SheetNames).toEqual(["Rapport", "Modèle Liste", "Liste", "Annexe"]);
    const ws = wb.Sheets["Liste"];
    expect(["A3", "B3", "C3", "A4", "B4", "C4"].map((a) => ws[a]?.v)).toEqual(["C05-043A06", 31000, 7000, "C01-020Q01", 209285, 57000]);
    expect(["D3", "D4", "B5", "C5", "D5"].map((a) => ws[a]?.f)).toEqual(["B3-C3", "B4-C4", "SUM(B3:B4)", "SUM(C3:C4)", "SUM(D3:D4)"]);
    expect((ws["!merges"] ?? []).map((m) => XLSX.utils.encode_range(m)).sort()).toEqual(["A1:D1", "A6:D6"]);
    const range = XLSX.utils.decode_range(ws["!ref"]!);
    const grid: (string | number | null)[][] = [];
    for (let r = 0; r <= range.e.r; r++) {
      grid.push([]);
      for (let c = 0; c <= range.e.c; c++) {
        const cell = ws[XLSX.utils.encode_cell({ r, c })];
        grid[r].push(cell ? (cell.f ? `=${cell.f}` : (cell.v as string | number)) : null);
      }
    }
    const hf = HyperFormula.buildFromSheets({ Liste: grid }, { licenseKey: "gpl-v3" });
    const at = (a: string) => hf.getCellValue({ sheet: 0, ...(({ r, c }) => ({ row: r, col: c }))(XLSX.utils.decode_cell(a)) });
    expect(["D3", "D4", "B5", "C5", "D5"].map(at)).toEqual([24000, 152285, 240285, 64000, 176285]);
    // A Proposition edited: its Solde and the TOTAL follow (31 000 − 8 000 = 23 000; 23 000 + 152 285 = 175 285).
    hf.setCellContents({ sheet: 0, row: 2, col: 2 }, 8000);
    expect(["D3", "D5"].map(at)).toEqual([23000, 175285]);
    hf.destroy();
  });

  test("pointage check on the filled copy: no error, no warning", async () => {
    const run = await cli("check", output, "--format", "json");
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as { findings: { rule: string; severity: string; sheet: string; cell: string }[] };
    expect(report.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(run.code).toBe(0);
  });
});

describe("inputs the file host does not fill", () => {
  test("an .xls is refused as readable but not fillable (« no-fill »), naming the file", async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["{proposition}"]]), "Modèle");
    const xls = new Uint8Array(XLSX.write(wb, { bookType: "xls", type: "array" }) as ArrayBuffer);
    const plan = { template: "Modèle", sheetName: "Rapport", rowOperations: [], blocks: [], fields: [] };
    const error = await fillWorkbook(xls, plan, { fileName: "vieux.xls" }).catch((e: unknown) => e);
    expect(isUnusableFileError(error) && error.code).toBe("no-fill");
    expect(isUnusableFileError(error) && error.messageIn("fr")).toContain("vieux.xls");
    expect(isUnusableFileError(error) && error.messageIn("fr")).toContain("ne remplit les modèles que dans un classeur .xlsx");
  });

  test("a sheet name already taken is never overwritten", async () => {
    const zip = new JSZip();
    for (const [name, content] of Object.entries(PARTS)) zip.file(name, content);
    const bytes = await zip.generateAsync({ type: "uint8array" });
    const plan = { template: "Modèle Liste", sheetName: "annexe", rowOperations: [], blocks: [], fields: [] };
    const error = await fillWorkbook(bytes, plan, { fileName: "d.xlsm" }).catch((e: unknown) => e);
    expect(isUnusableFileError(error) && error.code).toBe("unsupported");
  });
});

describe("an empty list: what cannot follow the template is said, never silently dropped", () => {
  test("the table left with no data row and the template's notes are named by pointage fill; the name over the row is #REF!", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pointage-fill-empty-"));
    try {
      const zip = new JSZip();
      for (const [name, content] of Object.entries(PARTS)) zip.file(name, content);
      // No report line: the operations list is empty. The template has a note on A1.
      zip.file("xl/worksheets/sheet1.xml", RAPPORT.replace(/<sheetData>.*<\/sheetData>/, "<sheetData/>"));
      zip.file("xl/worksheets/sheet2.xml", TEMPLATE.replace("<tableParts", '<legacyDrawing r:id="rId2"/><tableParts'));
      zip.file("xl/worksheets/_rels/sheet2.xml.rels", rels([["rId1", `${R}/table`, "../tables/table1.xml"], ["rId2", `${R}/vmlDrawing`, "../drawings/vmlDrawing1.vml"]]));
      zip.file("xl/drawings/vmlDrawing1.vml", "<xml/>");
      const input = path.join(tmp, "vide.xlsm");
      const output = path.join(tmp, "vide.rempli.xlsm");
      fs.writeFileSync(input, await zip.generateAsync({ type: "uint8array" }));
      const run = await cli("fill", input, "--template", "Modèle Liste", "--out", output);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("non recopié du modèle : ses notes");
      expect(run.stdout).toContain("non recopié du modèle : le tableau Excel TabListe (il n'a plus de ligne de données)");
      const after = await unzip(new Uint8Array(fs.readFileSync(output)));
      const workbook = text(after.get("xl/workbook.xml"));
      expect(workbook).toContain('<definedName name="Propositions" localSheetId="2">#REF!</definedName>');
      expect(workbook).toContain('<definedName name="TotalSolde" localSheetId="2">Liste!$D$3</definedName>');
      const ws = XLSX.read(fs.readFileSync(output), { type: "buffer", cellFormula: true, sheetStubs: true }).Sheets["Liste"];
      // Row 3 went: the TOTAL row is row 3 and an empty list adds up to 0.
      expect([ws["A3"]?.v, ws["B3"]?.f, ws["D3"]?.f]).toEqual(["TOTAL", "0", "0"]);
      // The total over the table that was not copied is an error shown, not the template's own rows added.
      expect(ws["E3"]?.f).toBe("SUM(#REF!)");
      expect([...after.keys()].filter((p) => p.startsWith("xl/tables/"))).toEqual(["xl/tables/table1.xml"]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe("a macro workbook's filled copy keeps its macros", () => {
  test("pointage fill refuses to name it .xlsx, which Excel would not open", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pointage-fill-xlsm-"));
    try {
      const zip = new JSZip();
      for (const [name, content] of Object.entries(PARTS)) zip.file(name, content);
      const input = path.join(tmp, "dossier.xlsm");
      fs.writeFileSync(input, await zip.generateAsync({ type: "uint8array" }));
      const run = await cli("fill", input, "--template", "Modèle Liste", "--out", path.join(tmp, "copie.xlsx"));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("nommez-la .xlsm");
      expect(fs.existsSync(path.join(tmp, "copie.xlsx"))).toBe(false);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
