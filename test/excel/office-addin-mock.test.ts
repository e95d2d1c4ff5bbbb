/**
 * The adapter against Microsoft's `office-addin-mock` (OfficeMockObject), as the Office template
 * tests its host module. The mock is thin (NOTES.md): it has no collections, so a collection's
 * `load("items/x")` is forwarded to its items by a few lines of glue below; arrays in the data
 * (values, formulas, numberFormat, valueTypes) are plain values (version 4 has no `setMock`);
 * it counts no syncs and measures no payloads, which is why `fake-excel.ts` exists.
 *
 * office-addin-mock imports `OfficeApp` from office-addin-manifest, whose dependency chain ends
 * in an ES-module-only package (strip-bom 5) that Jest's CommonJS runtime cannot load; the enum
 * is all it needs, so it is stubbed here.
 */
jest.mock("office-addin-manifest", () => ({
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
}));

import { OfficeMockObject } from "office-addin-mock";
import { createExcelHost } from "../../src/excel";

type MockData = Record<string, unknown>;

/** A collection whose `load("items/a,items/b")` loads `a,b` on each item. */
function collection(items: OfficeMockObject[]): MockData {
  return {
    items,
    load(this: OfficeMockObject, props: string) {
      OfficeMockObject.prototype.load.call(this, "items");
      const itemProps = props.split(",").map((p) => p.trim().replace(/^items\//, ""));
      for (const item of items) item.load(itemProps);
      return this;
    },
  };
}

/** A worksheet whose used range (values only) is `used`, or none. */
function sheet(name: string, visibility: string, used: MockData | null): OfficeMockObject {
  return new OfficeMockObject({
    name,
    visibility,
    id: `{${name}}`,
    usedRange: used ?? { address: "", rowCount: 0, columnCount: 0 },
    getUsedRangeOrNullObject(this: MockData) {
      const range = this.usedRange as MockData;
      range.isNullObject = used === null;
      return range;
    },
  });
}

function excelMock(): OfficeMockObject {
  const sheets = [
    sheet("Rapport", "Visible", {
      address: "Rapport!B2:D3",
      rowCount: 2,
      columnCount: 3,
      values: [
        ["Code Opération", "CP", "Solde"],
        ["C05-043A06", 43056, 36056],
      ],
      formulas: [
        ["Code Opération", "CP", "Solde"],
        ["C05-043A06", 43056, "=C3-7000"],
      ],
      numberFormat: [
        ["General", "General", "General"],
        ["@", "#,##0.00", "#,##0.00"],
      ],
      valueTypes: [
        ["String", "String", "String"],
        ["String", "Double", "Double"],
      ],
    }),
    sheet("Vide", "Hidden", null),
  ];
  const tables = [
    new OfficeMockObject({
      name: "TabRapport",
      worksheet: { name: "Rapport" },
      range: { address: "Rapport!B2:D3" },
      getRange(this: MockData) {
        return this.range;
      },
    }),
  ];
  const all = [...sheets, ...tables];
  return new OfficeMockObject({
    context: {
      workbook: { worksheets: collection(sheets), tables: collection(tables) },
      async sync(this: OfficeMockObject) {
        await OfficeMockObject.prototype.sync.call(this);
        for (const m of all) await m.sync();
      },
    },
    async run(this: MockData, batch: (context: unknown) => Promise<unknown>) {
      return await batch(this.context);
    },
  });
}

describe("the adapter on office-addin-mock", () => {
  it("reads a small workbook into the same snapshot", async () => {
    const excel = excelMock();
    const host = createExcelHost({ run: excel.run.bind(excel) as typeof Excel.run, isSetSupported: () => true });
    const snapshot = await host.readWorkbook();
    expect(snapshot).toEqual({
      sheets: [
        {
          name: "Rapport",
          origin: { row: 1, column: 1 },
          values: [
            ["Code Opération", "CP", "Solde"],
            ["C05-043A06", 43056, 36056],
          ],
          formulas: [
            ["Code Opération", "CP", "Solde"],
            ["C05-043A06", 43056, "=C3-7000"],
          ],
          numberFormats: [
            ["General", "General", "General"],
            ["@", "#,##0.00", "#,##0.00"],
          ],
          valueTypes: [
            ["String", "String", "String"],
            ["String", "Double", "Double"],
          ],
          listObjects: [{ name: "TabRapport", range: "B2:D3" }],
          visibility: "Visible",
        },
        {
          name: "Vide",
          origin: { row: 0, column: 0 },
          values: [],
          formulas: [],
          numberFormats: [],
          valueTypes: [],
          listObjects: [],
          visibility: "Hidden",
        },
      ],
    });
  });

  it("returns a string for an unloaded read instead of throwing (why the hand-written fake exists)", async () => {
    const range = new OfficeMockObject({ values: [[1]], address: "A1" });
    expect(range.values).toBe("Error, property was not loaded");
    range.load("values");
    expect(range.values).toBe("Error, context.sync() was not called");
    await range.sync();
    expect(range.values).toEqual([[1]]);
  });
});
