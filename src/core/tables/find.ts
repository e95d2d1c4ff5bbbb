/**
 * Finds the tables of a workbook wherever they sit, however they were typed or pasted:
 *   sheets → regions (regions.ts: blocks separated by empty rows and columns, Excel tables apart)
 *          → blocks (tables side by side with no empty column between them: a label column right
 *            of a numeric column starts a new one)
 *          → tables: a header row (or two) whose words and whose cells name the columns' roles
 *            (headers.ts, content.ts) makes an imputation, Dépense or breakdown table; what is left
 *            with numbers becomes a "liste", checked by the arithmetic its rows establish
 *            (relations.ts) and by its TOTAL rows.
 * Whatever holds numbers and is still not understood is returned in `unread`, with the headers
 * seen there, so every host can say so on that sheet and range: never a silent « 0 erreur ».
 */
import { parseRange, qualified, rangeA1, rangeColumns, type RangeRef } from "../address";
import type { SheetGrid } from "../grid";
import { SETTINGS_SHEET } from "../model";
import { normalizeLabel } from "../text";
import type { ColumnRole } from "../settings";
import { columnProfiles, inferImputationColumns, isIdentifierHeader, type ColumnProfile } from "./content";
import { conventionGroups, termKey } from "./convention";
import { headerRole } from "./headers";
import { depenseLines, imputationLines, lineRows, type HeaderInfo } from "./imputation";
import { inferRelations, MIN_ROWS } from "./relations";
import { ratioRows } from "./ratio";
import { findBudgets, type BudgetTable } from "./budget";
import { findRegions, type Region } from "./regions";
import { RectIndex, RowSet, unionOf, type Coverage } from "./coverage";
import { detailShares, repartitionBody, subtotalKinds } from "./repartition";
import { isPartLine, isYearRow, rowLabel } from "./rows";
import type { ConventionTable, FoundTables, ListeColumn, ListeRow, ListeTable, RepartitionRow, RepartitionTable, RowArithmetic, Table, TableKind, UnreadRegion } from "./types";
import { percentPoints } from "../amounts";

type HeaderKind = Exclude<TableKind, "convention" | "liste">;

interface HeaderCandidate extends HeaderInfo {
  kind: HeaderKind;
  /** First data row (the row after the header, or after its second row). */
  dataRow: number;
}

/** A header row read: the roles it names (by words and by content) and the texts it shows. */
interface HeaderReading {
  columns: Partial<Record<ColumnRole, number>>;
  headers: Record<number, string>;
  first: number;
  last: number;
  /** Columns whose header names no role. */
  plain: number[];
}

/** Rows looked at under a header to see what its columns hold. */
const PROFILE_ROWS = 60;
/** How many rows from a block's top (or the previous table) a header may sit: titles above it. */
const HEADER_SEARCH = 12;

const AMOUNT_ROLES: ReadonlySet<ColumnRole> = new Set(["cp", "disponible", "proposition", "solde", "depense", "montant", "pourcent"]);

/** True when the row holds words only (no numbers, no errors) in the columns. */
function isWordRow(grid: SheetGrid, row: number, from: number, to: number): boolean {
  let words = 0;
  for (let c = from; c <= to; c++) {
    const k = grid.kind(row, c);
    if (k === "empty") continue;
    if (k !== "text") return false;
    words++;
  }
  return words > 0;
}

/**
 * Reads a row as a header over the columns `from`..`to`; `above` is a row of words right over it
 * (a two-row header: `Crédits` merged over `CP | Disponible | Proposition`).
 */
