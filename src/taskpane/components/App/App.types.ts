import type { UnreadSummary } from "../../../core/engine";
import type { FindingCard } from "../../../core/cards";
import type { Finding, Lang, Severity } from "../../../core/findings";
import type { ColumnRole, WorkbookSettings } from "../../../core/settings";
import type { FixUndo, HostApi, ReadProgress } from "../../../host/HostApi";
import type { CheckView, PaneError, SplitFindings } from "../../checkView";
import type { Strings } from "../../strings";

export interface AppProps {
  /** The workbook the pane talks to: Excel through Office.js, or a file in the browser. */
  host: HostApi;
  /** @default "fr" */
  lang?: Lang;
  /** Shows the pane's own title; the web page has its own. @default true */
  header?: boolean;
  /** Runs a check as soon as the pane appears (the web page, once a file is chosen). @default false */
  autoStart?: boolean;
  /** Told the findings still reported after each check, ignore or restore (the web page marks its grid). */
  onFindingsChange?: (findings: readonly Finding[]) => void;
  /** Told the ranges no check covered after each check (the web page marks them in its grid). */
  onUnreadChange?: (unread: readonly UnreadSummary[]) => void;
  /** A cell whose card to select and focus (the web page, when a marked cell is clicked); `seq` changes each time. */
  focusCell?: { sheet: string; cell: string; seq: number };
  /** Shows the « Modèles » tab beside « Contrôle »; the web page has its own section. @default true */
  templates?: boolean;
}

/** The pane's state machine. */
export type AppStatus = "idle" | "running" | "results" | "nothing" | "error";

export type RunPhase = "reading" | "checking";

/** A line of feedback after an action: success, or a failure of the host. */
export interface Notice {
  intent: "success" | "error";
  text: string;
  detail?: string;
  /** After a fix: what the cell held, for « Annuler la correction ». */
  undo?: { finding: Finding; token: FixUndo };
}

/** Which action is under way, so that its button shows it and others wait. */
export type BusyAction = "goto" | "fix" | "ignore" | "restore" | "highlight" | "clear" | "report" | "mapping";

export interface AppState {
  lang: Lang;
  strings: Strings;
  host: HostApi;
  status: AppStatus;
  /** While running. */
  phase: RunPhase;
  progress?: ReadProgress;
  /** The last check (results and nothing found). */
  check?: CheckView;
  /** The check's findings split by the ignore list. */
  split: SplitFindings;
  /** The visible findings as cards, most severe first. */
  cards: readonly FindingCard[];
  /** The cards the severity filters show. */
  shownCards: readonly FindingCard[];
  shown: Readonly<Record<Severity, boolean>>;
  toggleShown: (severity: Severity) => void;
  /** The card Précédent / Suivant are on. */
  currentKey?: string;
  setCurrentKey: (key: string) => void;
  step: (delta: 1 | -1) => Promise<void>;
  /** What the polite live region says: the counts after a check. */
  announcement: string;
  /** « résolu » traces of the cards the last re-check no longer found. */
  resolved: readonly string[];
  error?: PaneError;
  /** The workbook changed after the check. */
  stale: boolean;
  notice?: Notice;
  busy?: BusyAction;
  settings: WorkbookSettings;
  /** Keys of findings fixed since the check. */
  fixed: ReadonlySet<string>;
  /** The finding whose fix waits for confirmation. */
  pendingFix?: Finding;

  run: () => Promise<void>;
  /** Selects a finding's cell, or an unread range (`{ sheet, cell: "B3:F40" }`). */
  goTo: (at: { sheet: string; cell: string }) => Promise<void>;
  askFix: (f: Finding) => void;
  confirmFix: () => Promise<void>;
  cancelFix: () => void;
  ignore: (card: FindingCard) => Promise<void>;
  restore: (f: Finding) => Promise<void>;
  highlight: () => Promise<void>;
  clearHighlights: () => Promise<void>;
  writeReport: () => Promise<void>;
  saveMapping: (header: string, role: ColumnRole) => Promise<void>;
  removeMapping: (header: string) => Promise<void>;
  dismissNotice: () => void;
  /** Puts back what the cell held before the last fix. */
  undoFix: () => Promise<void>;
}
