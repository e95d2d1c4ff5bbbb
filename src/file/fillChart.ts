/**
 * The plan's charts as DrawingML parts: one drawing for the filled sheet, holding one chart
 * frame per chart, and one chart part each — a single-series clustered bar or column chart (or a
 * pie) whose categories and values are references to the filled sheet's cells, so the chart
 * follows any edit of the amounts. No cached values: Excel reads the cells when it opens the file.
 * Written by hand for the same reason as the sheet (fillSheetXml.ts): nothing else edits a
 * package without re-serialising it.
 */
import { parseRange } from "../core/address";
import { refEndText, sheetPrefix } from "../core/fill/formulaTokens";
import type { FillChart } from "../core/fill/plan";
import { REL_NS } from "./ooxmlParts";
import { encodeXml } from "./xml";

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
const SHEET_DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

/** How many columns and rows a chart spans from its anchor (about 15 × 7.5 cm at Excel's default sizes). */
const CHART_COLUMNS = 8;
const CHART_ROWS = 15;

/** `A4:A11` on the sheet → `'Rapport C05-043A06'!$A$4:$A$11`; undefined when the plan's range is not one. */
export function absoluteReference(sheet: string, range: string): string | undefined {
  const r = parseRange(range);
  if (!r) return undefined;
  const end = (row: number, column: number) => refEndText({ row, column, rowAbs: true, columnAbs: true });
  const start = end(r.start.row, r.start.column);
  const last = end(r.end.row, r.end.column);
  return `${sheetPrefix(sheet)}${start === last ? start : `${start}:${last}`}`;
}

/** The chart part of one plan chart, its series over the filled sheet's cells. */
export function chartXml(chart: FillChart, sheet: string): string {
  const categories = absoluteReference(sheet, chart.categories);
  const values = absoluteReference(sheet, chart.values);
  if (!categories || !values) throw new Error(`chart ranges ${chart.categories} / ${chart.values}`);
  const title = encodeXml(chart.title);
  const series =
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>${title}</c:v></c:tx>` +
    (chart.type === "pie" ? "" : '<c:invertIfNegative val="0"/>') +
    `<c:cat><c:strRef><c:f>${encodeXml(categories)}</c:f></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${encodeXml(values)}</c:f></c:numRef></c:val></c:ser>`;
  let plot: string;
  if (chart.type === "pie") {
    plot = `<c:pieChart><c:varyColors val="1"/>${series}<c:firstSliceAng val="0"/></c:pieChart>`;
  } else {
    // A bar chart's categories run down the left side; a column chart's along the bottom.
    const horizontal = chart.type === "bar";
    plot =
      `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}` +
      '<c:gapWidth val="150"/><c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>' +
      `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${horizontal ? "l" : "b"}"/>` +
      '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
      '<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
      `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${horizontal ? "b" : "l"}"/><c:majorGridlines/>` +
      '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
      '<c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>';
  }
  return (
    XML_DECLARATION +
    `<c:chartSpace xmlns:c="${CHART_NS}" xmlns:a="${DRAWING_NS}" xmlns:r="${REL_NS}"><c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${title}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}</c:plotArea>` +
    (chart.type === "pie" ? '<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend>' : "") +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
  );
}

/** The drawing part placing each chart at its anchor cell; `relationIds[i]` is chart i's relationship in the drawing's rels. */
export function drawingXml(charts: readonly FillChart[], relationIds: readonly string[]): string {
  const anchors = charts.map((chart, i) => {
    const at = parseRange(chart.anchor)?.start ?? { row: 0, column: 0 };
    const corner = (tag: string, column: number, row: number) =>
      `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
    return (
      '<xdr:twoCellAnchor editAs="oneCell">' +
      corner("from", at.column, at.row) +
      corner("to", at.column + CHART_COLUMNS, at.row + CHART_ROWS) +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${encodeXml(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${CHART_NS}"><c:chart xmlns:c="${CHART_NS}" r:id="${encodeXml(relationIds[i])}"/></a:graphicData></a:graphic>` +
      "</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
    );
  });
  return XML_DECLARATION + `<xdr:wsDr xmlns:xdr="${SHEET_DRAWING_NS}" xmlns:a="${DRAWING_NS}" xmlns:r="${REL_NS}">${anchors.join("")}</xdr:wsDr>`;
}