function readHeader(grid: SheetGrid, row: number, from: number, to: number, headerMap: Record<string, ColumnRole>, profiles: Map<number, ColumnProfile>, above?: number): HeaderReading | undefined {
  if (!isWordRow(grid, row, from, to)) return undefined;
  const columns: Partial<Record<ColumnRole, number>> = {};
  const headers: Record<number, string> = {};
  const plain: number[] = [];
  let first = -1;
  let last = -1;
  for (let c = from; c <= to; c++) {
    const own = textAt(grid, row, c);
    const over = above === undefined ? "" : textAt(grid, above, c);
    const text = own || over;
    if (!text) continue;
    if (first < 0) first = c;
    last = c;
    headers[c] = own && over && headerRole(own, headerMap) === undefined ? `${over} ${own}` : text;
    let role = headerRole(headers[c], headerMap) ?? headerRole(text, headerMap);
    const profile = profiles.get(c);
    const mapped = isMapped(headers[c], headerMap) || isMapped(text, headerMap);
    // A word that names an amount heads a label column when the cells under it are labels
    // (`Dépenses | Montant | %`); the user's own mapping is taken as said.
    if (role && AMOUNT_ROLES.has(role) && profile && !mapped && profile.texts >= 2 && profile.texts > 2 * profile.numbers) role = undefined;
    if (!role && profile) role = profile.codes >= 0.6 * profile.filled && profile.filled > 0 ? "code" : profile.imputations >= 0.6 * profile.filled && profile.filled > 0 ? "imputation" : undefined;
    if (role && columns[role] === undefined) columns[role] = c;
    else plain.push(c);
  }
  if (first < 0) return undefined;
  return { columns, headers, first, last, plain };
}

/** Whether the column holds one of the header's amount roles. */
function isAmountRole(h: HeaderReading, column: number): boolean {
  return (Object.entries(h.columns) as [ColumnRole, number][]).some(([role, c]) => c === column && AMOUNT_ROLES.has(role));
}

function isMapped(text: string, headerMap: Record<string, ColumnRole>): boolean {
  return Object.keys(headerMap).length > 0 && headerRole(text, headerMap) !== headerRole(text, {});
}

/** How many cells of the row between two columns hold text. */
function textCount(grid: SheetGrid, row: number, from: number, to: number): number {
  let n = 0;
  for (let c = from; c <= to; c++) if (textAt(grid, row, c)) n++;
  return n;
}

/** A column of figures to do arithmetic on: mostly numbers, not dates, not codes or identifiers. */
function isFigureColumn(profile: ColumnProfile | undefined, header: string): boolean {
  return !!profile && profile.numbers > 0 && profile.numbers >= profile.texts && !profile.dates && !profile.zeroPadded && !isIdentifierHeader(header);
}

function textAt(grid: SheetGrid, row: number, column: number): string {
  return grid.label(row, column);
}

/** The kind of table a header's roles make, if any. */
function kindOf(h: HeaderReading): HeaderKind | undefined {
  const has = (r: ColumnRole) => h.columns[r] !== undefined;
  if (has("disponible") && has("proposition") && (has("cp") || has("solde"))) return "imputation";
  if (has("depense") && (has("cp") || has("code") || has("imputation")) && !has("proposition")) return "depense";
  if (has("montant")) {
    const labelLeft = [...h.plain, h.columns.libelle, h.columns.code].some((c) => c !== undefined && c < h.columns.montant!);
    if (labelLeft) return "repartition";
  }
  return undefined;
}

interface Block {
  range: RangeRef;
  listObject?: string;
}

