import type { Finding, Lang } from "../../../core/findings";

export interface IgnoredFindingsProps {
  /** The findings the ignore list hides. */
  findings: readonly Finding[];
  lang: Lang;
  /** Id of the section's toggle button, where focus goes when the last finding is ignored. */
  headerId: string;
  /** @default false */
  disabled?: boolean;
  onRestore: (finding: Finding) => void;
}
