/**
 * The filled sheet's XML from a template's own part, on what other writers produce: the OpenXML
 * SDK's `x:` prefix, hyperlinks to a URL, page breaks, printer settings, column spans, a
 * text that looks like a formula, a format code with quotes. Expected parts are written by hand
 * from ECMA-376 (a row inserted under row 3 moves row 4 to row 5), not computed by the code.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { FillPlan } from "../../src/core/fill/plan";
import { applyRowOperation, parseSheetXml, serialiseSheet, writePlanCells } from "../../src/file/fillSheetXml";
import { StyleBook } from "../../src/file/fillStyles";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const STYLES = `<x:styleSheet xmlns:x="${MAIN}"><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="0.0"/></x:numFmts><x:cellXfs count="2"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><x:xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"><x:alignment horizontal="center"/></x:xf></x:cellXfs></x:styleSheet>`;

/** A template as the OpenXML SDK writes it: every element prefixed, the relationships namespace declared on the root. */
const TEMPLATE =
  `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${MAIN}" xmlns:r="${R}"><x:sheetPr codeName="Feuil2"/><x:sheetViews><x:sheetView tabSelected="1" workbookViewId="0"/></x:sheetViews>` +
  `<x:cols><x:col min="1" max="4" width="12" customWidth="1"/></x:cols><x:sheetData>` +
  `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Site</x:t></x:is></x:c></x:row>` +
  `<x:row r="3" spans="1:4"><x:c r="A3" s="1" t="inlineStr"><x:is><x:t>{lignes.code}</x:t></x:is></x:c><x:c r="B3" s="1"/></x:row>` +
  `<x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:t>Voir le site</x:t></x:is></x:c></x:row></x:sheetData>` +
  `<x:hyperlinks><x:hyperlink ref="A4" r:id="rId7"/><x:hyperlink ref="A1" location="'Autre'!A1"/></x:hyperlinks>` +
  `<x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><x:pageSetup paperSize="9" r:id="rId8"/>` +
  `<x:rowBreaks count="1" manualBreakCount="1"><x:brk id="4" max="16383" man="1"/></x:rowBreaks><x:legacyDrawing r:id="rId9"/></x:worksheet>`;

/** Two items: one row inserted under row 3 (0-based 2), formatted like it. */
const PLAN: FillPlan = {
  template: "Modèle",
  sheetName: "Rempli",
  rowOperations: [{ kind: "insertRows", before: 3, count: 1, formatFrom: 2 }],
  blocks: [
    {
      row: 2,
      column: 0,
      cells: [
        [{ kind: "text", text: "=HYPERLINK(\"http://x\")" }, { kind: "number", value: 9380, numberFormat: '#,##0.00\\ "€"' }],
        [{ kind: "text", text: "A & B <C>" }, { kind: "formula", formula: "=TEXTJOIN(\",\",TRUE,A3:A4)" }],
      ],
    },
  ],
  columnWidths: [{ column: 1, width: 30 }],
  fields: [],
};

describe("a template written with the x: prefix, two items", () => {
  const sheet = parseSheetXml(TEMPLATE);
  for (const op of PLAN.rowOperations) applyRowOperation(sheet, op);
  const styles = new StyleBook(STYLES);
  writePlanCells(sheet, PLAN, styles);
  const xml = serialiseSheet(sheet, { tableIds: [], hyperlinkId: (old) => (old === "rId7" ? "rId1" : undefined) });
  const stylesXml = styles.result();

  test("keeps the prefix, drops what names the template's own parts, says what it left out", () => {
    expect(xml).toContain(`<x:worksheet xmlns:x="${MAIN}" xmlns:r="${R}">`);
    expect(xml).toContain("<x:sheetPr/>");
    expect(xml).toContain('<x:sheetView workbookViewId="0"/>');
    expect(xml).toContain('<x:pageSetup paperSize="9"/>');
    expect(xml).not.toContain("legacyDrawing");
    expect(sheet.dropped).toEqual(["legacyDrawing"]);
  });

  test("the copied row keeps its style; the text that looks like a formula is inline text with the @ format", () => {
    // Row 3's A3 had style 1 (centred, font 1): the text gets style 1 with `@` (49), a new xf 2.
    expect(xml).toContain('<x:c r="A3" s="2" t="inlineStr"><x:is><x:t xml:space="preserve">=HYPERLINK(&quot;http://x&quot;)</x:t></x:is></x:c>');
    expect(xml).toContain('<x:c r="A4" s="1" t="inlineStr"><x:is><x:t xml:space="preserve">A &amp; B &lt;C&gt;</x:t></x:is></x:c>');
    // 9 380 with the euro format: a new numFmt 165 (164 is taken), on B3's style 1.
    expect(xml).toContain('<x:c r="B3" s="3"><x:v>9380</x:v></x:c>');
    expect(xml).toContain('<x:c r="B4" s="1"><x:f>_xlfn.TEXTJOIN(&quot;,&quot;,TRUE,A3:A4)</x:f></x:c>');
    expect(stylesXml).toContain('<x:numFmt numFmtId="165" formatCode="#,##0.00\\ &quot;€&quot;"/></x:numFmts>');
    expect(stylesXml).toContain('<x:cellXfs count="4">');
    expect(stylesXml).toContain('<x:xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"><x:alignment horizontal="center"/></x:xf>');
    expect(stylesXml).toContain('<x:xf numFmtId="165" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"><x:alignment horizontal="center"/></x:xf></x:cellXfs>');
  });

  test("what was below moved down one row: the cell, its hyperlink (a new relationship), the page break", () => {
    expect(xml).toContain('<x:row r="5"><x:c r="A5" t="inlineStr"><x:is><x:t>Voir le site</x:t></x:is></x:c></x:row>');
    expect(xml).toContain(`<x:hyperlinks><x:hyperlink ref="A5" r:id="rId1"/><x:hyperlink ref="A1" location="'Autre'!A1"/></x:hyperlinks>`);
    expect(xml).toContain('<x:rowBreaks count="1" manualBreakCount="1"><x:brk id="5" max="16383" man="1"/></x:rowBreaks>');
    expect(xml).toContain('<x:dimension ref="A1:B5"/>');
  });

  test("column B's width is the plan's; the template's span is split around it", () => {
    expect(xml).toContain('<x:cols><x:col min="1" max="1" width="12" customWidth="1"/><x:col min="2" max="2" width="30" customWidth="1"/><x:col min="3" max="4" width="12" customWidth="1"/></x:cols>');
  });

  test("the part is well-formed XML (xmllint)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pointage-sheet-"));
    try {
      for (const [name, text] of [["sheet.xml", xml], ["styles.xml", stylesXml]]) {
        fs.writeFileSync(path.join(dir, name), text);
        const run = spawnSync("xmllint", ["--noout", path.join(dir, name)], { encoding: "utf8" });
        expect({ name, status: run.status, stderr: run.stderr }).toEqual({ name, status: 0, stderr: "" });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test("a template root with no relationships namespace gets one for the copy's own relationships", () => {
  const sheet = parseSheetXml(`<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`);
  const xml = serialiseSheet(sheet, { drawingId: "rId3", tableIds: ["rId4"], hyperlinkId: () => undefined });
  expect(xml).toContain(`<worksheet xmlns="${MAIN}" xmlns:r="${R}">`);
  expect(xml).toContain('<drawing r:id="rId3"/><tableParts count="1"><tablePart r:id="rId4"/></tableParts></worksheet>');
});
