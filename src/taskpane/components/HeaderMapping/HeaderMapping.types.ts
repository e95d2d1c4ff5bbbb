import type { Lang } from "../../../core/findings";
import type { ColumnRole } from "../../../core/settings";

export interface HeaderMappingProps {
  lang: Lang;
  /** The mappings saved in the workbook: header as typed → role. */
  headerMap: Readonly<Record<string, ColumnRole>>;
  /** Saving (or a check) is under way. @default false */
  disabled?: boolean;
  onSave: (header: string, role: ColumnRole) => void;
  onRemove: (header: string) => void;
  /** Level of the "saved mappings" heading, one under the section's. @default 3 */
  headingLevel?: 3 | 4;
  /**
   * Headers Pointage did not understand (an unread range's): offered as choices, the first one
   * filled in. Read on mount: give the component a new `key` for new suggestions.
   */
  suggestions?: readonly string[];
  /** Moves focus to the header field on mount (when opened from « Associer les en-têtes »). @default false */
  autoFocus?: boolean;
}

export interface HeaderMappingState {
  header: string;
  role?: ColumnRole;
  /** Set after a submit with a field missing. */
  headerError?: string;
  roleError?: string;
  setHeader: (header: string) => void;
  setRole: (role: ColumnRole | undefined) => void;
  submit: (event: { preventDefault(): void }) => void;
}
