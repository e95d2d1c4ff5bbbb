import type { FindingCard } from "../../../core/cards";
import type { Finding, Lang } from "../../../core/findings";

/**
 * Whether a card can be fixed from the pane: `available` (it has a fix and the host writes
 * it), `web` (it has a fix but the web page does not write files), `done` (fixed since the
 * check) or `none` (no safe fix).
 */
export type FixAvailability = "available" | "web" | "done" | "none";

export interface ReviewListProps {
  /** The cards the filters show, most severe first. */
  cards: readonly FindingCard[];
  /** Every card, so that a card can name the card it follows from even when that one is filtered out. */
  allCards: readonly FindingCard[];
  /** The card Précédent / Suivant and the arrow keys are on; the list's one Tab stop. */
  currentKey?: string;
  /** « résolu » traces of the cards a re-check no longer finds. */
  resolved?: readonly string[];
  lang: Lang;
  fixOf: (card: FindingCard) => FixAvailability;
  /** @default false */
  disabled?: boolean;
  onCurrentChange: (key: string) => void;
  onGoTo: (card: FindingCard) => void;
  onStep: (delta: 1 | -1) => void;
  onFix: (finding: Finding) => void;
  onIgnore: (card: FindingCard) => void;
}