export function findTables(grids: readonly SheetGrid[], headerMap: Record<string, ColumnRole> = {}, only?: ReadonlySet<number>): FoundTables {
  const found: FoundTables = { imputation: [], depense: [], repartition: [], convention: [], liste: [], budget: [], unread: [], all: [], ratios: [] };
  grids.forEach((grid, sheetIndex) => {
    if (grid.name === SETTINGS_SHEET) return;
    // A re-check finds the tables of the sheets it was given only (each sheet's are its own).
    if (only && !only.has(sheetIndex)) return;
    const onSheet: Table[] = [];
    const unread: UnreadRegion[] = [];
    const regions = findRegions(grid);
    // Association budgets first, by their words: their hierarchy (groups, funders, `dont` lines)
    // is theirs to read, so no breakdown or list check reads their rows again.
    const budgets = findBudgets(grid, regions, sheetIndex);
    onSheet.push(...budgets);
    for (const region of regions.flatMap((r) => outsideBudgets(r, budgets))) {
      for (const block of splitSideBySide(grid, region, headerMap)) {
        readBlock(grid, block, headerMap, sheetIndex, onSheet, unread);
      }
    }

    // Which cells the tables cover, asked for every text cell (conventions) and every number
    // (what is left unread): an index by row, not a scan of every table for each cell.
    const tablesIndex = new RectIndex();
    for (const t of onSheet) tablesIndex.add(t.range);
    // A list read under its header, even with nothing to check, is no convention's terms (its
    // `conditionsVersement` column of prose is data of the list).
    const listsIndex = new RectIndex();
    for (const u of unread) if (u.headers.length >= 2 && !holdsTerms(grid, u.range)) listsIndex.add(u.range);
    for (const terms of conventionGroups(grid, unionOf(tablesIndex, listsIndex))) {
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
      tablesIndex.add(range);
    }
    const ratios = ratioRows(grid, tablesIndex);
    found.ratios.push(...ratios);
    const ratioRowsAt = new RowSet();
    for (const x of ratios) ratioRowsAt.add(x.label.row);
    const checked = unionOf(tablesIndex, ratioRowsAt);
    // Unread candidates that the conventions or ratio rows turned out to cover are not unread.
    const stillUnread = unread.filter((u) => uncoveredNumbers(grid, u.range, checked) >= 2);
    const unreadIndex = new RectIndex();
    for (const u of unread) unreadIndex.add(u.range);
    const checkedOrUnread = unionOf(checked, unreadIndex);
    for (const region of regions) {
      if (uncoveredNumbers(grid, region.range, checkedOrUnread) < 2) continue;
      stillUnread.push({ sheet: grid.name, sheetIndex, range: region.range, reason: "no-header", headers: [], roles: [] });
    }
    onSheet.sort((a, b) => a.range.start.row - b.range.start.row || a.range.start.column - b.range.start.column);
    for (const t of onSheet) {
      found.all.push(t);
      (found[t.kind] as Table[]).push(t);
    }
    stillUnread.sort((a, b) => a.range.start.row - b.range.start.row || a.range.start.column - b.range.start.column);
    found.unread.push(...stillUnread);
  });
  return found;
}

/**
 * The rows of a region above and below the budgets it holds, read by the other finders (a note or
 * a table of figures under the form). Cells beside a budget are not read as tables; their numbers
 * are still said to be unread.
 */
function outsideBudgets(region: Region, budgets: readonly BudgetTable[]): Region[] {
  let pieces: Region[] = [region];
  for (const b of budgets) {
    pieces = pieces.flatMap((p) => {
      const { start, end } = p.range;
      const overlaps = b.range.start.row <= end.row && b.range.end.row >= start.row && b.range.start.column <= end.column && b.range.end.column >= start.column;
      if (!overlaps) return [p];
      const out: Region[] = [];
      if (b.range.start.row > start.row) out.push({ ...p, range: { start, end: { row: b.range.start.row - 1, column: end.column } } });
      if (b.range.end.row < end.row) out.push({ ...p, range: { start: { row: b.range.end.row + 1, column: start.column }, end } });
      return out;
    });
  }
  return pieces;
}

/** Whether a block's first rows label convention terms (`Subvention accordée | 7 900`): a convention, not a list. */
function holdsTerms(grid: SheetGrid, range: RangeRef): boolean {
  // A convention's labels stand in the block's first column; a list's prose columns do not count.
  for (let r = range.start.row; r <= Math.min(range.end.row, range.start.row + 30); r++) {
    const t = textAt(grid, r, range.start.column);
    if (t && termKey(t)) return true;
  }
  return false;
}

