/**
 * Finds the tables of a workbook wherever they sit: on any sheet, at any position, several per
 * sheet, Excel tables (ListObjects) and plain ranges alike. A table starts at a header row whose
 * headers name its columns; it ends at its TOTAL row, at the first empty row, or at the next header.
 */
import { parseRange, rangeA1, qualified } from "../address";
import type { SheetGrid } from "../grid";
import { SETTINGS_SHEET } from "../model";
import type { ColumnRole } from "../settings";
import { conventionGroups } from "./convention";
import { headerRole } from "./headers";
import { depenseLine, imputationLine, lineRows, type HeaderInfo } from "./imputation";
import { ratioRows } from "./ratio";
import { repartitionBody } from "./repartition";
import type { ConventionTable, FoundTables, Table, TableKind } from "./types";

type HeaderKind = Exclude<TableKind, "convention">;

interface HeaderCandidate extends HeaderInfo {
  kind: HeaderKind;
}

/** Reads a row as a header: the roles its cells name, and the kind of table they make. */
export function classifyHeaderRow(grid: SheetGrid, row: number, headerMap: Record<string, ColumnRole>, sheetIndex: number): HeaderCandidate | undefined {
  const columns: Partial<Record<ColumnRole, number>> = {};
  const headers: Record<number, string> = {};
  const plainLabels: number[] = [];
  let first = -1;
  let last = -1;
  for (let c = grid.firstColumn; c < grid.endColumn; c++) {
    const reading = grid.cell(row, c).reading;
    if (reading.kind === "empty") continue;
    // A header row holds words only; a number means a data row labelled like a header.
    if (reading.kind !== "text") return undefined;
    if (first < 0) first = c;
    last = c;
    headers[c] = reading.text.trim();
    const role = headerRole(reading.text, headerMap);
    if (role && columns[role] === undefined) columns[role] = c;
    else if (!role) plainLabels.push(c);
  }
  if (first < 0) return undefined;
  const has = (r: ColumnRole) => columns[r] !== undefined;
  let kind: HeaderKind | undefined;
  if (has("disponible") && has("proposition") && (has("cp") || has("solde"))) kind = "imputation";
  else if (has("depense") && (has("cp") || has("code") || has("imputation")) && !has("proposition")) kind = "depense";
  else if (has("montant")) {
    const labelLeft = [...plainLabels, columns.libelle, columns.code].some((c) => c !== undefined && c < columns.montant!);
    if (labelLeft) kind = "repartition";
  }
  if (!kind) return undefined;
  return { kind, headerRow: row, firstColumn: first, lastColumn: last, columns, headers, sheet: grid.name, sheetIndex };
}

export function findTables(grids: readonly SheetGrid[], headerMap: Record<string, ColumnRole> = {}): FoundTables {
  const found: FoundTables = { imputation: [], depense: [], repartition: [], convention: [], liste: [], unread: [], all: [], ratios: [] };
  grids.forEach((grid, sheetIndex) => {
    if (grid.name === SETTINGS_SHEET) return;
    const onSheet: Table[] = [];
    const listObjects = (grid.snapshot.listObjects ?? [])
      .map((lo) => ({ name: lo.name, range: parseRange(lo.range) }))
      .filter((lo) => lo.range !== null);

    let row = grid.firstRow;
    while (row < grid.endRow) {
      const h = classifyHeaderRow(grid, row, headerMap, sheetIndex);
      if (!h) {
        row++;
        continue;
      }
      const lo = listObjects.find((l) => l.range!.start.row === row && l.range!.start.column <= h.firstColumn && l.range!.end.column >= h.lastColumn);
      const stop = lo ? lo.range!.end.row : grid.endRow - 1;
      const candidates: number[] = [];
      for (let r = row + 1; r <= stop; r++) {
        if (grid.rowEmpty(r, h.firstColumn, h.lastColumn)) break;
        if (classifyHeaderRow(grid, r, headerMap, sheetIndex)) break;
        candidates.push(r);
      }
      const table = buildTable(grid, h, candidates, lo?.name);
      // A "breakdown" whose amount column holds no number at all is prose under a header-like row
      // (a data dictionary describing a `Montant de la subvention` column): not a table.
      if (table.kind === "repartition" && !table.rows.some((r) => r.amount.reading.kind === "number" || r.amount.reading.kind === "error")) {
        row++;
        continue;
      }
      onSheet.push(table);
      row = table.range.end.row + 1;
    }

    const taken = (r: number, c: number) =>
      onSheet.some((t) => r >= t.range.start.row && r <= t.range.end.row && c >= t.range.start.column && c <= t.range.end.column);
    for (const terms of conventionGroups(grid, taken)) {
      const rows = terms.map((t) => t.label.row);
      const cols = terms.flatMap((t) => [t.label.column, t.value.column]);
      const range = {
        start: { row: Math.min(...rows), column: Math.min(...cols) },
        end: { row: Math.max(...rows), column: Math.max(...cols) },
      };
      const convention: ConventionTable = {
        id: qualified(grid.name, rangeA1(range)),
        kind: "convention",
        sheet: grid.name,
        sheetIndex,
        range,
        columns: {},
        headers: {},
        terms: Object.fromEntries(terms.map((t) => [t.key, t])),
      };
      onSheet.push(convention);
    }
    found.ratios.push(...ratioRows(grid, taken));
    onSheet.sort((a, b) => a.range.start.row - b.range.start.row || a.range.start.column - b.range.start.column);
    for (const t of onSheet) {
      found.all.push(t);
      (found[t.kind] as Table[]).push(t);
    }
  });
  return found;
}

function buildTable(grid: SheetGrid, h: HeaderCandidate, candidates: number[], listObject?: string): Table {
  const base = { sheet: grid.name, sheetIndex: h.sheetIndex, columns: h.columns, headers: h.headers, listObject };
  const rangeTo = (lastRow: number) => ({
    start: { row: h.headerRow, column: h.firstColumn },
    end: { row: lastRow, column: h.lastColumn },
  });
  const idOf = (lastRow: number) => qualified(grid.name, rangeA1(rangeTo(lastRow)));
  if (h.kind === "repartition") {
    const body = repartitionBody(grid, h, candidates);
    return {
      ...base,
      id: idOf(body.lastRow),
      kind: "repartition",
      range: rangeTo(body.lastRow),
      amountColumn: h.columns.montant!,
      percentColumn: h.columns.pourcent,
      rows: body.rows,
      percentScale: body.percentScale,
    };
  }
  const lastRow = candidates.length ? candidates[candidates.length - 1] : h.headerRow;
  const id = idOf(lastRow);
  if (h.kind === "imputation") {
    const rows = lineRows(grid, h, candidates, ["cp", "disponible", "proposition", "solde"]);
    return { ...base, id, kind: "imputation", range: rangeTo(lastRow), lines: rows.map((r) => imputationLine(grid, h, id, r)) };
  }
  const rows = lineRows(grid, h, candidates, ["cp", "depense"]);
  return { ...base, id, kind: "depense", range: rangeTo(lastRow), lines: rows.map((r) => depenseLine(grid, h, id, r)) };
}
