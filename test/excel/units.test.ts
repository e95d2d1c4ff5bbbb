import { columnIndex, columnLetter, localAddress, parseRange, quotedReference, rangeA1 } from "../../src/core/address";
import { type SheetCursor, measureBytes, nextBytesPerCell, takeBlocks } from "../../src/excel/plan";
import { toHostError } from "../../src/excel/errors";
import { jsonBytes, responseParts } from "./fake-excel";

describe("address", () => {
  it("converts columns both ways", () => {
    for (const [i, l] of [[0, "A"], [25, "Z"], [26, "AA"], [701, "ZZ"], [702, "AAA"], [16_383, "XFD"]] as const) {
      expect(columnLetter(i)).toBe(l);
      expect(columnIndex(l)).toBe(i);
    }
  });

  it("parses used-range and table addresses with or without a quoted sheet", () => {
    expect(parseRange("'Feuil 1'!$B$3:F20")).toEqual({ sheet: "Feuil 1", start: { row: 2, column: 1 }, end: { row: 19, column: 5 } });
    expect(parseRange("Rapport!G4")).toEqual({ sheet: "Rapport", start: { row: 3, column: 6 }, end: { row: 3, column: 6 } });
    expect(localAddress("'l''an!x'!A1:B2")).toBe("A1:B2");
    expect(rangeA1({ start: { row: 2, column: 1 }, end: { row: 4, column: 2 } })).toBe("B3:C5");
    expect(quotedReference("L'an 2025", "$C$7")).toBe("'L''an 2025'!C7");
  });
});

describe("plan", () => {
  const cursor = (sheet: number, rowCount: number, columnCount: number): SheetCursor => ({
    sheet,
    rowCount,
    columnCount,
    nextRow: 0,
  });

  it("packs several sheets into one sync and splits a large one into full blocks", () => {
    const cursors = [cursor(0, 10, 5), cursor(1, 1_000, 10), cursor(2, 3, 2)];
    // 10 000 bytes at 10 bytes per cell: 1 000 cells per sync.
    expect(takeBlocks(cursors, 10_000, 10)).toEqual([
      { sheet: 0, startRow: 0, rowCount: 10, columnCount: 5 },
      { sheet: 1, startRow: 0, rowCount: 95, columnCount: 10 },
    ]);
    expect(takeBlocks(cursors, 10_000, 10)).toEqual([{ sheet: 1, startRow: 95, rowCount: 100, columnCount: 10 }]);
  });

  it("takes at least one row even when it is over the budget", () => {
    expect(takeBlocks([cursor(0, 5, 1_000)], 100, 10)).toEqual([{ sheet: 0, startRow: 0, rowCount: 1, columnCount: 1_000 }]);
  });

  it("measures JSON bytes and follows them, with a margin and a floor", () => {
    expect(measureBytes([["ab", 12]], [["General", "@"]])).toBe(2 + 5 + 3 + 2 + 10 + 4);
    // 4 % over the measure (40 × 1.04, 400 × 1.04), never under 24 bytes a cell.
    expect(nextBytesPerCell(40)).toBeCloseTo(41.6, 9);
    expect(nextBytesPerCell(400)).toBeCloseTo(416, 9);
    expect(nextBytesPerCell(10)).toBe(24);
  });
});

describe("the fake's response bytes", () => {
  it("are the response's JSON in UTF-8, split by load path with the keys and braces apart", () => {
    const response = {
      values: [["Libellé", 12]],
      areas: { items: [{ address: "'Rapport 1'!G2:G3", numberFormat: [['#,##0.00\\ "€"'], ["0.00%"]] }, { address: "G5", numberFormat: [["General"]] }] },
      skipped: undefined,
    };
    const parts = new Map<string, number>();
    expect(responseParts(response, parts)).toBe(jsonBytes(response));
    expect(parts.get("values")).toBe(jsonBytes(response.values));
    expect(parts.get("areas/items/numberFormat")).toBe(jsonBytes(response.areas.items[0].numberFormat) + jsonBytes([["General"]]));
    expect([...parts.values()].reduce((n, b) => n + b, 0)).toBe(jsonBytes(response));
  });
});

describe("errors", () => {
  it("keeps unknown causes for developers and a plain sentence for users", () => {
    const cause = Object.assign(new Error("boom"), { code: "GeneralException" });
    const e = toHostError(cause, "fr");
    expect(e.code).toBe("unknown");
    expect(e.message).toBe("Excel a refusé l'opération (GeneralException). Réessayez.");
    expect((e as unknown as { cause: unknown }).cause).toBe(cause);
    expect(toHostError({ code: "ResponsePayloadSizeLimitExceeded" }, "en").code).toBe("too-large");
  });
});