/** Numbers (dates and lone years left out) in a range that no table covers. */
function uncoveredNumbers(grid: SheetGrid, range: RangeRef, covered: Coverage): number {
  let n = 0;
  for (let r = range.start.row; r <= range.end.row; r++) {
    for (let c = range.start.column; c <= range.end.column; c++) {
      const kind = grid.kind(r, c);
      if (kind !== "number" && kind !== "error") continue;
      if (grid.isDate(r, c)) continue;
      // A table covers its rows end to end: the rest of its run on this row is stepped over.
      const coveredTo = covered.coveredTo(r, c);
      if (coveredTo >= c) {
        c = coveredTo;
        continue;
      }
      n++;
      if (n >= 2) return n;
    }
  }
  return n;
}

/**
 * Tables side by side with no empty column between them (`Recettes | … | Dépenses | …`, a cost
 * block beside a revenue block): a column of labels right of a column of numbers starts a new
 * block, unless the header row reads as one imputation or Dépense table across it.
 */
function splitSideBySide(grid: SheetGrid, region: Region, headerMap: Record<string, ColumnRole>): Block[] {
  if (region.listObject) return [region];
  const { start, end } = region.range;
  // The region's rows as a span: a list of each of them would be built only to be read once.
  const profiles = columnProfiles(grid, { first: start.row, last: end.row }, start.column, end.column);
  const kindOfColumn = (c: number): "number" | "label" | "other" => {
    const p = profiles.get(c);
    if (!p || p.filled === 0 || p.zeroPadded || p.dates) return "other";
    if (p.numbers > 0 && p.numbers >= p.texts) return "number";
    return p.texts > 0 ? "label" : "other";
  };
  // A header across the whole region that names an imputation or Dépense table keeps it whole.
  for (let r = start.row; r <= Math.min(end.row, start.row + HEADER_SEARCH); r++) {
    const h = readHeader(grid, r, start.column, end.column, headerMap, profiles);
    const kind = h && kindOf(h);
    if (kind === "imputation" || kind === "depense") return [region];
  }
  // The header row of the region, if any: the first row of two words or more.
  let headerRow: number | undefined;
  for (let r = start.row; r <= Math.min(end.row, start.row + HEADER_SEARCH) && headerRow === undefined; r++) {
    if (isWordRow(grid, r, start.column, end.column) && textCount(grid, r, start.column, end.column) >= 2) headerRow = r;
  }
  const mergeStarts = new Set<number>();
  for (const m of grid.snapshot.merges ?? []) {
    const range = parseRange(m);
    if (range && range.start.row >= start.row && range.start.row <= start.row + 3 && range.end.column > range.start.column) mergeStarts.add(range.start.column);
  }
  /**
   * A flat list (one header naming every column, records filled across) is one table: a cut needs
   * the look of two tables side by side, a header repeated on both sides (`Prix unitaire |
   * Quantité | Total` twice), merged titles starting there (`Recettes` over A:B, `Dépenses` over
   * C:D), or a header row with nothing over the right part (a side block of totals).
   */
  const looksLikeTwoTables = (c: number): boolean => {
    // Without a header there is nothing to tell two tables from one list of records.
    if (mergeStarts.has(c)) return true;
    if (headerRow === undefined) return false;
    const left = new Set<string>();
    const right: string[] = [];
    for (let d = start.column; d <= end.column; d++) {
      const t = normalizeLabel(textAt(grid, headerRow, d));
      if (!t) continue;
      if (d < c) left.add(t);
      else right.push(t);
    }
    return right.length === 0 || right.some((t) => left.has(t));
  };
  const cuts: number[] = [];
  for (let c = start.column + 1; c <= end.column; c++) {
    if (kindOfColumn(c) !== "label" || kindOfColumn(c - 1) !== "number") continue;
    if (!looksLikeTwoTables(c)) continue;
    // The new block needs numbers of its own, on rows where its labels are.
    let next = -1;
    for (let d = c + 1; d <= end.column; d++) {
      if (kindOfColumn(d) === "label") break;
      if (kindOfColumn(d) === "number") {
        next = d;
        break;
      }
    }
    if (next < 0) continue;
    const labels = profiles.get(c)!;
    const numbersRight = profiles.get(next)!;
    // A comment column is mostly empty beside the numbers; a label column names most of them.
    if (labels.texts < 0.5 * numbersRight.numbers) continue;
    cuts.push(c);
  }
  if (cuts.length === 0) return [region];
  const blocks: Block[] = [];
  let left = start.column;
  for (const c of [...cuts, end.column + 1]) {
    blocks.push({ range: { start: { row: start.row, column: left }, end: { row: end.row, column: c - 1 } } });
    left = c;
  }
  return blocks;
}

