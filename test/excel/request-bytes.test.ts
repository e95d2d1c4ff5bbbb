/**
 * Fake against real: the adapter's request estimates against Office.js's own serialisation of
 * the same batches (the fake mirrors every call onto a real `Excel.RequestContext`, see
 * ./officejs.ts), and the response estimates of reads against the JSON the fake returns.
 */
import type { Finding, Severity } from "../../src/core/findings";
import { createExcelHost } from "../../src/excel";
import { highlightIn } from "../../src/excel/highlight";
import { jsonBytes, measureBytes } from "../../src/excel/plan";
import { REPORT_SHEET, writeReportIn } from "../../src/excel/report";
import { FAKE_PAYLOAD_LIMIT, FakeWorkbook } from "./fake-excel";
import { addArticle3Sheet } from "./workbooks";

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

function findings(n: number, sheet = "Rapport 2023"): Finding[] {
  return Array.from({ length: n }, (_, i) => ({
    rule: "IMP-SOLDE",
    severity: SEVERITIES[i % 3],
    sheet,
    cell: `G${i + 2}`,
    related: [],
    actual: { kind: "money", cents: 700_000 + i },
    expected: { kind: "money", cents: 2_400_000 },
    messageId: "soldeMismatch",
    data: {},
    message: `Le solde ${i} ne correspond pas à CP − Proposition (24 000,00 €) : « écart » de ${i} €.`,
  }));
}

const VERSIONS = [
  ["1.9", { hyperlinkProperty: true, cellProperties: true }],
  ["1.7", { hyperlinkProperty: true, cellProperties: false }],
  ["1.6", { hyperlinkProperty: false, cellProperties: false }],
] as const;

/** The request bytes Office.js serialised for the syncs after the first `skip`. */
function realBytes(wb: FakeWorkbook, skip: number): number[] {
  return wb.syncs.slice(skip).map((s) => s.requestBytes);
}

function expectWithin10(estimates: readonly number[], real: readonly number[]): void {
  expect(estimates).toHaveLength(real.length);
  estimates.forEach((e, i) => expect(Math.abs(e - real[i]) / real[i]).toBeLessThan(0.1));
}

describe("request bytes: estimates within 10 % of Office.js's own serialisation", () => {
  jest.setTimeout(60_000);
  it.each(VERSIONS.flatMap(([v, api]) => [10, 1_000, 10_000].map((n) => [v, n, api] as const)))(
    "report, ExcelApi %s, %i findings",
    async (_v, n, api) => {
      const wb = new FakeWorkbook();
      addArticle3Sheet(wb, "Rapport 2023", 10);
      const { estimates } = (await wb.run((context) =>
        writeReportIn(context, findings(n), { lang: "fr", ...api, budgetBytes: 4_500_000 }),
      )) as { estimates: number[] };
      // Sync 1 reads the sheet names; each later one writes rows.
      expectWithin10(estimates, realBytes(wb, 1));
      expect(wb.syncs.every((s) => s.requestBytes < FAKE_PAYLOAD_LIMIT && !s.failed)).toBe(true);
    },
  );

  it.each([
    [true, 10],
    [true, 1_000],
    [true, 10_000],
    [false, 10],
    [false, 1_000],
    [false, 10_000],
  ])("highlight, multi-area %s, %i findings", async (multiArea, n) => {
    const wb = new FakeWorkbook();
    addArticle3Sheet(wb, "Rapport 2023", n + 2);
    const estimates = (await wb.run((context) =>
      highlightIn(context, findings(n), { lang: "fr", multiArea, budgetBytes: 4_500_000 }),
    )) as number[];
    // Syncs 1–2 list the sheets and their formats (no custom rule yet: no sync 3).
    expectWithin10(estimates, realBytes(wb, 2));
    expect(wb.syncs.every((s) => !s.failed)).toBe(true);
  });

  it("reads: the planner's measure is the response's UTF-8 JSON, escapes included", async () => {
    const wb = new FakeWorkbook();
    addArticle3Sheet(wb, "Rapport 2023", 1_000);
    const sheet = wb.sheet("Rapport 2023");
    sheet.setRows("H1", [[{ value: 'Écart « signé » "net"\n€', numberFormat: '#,##0.00\\ "€"' }]]);
    await createExcelHost({ run: wb.run, isSetSupported: () => true, retryDelayMs: 0 }).readWorkbook();
    const data = wb.syncs[2];
    const used = sheet.usedRect(true)!;
    expect(used.rowCount).toBe(1_001);
    // What the planner measured, recomputed from the fake's cells.
    const grid = <T>(f: (c: ReturnType<typeof sheet.getCell>) => T): T[][] =>
      Array.from({ length: used.rowCount }, (_, r) => Array.from({ length: used.columnCount }, (_, c) => f(sheet.getCell(r, c))));
    // Values and number formats of every cell; then each formula cell (here every 7th Dépense,
    // one area each) as its area's address and formulas (src/excel/read.ts).
    let measured = measureBytes(
      grid((c) => c?.value ?? ""),
      grid((c) => c?.numberFormat ?? "General"),
    );
    for (let r = 0; r < used.rowCount; r += 1)
      for (let c = 0; c < used.columnCount; c += 1) {
        const formula = sheet.getCell(r, c)?.formula;
        if (formula) measured += jsonBytes(`'Rapport 2023'!E${r + 1}`) + measureBytes([[formula]]);
      }
    expect(Math.abs(measured - data.responseBytes) / data.responseBytes).toBeLessThan(0.1);
    // 13 characters, 20 bytes with its quotes, escapes and a 3-byte euro sign.
    expect('#,##0.00\\ "€"'.length).toBe(13);
    expect(jsonBytes('#,##0.00\\ "€"')).toBe(20);
  });
});

