import type { Finding, Lang } from "../../../core/findings";

/**
 * Whether the finding can be fixed from the pane: `available` (it has a fix and the host writes
 * it), `web` (it has a fix but the web page does not write files), `done` (fixed since the
 * check) or `none` (no safe fix).
 */
export type FixAvailability = "available" | "web" | "done" | "none";

export interface FindingItemProps {
  finding: Finding;
  lang: Lang;
  fix: FixAvailability;
  /** Another action is under way: the buttons wait. @default false */
  disabled?: boolean;
  onGoTo: (finding: Finding) => void;
  onFix: (finding: Finding) => void;
  onIgnore: (finding: Finding) => void;
}
