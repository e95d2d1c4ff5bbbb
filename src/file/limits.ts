/**
 * What Pointage reads at most, checked before memory is spent on it (issue 14, "bounded by
 * construction"). The README's "Limits" section states the same numbers.
 */

/** The largest file read, as stored, in megabytes (every format). */
export const MAX_FILE_MB = 100;
/** The largest .xls / .xlsb / .ods Pointage converts with SheetJS, in megabytes, as stored. */
export const MAX_BINARY_MB = MAX_FILE_MB;
/** The largest total a zip (.ods, .xlsb) may declare for its unzipped entries, in megabytes. */
export const MAX_UNZIPPED_MB = 500;
/** Excel's sheet size (defined once, in src/core/address.ts): data beyond is refused, never cut off in silence. */
export { MAX_COLUMNS, MAX_ROWS } from "../core/address";
/** Cells holding something, per sheet, repeated cells counted one by one. */
export const MAX_CELLS_PER_SHEET = 10_000_000;
/** Excel's limit on a cell's text: longer text read from a file is cut there. */
export const MAX_CELL_TEXT = 32_767;

export const MB = 1024 * 1024;

/** Which limit a file is beyond (see UnusableFileError's `limit`). */
export type LimitKind = "file-size" | "unzipped-size" | "rows" | "columns" | "cells";