describe("a report of 20 000 findings under the 5 MB limit", () => {
  // Office.js serialises every sync of these large batches: seconds, on a shared machine.
  jest.setTimeout(60_000);

  it("is written with no sync refused", async () => {
    const wb = new FakeWorkbook();
    addArticle3Sheet(wb, "Rapport 2023", 10);
    const host = createExcelHost({ run: wb.run, isSetSupported: (_, v) => Number(v) <= 1.8, retryDelayMs: 0 });
    await host.writeReport(findings(20_000), "fr");
    expect(wb.syncs.filter((s) => s.failed)).toEqual([]);
    expect(wb.syncs.length).toBeGreaterThan(3);
    expect(wb.sheet(REPORT_SHEET).cell("B20001")?.value).toBe("IMP-SOLDE");
    expect(wb.sheets.map((s) => s.name)).toEqual(["Rapport 2023", REPORT_SHEET]);
  });

  it("leaves no half sheet, and the old report whole, after an injected failure", async () => {
    const wb = new FakeWorkbook();
    addArticle3Sheet(wb, "Rapport 2023", 10);
    const host = createExcelHost({ run: wb.run, isSetSupported: (_, v) => Number(v) <= 1.8, retryDelayMs: 0 });
    await host.writeReport(findings(3), "fr");
    const old = wb.sheet(REPORT_SHEET);
    const before = old.formats();
    const syncs = wb.syncCount;
    // Sheet names, header, then rows: the third row sync fails.
    let count = 0;
    const original = wb.runSync.bind(wb);
    wb.runSync = async (ops, measured) => {
      count += 1;
      if (count === 5) wb.failNextSyncs("GeneralException");
      return original(ops, measured);
    };
    const error = await host.writeReport(findings(20_000), "fr").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "unknown" });
    expect(wb.syncCount - syncs).toBeGreaterThan(5);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Rapport 2023", REPORT_SHEET]);
    expect(wb.sheet(REPORT_SHEET)).toBe(old);
    expect(old.formats()).toEqual(before);
    expect(old.cell("A6")?.value).toBe("Total : 1 erreur, 1 avertissement, 1 information.");
  });

  it("retries a chunk Excel refuses as too large in smaller chunks", async () => {
    const wb = new FakeWorkbook();
    addArticle3Sheet(wb, "Rapport 2023", 10);
    wb.limitBytes = 1_000_000;
    const host = createExcelHost({ run: wb.run, isSetSupported: () => true, retryDelayMs: 0 });
    await host.writeReport(findings(5_000), "fr");
    expect(wb.syncs.some((s) => s.failed === "RequestPayloadSizeLimitExceeded")).toBe(true);
    expect(wb.sheet(REPORT_SHEET).cell("B5001")?.value).toBe("IMP-SOLDE");
    expect(wb.sheets.map((s) => s.name)).toEqual(["Rapport 2023", REPORT_SHEET]);
  });
});
