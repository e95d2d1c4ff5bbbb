/** What a check reports, and what the engine returns to hosts. */

export type Severity = "error" | "warning" | "info";
export type Lang = "fr" | "en";

/**
 * A typed quantity, so that messages format it the French (or English) way and JSON output
 * turns it into euros or a fraction. Money is always integer cents.
 */
export type Quantity =
  | { kind: "money"; cents: number }
  /** A percentage in points (31.98 for 31,98 %), shown with `decimals` decimals. */
  | { kind: "percent"; points: number; decimals: number }
  | { kind: "text"; text: string }
  | { kind: "count"; value: number }
  /** A plain figure (a quantity, a unit price, a rate as a fraction), shown with `decimals` decimals. */
  | { kind: "number"; value: number; decimals: number }
  /** Several values, e.g. the rounding REP-ARRONDI proposes, one per line. */
  | { kind: "list"; items: Quantity[] };

/** A safe fix: write a value or a formula into one cell. Hosts apply it; the engine never does. */
export interface Fix {
  /** Sheet-qualified A1 address is split: `sheet` + `cell`. */
  sheet: string;
  cell: string;
  value?: number | string;
  formula?: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  sheet: string;
  /** A1 address of the narrowest cell at fault, without the sheet. */
  cell: string;
  /** Other cells involved, as `Sheet!A1` (sheet always given, as they may be elsewhere). */
  related: string[];
  actual?: Quantity;
  expected?: Quantity;
  messageId: string;
  /** The placeholders of the message. */
  data: Record<string, Quantity | string | number>;
  /** The message, formatted in the requested language. */
  message: string;
  fix?: Fix;
  /** Id of the table the finding belongs to (`Feuil1!A1:G2`), when there is one. */
  table?: string;
}

export interface FindingSummary {
  errors: number;
  warnings: number;
  infos: number;
}