/** Reads a block: known tables at their headers, then lists of figures, then what is left unread. */
function readBlock(grid: SheetGrid, block: Block, headerMap: Record<string, ColumnRole>, sheetIndex: number, onSheet: Table[], unread: UnreadRegion[]): void {
  const { start, end } = block.range;
  let row = start.row;
  let segmentStart = start.row;
  const flushSegment = (until: number) => {
    if (until >= segmentStart) readListe(grid, { start: { row: segmentStart, column: start.column }, end: { row: until, column: end.column } }, headerMap, sheetIndex, onSheet, unread, block.listObject);
  };
  while (row <= end.row) {
    // An Excel table's header is its first row.
    const h = block.listObject && row !== start.row ? undefined : headerAt(grid, row, start.column, end.column, end.row, headerMap, sheetIndex);
    if (!h) {
      row++;
      continue;
    }
    // The table's candidate rows run from its data row to the next header: a range, not a list
    // of every row (100 000 of them under one header).
    let lastCandidate = h.dataRow;
    while (lastCandidate < end.row && (block.listObject || !headerAt(grid, lastCandidate + 1, start.column, end.column, end.row, headerMap, sheetIndex))) lastCandidate++;
    const table = buildTable(grid, h, Math.min(lastCandidate, end.row), block.listObject);
    if (!table) {
      row++;
      continue;
    }
    // What came before this header (titles, a list of figures) is read on its own.
    flushSegment(h.headerRow - 1);
    if (table.kind === "liste") {
      // A breakdown without a TOTAL (or a share column adding up to 100) is a list of figures.
      readListe(grid, { start: { row: h.headerRow, column: start.column }, end: { row: table.range.end.row, column: end.column } }, headerMap, sheetIndex, onSheet, unread, block.listObject, h.headerRow);
    } else {
      if (table.kind === "repartition") table.arithmetic = repartitionArithmetic(grid, table);
      onSheet.push(table);
    }
    row = table.range.end.row + 1;
    segmentStart = row;
  }
  flushSegment(end.row);
}

function hasNumbers(grid: SheetGrid, row: number, from: number, to: number): boolean {
  for (let c = from; c <= to; c++) if (grid.kind(row, c) === "number") return true;
  return false;
}

function profilesUnder(grid: SheetGrid, row: number, from: number, to: number, lastRow: number): Map<number, ColumnProfile> {
  return columnProfiles(grid, { first: row, last: Math.min(lastRow, row + PROFILE_ROWS) }, from, to);
}

/**
 * The header of a known table kind at this row, read alone or with the row of words above it,
 * with the columns' contents under it deciding where its words are missing or ambiguous.
 */
