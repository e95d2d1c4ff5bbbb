/**
 * Which cells of a sheet the tables found so far cover. The finders that run after the tables
 * (conventions, ratio rows, what is left unread) walk every cell of the sheet asking this; a table
 * of 100 000 lines covers whole rows, so a walk asks once per row and steps over the run of cells
 * a rectangle covers (`coveredTo`) instead of asking of each cell.
 */
import type { RangeRef } from "../address";

/** What the walks ask of the cells covered. */
export interface Coverage {
  /** Whether it covers nothing. */
  readonly empty: boolean;
  has(row: number, column: number): boolean;
  /**
   * The last column of the run of covered cells that starts at (row, column), `column - 1` when
   * that cell is not covered.
   */
  coveredTo(row: number, column: number): number;
}

/** Rows of one band of RectIndex. */
const BAND = 64;

/**
 * Rectangles indexed by bands of rows, for "does any of them cover this cell?" in time
 * proportional to the band's rectangles; a 100 000-row table is one entry per band, not per row.
 */
export class RectIndex implements Coverage {
  /** Rectangles by band (`row / BAND`): an array, bands being small whole numbers. */
  private readonly byBand: RangeRef[][] = [];
  private size = 0;

  add(range: RangeRef): void {
    for (let b = bandOf(range.start.row); b <= bandOf(range.end.row); b++) (this.byBand[b] ??= []).push(range);
    this.size++;
  }

  /** Whether no rectangle was added (a sheet's lists read under a header are often none). */
  get empty(): boolean {
    return this.size === 0;
  }

  has(row: number, column: number): boolean {
    const list = row >= 0 ? this.byBand[bandOf(row)] : undefined;
    if (!list) return false;
    for (const x of list) if (row >= x.start.row && row <= x.end.row && column >= x.start.column && column <= x.end.column) return true;
    return false;
  }

  coveredTo(row: number, column: number): number {
    const list = row >= 0 ? this.byBand[bandOf(row)] : undefined;
    let to = column - 1;
    if (!list) return to;
    // Rectangles that touch end to end make one run: look again from the run's end.
    for (let grown = true; grown; ) {
      grown = false;
      for (let k = 0; k < list.length; k++) {
        const x = list[k];
        if (row >= x.start.row && row <= x.end.row && to + 1 >= x.start.column && to + 1 <= x.end.column) {
          to = x.end.column;
          grown = true;
        }
      }
    }
    return to;
  }
}

/** Whole rows covered (ratio rows: their label and every value of the row). */
export class RowSet implements Coverage {
  private readonly rows = new Set<number>();

  get empty(): boolean {
    return this.rows.size === 0;
  }

  add(row: number): void {
    this.rows.add(row);
  }

  has(row: number): boolean {
    return this.rows.has(row);
  }

  coveredTo(row: number, column: number): number {
    return this.rows.size > 0 && this.rows.has(row) ? Number.MAX_SAFE_INTEGER : column - 1;
  }
}

/** The cells any of several coverages covers. */
export function unionOf(...parts: readonly Coverage[]): Coverage {
  return new Union(parts);
}

class Union implements Coverage {
  constructor(private readonly parts: readonly Coverage[]) {}

  get empty(): boolean {
    return this.parts.every((p) => p.empty);
  }

  /** The one part that can cover anything, when the others are empty; asked each time, as parts may still grow. */
  private soleHolder(): Coverage | undefined {
    let holder: Coverage | undefined;
    for (let k = 0; k < this.parts.length; k++) {
      if (this.parts[k].empty) continue;
      if (holder) return undefined;
      holder = this.parts[k];
    }
    return holder ?? this.parts[0];
  }

  has(row: number, column: number): boolean {
    for (let k = 0; k < this.parts.length; k++) if (this.parts[k].has(row, column)) return true;
    return false;
  }

  coveredTo(row: number, column: number): number {
    let to = column - 1;
    // One part, or one part holding anything, answers alone: no second look for touching runs.
    const only = this.soleHolder();
    if (only) return only.coveredTo(row, column);
    // Runs of different parts that touch end to end make one run: look again from its end.
    for (let grown = true; grown; ) {
      grown = false;
      for (let k = 0; k < this.parts.length; k++) {
        const end = this.parts[k].coveredTo(row, to + 1);
        if (end > to) {
          to = end;
          grown = true;
        }
      }
    }
    return to;
  }
}

function bandOf(row: number): number {
  // Rows are whole and not negative: `| 0` keeps the band a small integer (no boxed number).
  return (row / BAND) | 0;
}
