import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { parseA1, parseRange } from "../../../core/address";
import type { Severity } from "../../../core/findings";
import { EXCEL_ERRORS, SETTINGS_SHEET, type CellValue, type SheetSnapshot } from "../../../core/model";
import { overflowSpans, type OverflowKind } from "./overflow";
import { stringsFor } from "../../../taskpane/strings";
import type { CellMark, GridCell, RowWindow, SheetGridProps, SheetGridState } from "./SheetGrid.types";

/** Height of a grid row in CSS pixels: rows are fixed-height, so the window is simple arithmetic. */
export const ROW_HEIGHT = 28;
/** Width of a data column and of the row-number column. */
export const COLUMN_WIDTH = 112;
export const ROW_HEADER_WIDTH = 56;
/** Rows rendered above and below the visible ones. */
const OVERSCAN = 15;
/** Rows scrolled before the window moves (less than the overscan). */
const SCROLL_BLOCK = 5;
/** Wider sheets show their first columns only (and the selected cell's). */
export const MAX_COLUMNS = 100;

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const NO_UNREAD: NonNullable<SheetGridProps["unread"]> = [];

/** Rows and columns a sheet's values cover, counted from A1. */
export function sheetExtent(sheet: SheetSnapshot): { rows: number; columns: number } {
  let width = 0;
  for (const row of sheet.values) if (row.length > width) width = row.length;
  return {
    rows: sheet.values.length ? sheet.origin.row + sheet.values.length : 0,
    columns: width ? sheet.origin.column + width : 0,
  };
}

/** The rows to render for a scroll position: the visible ones plus an overscan either side. */
export function rowWindow(scrollTop: number, viewport: number, rowCount: number): RowWindow {
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - 1 - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  return { first: Math.min(first, last), last };
}

/** What a shown cell holds, for overflow: a formula giving "" still holds something. */
function overflowKind(value: CellValue | undefined, formula: CellValue | undefined): OverflowKind {
  if (typeof value === "string" && value !== "") return EXCEL_ERRORS.has(value) ? "filled" : "text";
  if (value !== undefined && value !== "") return "filled";
  return typeof formula === "string" && formula.startsWith("=") ? "filled" : "empty";
}

/**
 * One row of a sheet as the grid shows it: each cell's value (the engine's where a formula has
 * no cached value), its number format, and the empty cells its text overflows into.
 */
export function sheetRowCells(sheet: SheetSnapshot, row: number, columns: number, computed?: ReadonlyMap<string, CellValue>): GridCell[] {
  const i = row - sheet.origin.row;
  const values = i >= 0 ? sheet.values[i] : undefined;
  const formulas = i >= 0 ? sheet.formulas?.[i] : undefined;
  const formats = i >= 0 ? sheet.numberFormats?.[i] : undefined;
  const cells: GridCell[] = [];
  const kinds: OverflowKind[] = [];
  for (let c = 0; c < columns; c++) {
    const j = c - sheet.origin.column;
    const read = j >= 0 ? values?.[j] : undefined;
    const value = read === undefined || read === "" ? (computed?.get(`${row},${c}`) ?? read) : read;
    cells.push({ value, format: j >= 0 ? formats?.[j] : undefined, overflow: 0 });
    kinds.push(overflowKind(value, j >= 0 ? formulas?.[j] : undefined));
  }
  overflowSpans(kinds).forEach((span, c) => {
    cells[c].overflow = span;
    for (let k = 1; k <= span; k++) cells[c + k].under = k < span ? "through" : "end";
  });
  return cells;
}

/** `G12` or `G12:H14` → its top-left cell, 0-based. */
function cellOf(address: string): { row: number; column: number } | undefined {
  const start = address.split(":")[0];
  return parseA1(start) ?? undefined;
}