function headerAt(grid: SheetGrid, row: number, from: number, to: number, lastRow: number, headerMap: Record<string, ColumnRole>, sheetIndex: number): HeaderCandidate | undefined {
  if (!isWordRow(grid, row, from, to)) return undefined;
  // A header stands over numbers: some of the next rows (headings between allowed) hold some. Prose
  // and lists of names are passed over before any header word is read.
  let over = false;
  for (let d = 1; d <= HEADER_SEARCH && row + d <= lastRow && !over; d++) over = hasNumbers(grid, row + d, from, to);
  if (!over) return undefined;
  // Words alone first: a row naming no role over a row of words is not worth reading the cells under.
  const words = readHeader(grid, row, from, to, headerMap, new Map());
  if (!words) return undefined;
  // Only the cells' contents could still make it a header then, and only over numbers.
  if (Object.keys(words.columns).length === 0 && (row + 1 > lastRow || !hasNumbers(grid, row + 1, from, to))) return undefined;
  const profiles = profilesUnder(grid, row + 1, from, to, lastRow);
  // The header's columns must have something under them: a row of words over nothing is a title.
  const h = readHeader(grid, row, from, to, headerMap, profiles);
  if (!h) return undefined;
  let kind = kindOf(h);
  let reading = h;
  let dataRow = row + 1;
  // A second row of words under this one: the header may be on two rows (`Crédits` over `CP |
  // Disponible`, or `Montant` over `(en €)`), read together when the first names no kind or when
  // the second has words over the columns the first named.
  const continues = kind !== undefined && row + 1 <= lastRow && isWordRow(grid, row + 1, from, to) && Object.values(h.columns).some((c) => c !== undefined && textAt(grid, row + 1, c) !== "" && isAmountRole(h, c));
  if ((!kind || continues) && row + 1 <= lastRow && isWordRow(grid, row + 1, from, to)) {
    const below = profilesUnder(grid, row + 2, from, to, lastRow);
    const two = readHeader(grid, row + 1, from, to, headerMap, below, row);
    const twoKind = two && kindOf(two);
    if (two && twoKind) {
      kind = twoKind;
      reading = two;
      dataRow = row + 2;
    } else if (continues) dataRow = row + 2;
  }
  if (!kind) {
    // Content where words are missing: three amount columns where a − b = c on most rows.
    const inferred = inferImputationColumns(grid, reading, dataRow, lastRow);
    if (inferred) {
      reading = { ...reading, columns: { ...reading.columns, ...inferred } };
      kind = kindOf(reading);
    }
  }
  if (!kind) return undefined;
  return {
    kind,
    headerRow: row,
    dataRow,
    firstColumn: reading.first,
    lastColumn: reading.last,
    columns: reading.columns,
    headers: reading.headers,
    sheet: grid.name,
    sheetIndex,
  };
}

/** The table under a header, read from its data row down to `lastCandidate` at most. */
function buildTable(grid: SheetGrid, h: HeaderCandidate, lastCandidate: number, listObject?: string): Table | { kind: "liste"; range: RangeRef } | undefined {
  const base = { sheet: grid.name, sheetIndex: h.sheetIndex, columns: h.columns, headers: h.headers, listObject };
  const rangeTo = (lastRow: number) => ({
    start: { row: h.headerRow, column: h.firstColumn },
    end: { row: lastRow, column: h.lastColumn },
  });
  const idOf = (lastRow: number) => qualified(grid.name, rangeA1(rangeTo(lastRow)));
  if (h.kind === "repartition") {
    const candidates: number[] = [];
    for (let r = h.dataRow; r <= lastCandidate; r++) candidates.push(r);
    const body = repartitionBody(grid, h, candidates);
    // A "breakdown" whose amount column holds no number at all is prose under a header-like row
    // (a data dictionary describing a `Montant de la subvention` column): not a table.
    if (!body.rows.some((r) => r.amount.reading.kind === "number" || r.amount.reading.kind === "error")) return undefined;
    if (!body.rows.some((r) => r.kind === "total") && !body.sharesAddUp) return { kind: "liste", range: rangeTo(body.lastRow) };
    // A % column that is a rate of each line (Participation ÷ Coût), not its share of the total:
    // its lines add up to nothing like 100 and its TOTAL row is not 100 either. Left to the
    // arithmetic of the rows (LIGNE-CALCUL), never checked as shares.
    const isRate = h.columns.pourcent !== undefined && !body.sharesAddUp && !totalIsWhole(body.rows, body.percentScale) && farFromWhole(body.rows, body.percentScale);
    return {
      ...base,
      id: idOf(body.lastRow),
      kind: "repartition",
      range: rangeTo(body.lastRow),
      amountColumn: h.columns.montant!,
      percentColumn: isRate ? undefined : h.columns.pourcent,
      rows: isRate ? body.rows.map((r) => ({ ...r, percent: undefined })) : body.rows,
      percentScale: body.percentScale,
    };
  }
  // A report or deliberation table ends at its last line: notes under it are not lines.
  let lastRow = h.headerRow;
  // The last row holding something, looked for from the end: a table's rows are not read twice.
  for (let r = lastCandidate; r >= h.dataRow; r--) {
    if (grid.rowEmpty(r, h.firstColumn, h.lastColumn)) continue;
    lastRow = r;
    break;
  }
  const id = idOf(lastRow);
  if (h.kind === "imputation") {
    const rows = lineRows(grid, h, h.dataRow, lastRow, ["cp", "disponible", "proposition", "solde"]);
    return { ...base, id, kind: "imputation", range: rangeTo(lastRow), lines: imputationLines(grid, h, id, rows) };
  }
  const rows = lineRows(grid, h, h.dataRow, lastRow, ["cp", "depense"]);
  return { ...base, id, kind: "depense", range: rangeTo(lastRow), lines: depenseLines(grid, h, id, rows) };
}

