/**
 * Writes the same sheet specs the sheet builder takes into a real .xlsx with ExcelJS, so that a
 * check's cases also run through the file adapter, as a user's workbook would.
 */
import * as ExcelJS from "exceljs";
import { parseA1 } from "../../src/core/address";
import type { CellSpec, SheetSpec } from "./sheet-builder";

function cellValue(spec: CellSpec): ExcelJS.CellValue {
  if (spec === null || spec === undefined || spec === "") return null;
  if (typeof spec !== "object") return spec;
  if (spec.error) return { error: spec.v as ExcelJS.CellErrorValue["error"] };
  // A formula whose value is "" is one with no cached result, as in the sheet builder's snapshot
  // (no value types there): written with no <v>, not as a stored empty text (t="str", <v></v>).
  if (spec.f && spec.v === "") return { formula: spec.f.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
  if (spec.f) return { formula: spec.f.replace(/^=/, ""), result: spec.v as number | string } as ExcelJS.CellFormulaValue;
  return spec.v;
}

export async function xlsxBytes(sheets: SheetSpec[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    const origin = parseA1(s.at ?? "A1")!;
    s.rows.forEach((row, i) =>
      row.forEach((spec, j) => {
        const value = cellValue(spec);
        if (value === null) return;
        const cell = ws.getCell(origin.row + i + 1, origin.column + j + 1);
        cell.value = value;
        if (spec && typeof spec === "object" && spec.fmt) cell.numFmt = spec.fmt;
      }),
    );
  }
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