export function useSheetGrid(props: SheetGridProps): SheetGridState {
  const { lang, snapshot, computed, marks: findings, unread = NO_UNREAD, marksVisible = true, selection, height } = props;
  const strings = stringsFor(lang);
  const sheets = useMemo(() => snapshot.sheets.filter((s) => s.name !== SETTINGS_SHEET), [snapshot]);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [scrollTop, setScrollTop] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  /** The scrolling area's height, measured (jsdom measures 0: the prop or 560 then). */
  const [viewport, setViewport] = useState(height ?? 560);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return undefined;
    const measure = (): void => setViewport(el.clientHeight || height || 560);
    measure();
    if (typeof ResizeObserver === "undefined") return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [height]);

  // A selection switches to its sheet.
  useEffect(() => {
    if (selection && sheets.some((s) => s.name === selection.sheet)) setChosen(selection.sheet);
  }, [selection, sheets]);

  const active = sheets.find((s) => s.name === chosen) ?? sheets[0];
  const activeName = active?.name;

  const setActiveName = useCallback((name: string) => {
    setChosen(name);
    setScrollTop(0);
    if (scrollRef.current) {
      scrollRef.current.scrollTop = 0;
      scrollRef.current.scrollLeft = 0;
    }
  }, []);

  const selected = selection && active && selection.sheet === active.name ? cellOf(selection.cell) : undefined;

  const extent = useMemo(() => (active ? sheetExtent(active) : { rows: 0, columns: 0 }), [active]);
  const rowCount = Math.max(extent.rows, selected ? selected.row + 1 : 0);
  const columnCount = Math.max(extent.columns, selected ? selected.column + 1 : 0);
  const shownColumns = Math.max(Math.min(columnCount, MAX_COLUMNS), selected ? selected.column + 1 : 0);

  const computedHere = activeName ? computed?.get(activeName) : undefined;
  const rowCells = useCallback((row: number) => (active ? sheetRowCells(active, row, shownColumns, computedHere) : []), [active, shownColumns, computedHere]);

  const { byCell, markCounts } = useMemo(() => {
    const byCell = new Map<string, Map<string, CellMark>>();
    if (marksVisible) {
      for (const f of findings) {
        const at = cellOf(f.cell);
        if (!at) continue;
        let sheetMarks = byCell.get(f.sheet);
        if (!sheetMarks) byCell.set(f.sheet, (sheetMarks = new Map()));
        const key = `${at.row},${at.column}`;
        const mark = sheetMarks.get(key);
        if (!mark) sheetMarks.set(key, { severity: f.severity, messages: [f.message] });
        else {
          if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[mark.severity]) mark.severity = f.severity;
          mark.messages.push(f.message);
        }
      }
    }
    const markCounts = new Map(
      [...byCell].map(([sheet, m]) => {
        let severity: Severity = "info";
        for (const mark of m.values()) if (SEVERITY_RANK[mark.severity] > SEVERITY_RANK[severity]) severity = mark.severity;
        return [sheet, { count: m.size, severity }] as const;
      }),
    );
    return { byCell, markCounts };
  }, [findings, marksVisible]);

  // The unread ranges of the active sheet, parsed once; a cell looks them up (there are few).
  const unreadRanges = useMemo(() => {
    if (!marksVisible || !activeName) return [];
    return unread
      .filter((u) => u.sheet === activeName)
      .map((u) => ({ range: u.range, ref: parseRange(u.range) }))
      .filter((u): u is { range: string; ref: NonNullable<ReturnType<typeof parseRange>> } => u.ref !== null);
  }, [unread, marksVisible, activeName]);
  const unreadAt = useCallback(
    (row: number, column: number) =>
      unreadRanges.find((u) => row >= u.ref.start.row && row <= u.ref.end.row && column >= u.ref.start.column && column <= u.ref.end.column)?.range,
    [unreadRanges],
  );

  const marks = useMemo(() => (activeName ? (byCell.get(activeName) ?? new Map<string, CellMark>()) : new Map<string, CellMark>()), [byCell, activeName]);

  // Re-renders only when the scroll crosses a block of rows: the overscan covers the rest.
  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const top = el.scrollTop;
    const block = (y: number): number => Math.floor(y / (ROW_HEIGHT * SCROLL_BLOCK));
    setScrollTop((previous) => (block(previous) === block(top) ? previous : top));
  }, []);

  // Scrolls the selected cell into the middle of the view, on every request (seq).
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !selection || !selected || selection.sheet !== activeName) return;
    const viewportHeight = el.clientHeight || viewport;
    const viewportWidth = el.clientWidth || 800;
    const top = Math.max(0, (selected.row + 1) * ROW_HEIGHT - viewportHeight / 2 + ROW_HEIGHT / 2);
    const left = Math.max(0, ROW_HEADER_WIDTH + selected.column * COLUMN_WIDTH - viewportWidth / 2 + COLUMN_WIDTH / 2);
    el.scrollTop = top;
    el.scrollLeft = left;
    setScrollTop(el.scrollTop || top);
  }, [selection?.seq, activeName, selected?.row, selected?.column]);

  const visibleRows = rowWindow(scrollTop, viewport, rowCount);
  const announcement =
    selection && selected
      ? selection.cell.includes(":")
        ? strings.webRangeSelected(selection.sheet, selection.cell)
        : strings.webCellSelected(selection.sheet, selection.cell)
      : "";

  return {
    sheets,
    active,
    activeName,
    setActiveName,
    rowCount,
    columnCount,
    shownColumns,
    visibleRows,
    rowCells,
    marks,
    unreadAt,
    hasUnread: marksVisible && unread.length > 0,
    markCounts,
    selected,
    scrollRef,
    onScroll,
    announcement,
  };
}