/** The TOTAL row's % says 100 (or 1): the column is shares of the whole. */
function totalIsWhole(rows: readonly RepartitionRow[], scale: "fraction" | "points"): boolean {
  const total = rows.find((r) => r.kind === "total");
  const p = percentPoints(total?.percent, scale);
  return p !== undefined && Math.abs(p.points - 100) <= 2;
}

/** The detail %s add up to more than 20 points away from 100: not shares, however badly typed. */
function farFromWhole(rows: readonly RepartitionRow[], scale: "fraction" | "points"): boolean {
  return Math.abs(detailShares(rows, scale).sum - 100) > 20;
}

/**
 * A list of figures in a segment of a block: its header is the last row of words above its first
 * row of numbers; its numeric columns are checked by the arithmetic the rows establish and by its
 * TOTAL rows. A list offering neither is said to be unread, with the headers seen.
 */
function readListe(grid: SheetGrid, range: RangeRef, headerMap: Record<string, ColumnRole>, sheetIndex: number, onSheet: Table[], unread: UnreadRegion[], listObject?: string, knownHeader?: number): void {
  const { start, end } = range;
  let firstNumbers = -1;
  for (let r = start.row; r <= end.row && firstNumbers < 0; r++) {
    for (let c = start.column; c <= end.column; c++) {
      const kind = grid.kind(r, c);
      if ((kind === "number" && !grid.isDate(r, c)) || kind === "error") {
        if (!isYearRow(grid, r, start.column, end.column)) firstNumbers = r;
        break;
      }
    }
  }
  if (firstNumbers < 0) return;
  let headerRow = knownHeader;
  if (headerRow === undefined) {
    // The nearest row of words above the numbers that names two columns or more (a section
    // heading such as `Personnels` names one), else the nearest row of words.
    let single: number | undefined;
    for (let r = firstNumbers - 1, seen = 0; r >= start.row && seen < 3; r--) {
      if (grid.rowEmpty(r, start.column, end.column)) continue;
      seen++;
      if (!isWordRow(grid, r, start.column, end.column)) break;
      if (textCount(grid, r, start.column, end.column) >= 2) {
        headerRow = r;
        break;
      }
      single ??= r;
    }
    headerRow ??= single;
  }
  const dataRows: number[] = [];
  for (let r = firstNumbers; r <= end.row; r++) dataRows.push(r);
  const profiles = columnProfiles(grid, dataRows, start.column, end.column);
  const numericCols: number[] = [];
  const labelCols: number[] = [];
  for (let c = start.column; c <= end.column; c++) {
    const p = profiles.get(c);
    if (!p || p.filled === 0) continue;
    if (isFigureColumn(p, headerRow === undefined ? "" : textAt(grid, headerRow, c))) numericCols.push(c);
    else if (p.texts > 0) labelCols.push(c);
  }
  const headers: string[] = [];
  const roles: ColumnRole[] = [];
  if (headerRow !== undefined) {
    for (let c = start.column; c <= end.column; c++) {
      const t = textAt(grid, headerRow, c);
      if (!t) continue;
      headers.push(t);
      const role = headerRole(t, headerMap);
      if (role && !roles.includes(role)) roles.push(role);
    }
  }
  const top = headerRow ?? firstNumbers;
  const tableRange = { start: { row: top, column: start.column }, end: { row: end.row, column: end.column } };
  const unreadHere = (reason: UnreadRegion["reason"]) =>
    unread.push({ sheet: grid.name, sheetIndex, range: tableRange, reason, headers, roles: roles.filter((r) => r !== "libelle") });
  if (numericCols.length === 0) return;

  // Rows: those with a number in a numeric column; their kind from their label.
  const rowsWithNumbers = dataRows.filter((r) => numericCols.some((c) => grid.kind(r, c) === "number" || grid.kind(r, c) === "error"));
  const labelled = rowsWithNumbers
    .map((r) => ({ row: r, label: rowLabel(grid, r, labelCols.length ? labelCols : rangeColumns(range)) }))
    .filter((l) => !isPartLine(l.label));
  const kinds = subtotalKinds(labelled.map((l) => l.label));
  const rows: ListeRow[] = labelled.map((l, i) => ({ row: l.row, kind: kinds[i], label: l.label }));
  const numeric: ListeColumn[] = numericCols.map((c) => ({
    column: c,
    header: headerRow === undefined ? "" : textAt(grid, headerRow, c),
    cells: rows.map((r) => grid.cell(r.row, c)),
  }));
  const detail = rows.map((r, i) => (r.kind === "detail" ? i : -1)).filter((i) => i >= 0);
  const relations = inferRelations(numeric, detail);
  const hasTotals = rows.some((r) => r.kind !== "detail") && detail.length > 0;
  if (relations.length === 0 && !hasTotals) {
    // Partial: the header names a report's or a deliberation's amounts, but not enough of them.
    const specific = roles.filter((r) => r === "cp" || r === "disponible" || r === "proposition" || r === "solde" || r === "depense");
    // Too few rows to establish any arithmetic: a header mapping would not help, nothing to check.
    const fewRows = detail.length < MIN_ROWS && numeric.length >= 2;
    unreadHere(specific.length > 0 ? "partial-header" : roles.length === 0 && !fewRows ? "no-header" : "nothing-to-check");
    return;
  }
  const columns: Partial<Record<ColumnRole, number>> = {};
  const headerTexts: Record<number, string> = {};
  for (const col of numeric) if (col.header) headerTexts[col.column] = col.header;
  for (const c of labelCols) if (headerRow !== undefined && textAt(grid, headerRow, c)) headerTexts[c] = textAt(grid, headerRow, c);
  const table: ListeTable = {
    id: qualified(grid.name, rangeA1(tableRange)),
    kind: "liste",
    sheet: grid.name,
    sheetIndex,
    range: tableRange,
    columns,
    headers: headerTexts,
    listObject,
    headerRow,
    labelColumns: labelCols,
    numeric,
    rows,
    relations,
  };
  onSheet.push(table);
}

/**
 * A breakdown's other numeric columns may hold arithmetic of their own (Nombre × PU = Montant
 * total, Participation ÷ Coût = Taux): inferred on its detail rows as for a list.
 */
function repartitionArithmetic(grid: SheetGrid, table: RepartitionTable): RowArithmetic | undefined {
  const details = table.rows.filter((r) => r.kind === "detail").map((r) => r.row);
  if (details.length < 5) return undefined;
  const profiles = columnProfiles(grid, details, table.range.start.column, table.range.end.column);
  const numeric: ListeColumn[] = [];
  for (let c = table.range.start.column; c <= table.range.end.column; c++) {
    if (!isFigureColumn(profiles.get(c), table.headers[c] ?? "")) continue;
    numeric.push({ column: c, header: table.headers[c] ?? "", cells: details.map((r) => grid.cell(r, c)) });
  }
  if (numeric.length < 3) return undefined;
  const relations = inferRelations(numeric, details.map((_, i) => i));
  return relations.length ? { numeric, relations } : undefined;
}
