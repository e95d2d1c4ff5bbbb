/**
 * Builds workbook snapshots for tests, in the shapes Office.js returns: a cell is a plain value,
 * or `{ v, f, fmt }` for a formula with its cached result and a number format.
 */
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/core/model";
import { parseA1 } from "../../src/core/address";

export type CellSpec = CellValue | null | { v: CellValue; f?: string; fmt?: string; error?: boolean };

export interface SheetSpec {
  name: string;
  rows: CellSpec[][];
  /** Top-left cell of `rows` (default A1). */
  at?: string;
  listObjects?: { name: string; range: string }[];
}

export function sheet(name: string, rows: CellSpec[][], at = "A1", extra: Partial<SheetSnapshot> = {}): SheetSnapshot {
  const origin = parseA1(at)!;
  const width = Math.max(0, ...rows.map((r) => r.length));
  const values: CellValue[][] = [];
  const formulas: CellValue[][] = [];
  const numberFormats: string[][] = [];
  const valueTypes: NonNullable<SheetSnapshot["valueTypes"]> = [];
  for (const row of rows) {
    const v: CellValue[] = [];
    const f: CellValue[] = [];
    const n: string[] = [];
    const t: NonNullable<SheetSnapshot["valueTypes"]>[number] = [];
    for (let c = 0; c < width; c++) {
      const spec = row[c];
      if (spec === null || spec === undefined || spec === "") {
        v.push("");
        f.push("");
        n.push("General");
        t.push("Empty");
      } else if (typeof spec === "object") {
        v.push(spec.v);
        f.push(spec.f ?? spec.v);
        n.push(spec.fmt ?? "General");
        // `{ v: "", f }` is a formula with no cached value, as the file reader gives it: Empty.
        t.push(spec.error ? "Error" : spec.v === "" ? "Empty" : typeOf(spec.v));
      } else {
        v.push(spec);
        f.push(spec);
        n.push("General");
        t.push(typeOf(spec));
      }
    }
    values.push(v);
    formulas.push(f);
    numberFormats.push(n);
    valueTypes.push(t);
  }
  return { name, origin: { row: origin.row, column: origin.column }, values, formulas, numberFormats, valueTypes, ...extra };
}

function typeOf(v: CellValue): "String" | "Double" | "Boolean" {
  return typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
}

export function workbook(...sheets: SheetSnapshot[]): WorkbookSnapshot {
  return { sheets };
}

/** The snapshot of sheet specs, as a host would read them. */
export function snapshotOf(specs: readonly SheetSpec[]): WorkbookSnapshot {
  return { sheets: specs.map((s) => sheet(s.name, s.rows, s.at, s.listObjects ? { listObjects: s.listObjects } : {})) };
}

/** A TSV as it comes out of a PDF, pasted as text: every field a string. */
export function tsvRows(tsv: string): string[][] {
  return tsv
    .replace(/\r/g, "")
    .split("\n")
    .filter((line, i, all) => line !== "" || i < all.length - 1)
    .map((line) => line.split("\t"));
}
