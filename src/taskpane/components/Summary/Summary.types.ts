import type { TableSummary } from "../../../core/engine";
import type { FindingSummary, Lang, Severity } from "../../../core/findings";

export interface SummaryProps {
  lang: Lang;
  /** Counts of the findings still reported. */
  summary: FindingSummary;
  tables: readonly TableSummary[];
  /** Findings hidden by the ignore list. @default 0 */
  ignored?: number;
  /** Ranges holding numbers that no check covered: counted beside the findings, never left out. @default 0 */
  unread?: number;
  /** Which severities the list shows; with `onToggle`, the counts become filter buttons. */
  shown?: Readonly<Record<Severity, boolean>>;
  onToggle?: (severity: Severity) => void;
  /** @default "pointage-summary-heading" */
  headingId?: string;
}
