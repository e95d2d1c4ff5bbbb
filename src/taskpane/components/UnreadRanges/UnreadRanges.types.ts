import type { UnreadSummary } from "../../../core/engine";
import type { Lang } from "../../../core/findings";
import type { ColumnRole } from "../../../core/settings";

export interface UnreadRangesProps {
  lang: Lang;
  /** Ranges holding numbers that no check covered, in workbook order. */
  unread: readonly UnreadSummary[];
  /** The header mapping in force, so that only headers still not understood are offered. */
  headerMap: Readonly<Record<string, ColumnRole>>;
  /** An action is under way. @default false */
  disabled?: boolean;
  /** « Aller à la plage »: selects the range in the workbook. */
  onGoTo: (u: UnreadSummary) => void;
  /** « Associer les en-têtes »: opens the header mapping with these headers offered. */
  onMap: (u: UnreadSummary, headers: string[]) => void;
  /** Level of the section's heading. @default 2 */
  headingLevel?: 2 | 3;
}
