/**
 * The pane's state machine and actions: idle → running (reading, checking) → results, nothing
 * found or error. Every host call goes through the `HostApi` the pane was given; failures become
 * messages, never uncaught rejections.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { groupFindings, type FindingCard } from "../../../core/cards";
import type { Finding, Lang, Severity } from "../../../core/findings";
import { DEFAULT_SETTINGS, findingKey, readSettings, type ColumnRole, type WorkbookSettings } from "../../../core/settings";
import type { ReadProgress } from "../../../host/HostApi";
import { recalculatedRanges } from "../../../core/dependents";
import { patchSnapshot } from "../../../core/patch";
import type { ChangedRange } from "../../../core/recheck";
import {
  recheckPane,
  startPaneReview,
  type PaneReview,
  percentOf,
  splitIgnored,
  toPaneError,
  whereOf,
  type CheckView,
  type PaneError,
} from "../../checkView";
import { severityCount, stringsFor } from "../../strings";
import { cardDomId } from "../ReviewList";
import type { AppProps, AppState, AppStatus, BusyAction, Notice, RunPhase } from "./App.types";

/** Lets the browser paint (the progress bar) before the engine runs synchronously. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Id of the "ignored findings" section header, where focus goes when the last finding is ignored. */
export const IGNORED_HEADER_ID = "pointage-ignored-header";
/** Id of the results' first heading, where focus goes when nothing else is left. */
export const RESULTS_HEADING_ID = "pointage-results-heading";

/** Errors and warnings shown, infos folded: the first cards on screen are what is wrong. */
const SHOWN_BY_DEFAULT: Readonly<Record<Severity, boolean>> = { error: true, warning: true, info: false };
const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

export function useApp(props: AppProps): AppState {
  const { host, autoStart = false, onFindingsChange, onUnreadChange } = props;
  const lang: Lang = props.lang ?? "fr";
  const strings = stringsFor(lang);

  const [status, setStatus] = useState<AppStatus>("idle");
  const [phase, setPhase] = useState<RunPhase>("reading");
  const [progress, setProgress] = useState<ReadProgress | undefined>();
  const [check, setCheck] = useState<CheckView | undefined>();
  const [error, setError] = useState<PaneError | undefined>();
  const [stale, setStale] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState<BusyAction | undefined>();
  const [settings, setSettings] = useState<WorkbookSettings>(() => ({ ...DEFAULT_SETTINGS, ignored: [], headerMap: {} }));
  const [fixed, setFixed] = useState<ReadonlySet<string>>(() => new Set());
  const [pendingFix, setPendingFix] = useState<Finding | undefined>();
  const [focusId, setFocusId] = useState<string | undefined>();
  const [shown, setShown] = useState<Readonly<Record<Severity, boolean>>>(SHOWN_BY_DEFAULT);
  const [currentKey, setCurrentKey] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState("");
  const [resolved, setResolved] = useState<readonly string[]>([]);
  /** The last check, kept for re-checking the tables an edit touches. */
  const reviewRef = useRef<PaneReview | undefined>(undefined);

  /** Settings the pane saved in this session: the workbook holds them, whatever a host's snapshot says. */
  const savedSettings = useRef<WorkbookSettings | undefined>(undefined);
  /** Counts runs, so that a slow read that finishes late never overwrites a newer one. */
  const runId = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const split = useMemo(() => splitIgnored(check?.findings ?? [], settings.ignored), [check, settings.ignored]);
  const cards = useMemo(() => groupFindings(split.visible), [split.visible]);
  const shownCards = useMemo(() => cards.filter((c) => shown[c.severity]), [cards, shown]);

  const runWith = useCallback(
    async (override?: WorkbookSettings): Promise<void> => {
      const id = ++runId.current;
      const current = (): boolean => mounted.current && id === runId.current;
      setStatus("running");
      setPhase("reading");
      setProgress(undefined);
      setStale(false);
      setNotice(undefined);
      setError(undefined);
      setPendingFix(undefined);
      let lastPercent: number | undefined;
      try {
        const snapshot = await host.readWorkbook((p) => {
          if (!current()) return;
          // Re-render only when the shown percentage moves.
          const percent = percentOf(p);
          if (percent === lastPercent) return;
          lastPercent = percent;
          setProgress({ done: p.done, total: p.total });
        });
        if (!current()) return;
        setPhase("checking");
        await nextFrame();
        if (!current()) return;
        const effective = override ?? savedSettings.current ?? readSettings(snapshot);
        const pane = startPaneReview(snapshot, lang, effective);
        const view = pane.view;
        if (!current()) return;
        reviewRef.current = pane;
        setResolved([]);
        setSettings(effective);
        setCheck(view);
        setFixed(new Set());
        setCurrentKey(undefined);
        const results = view.tables.length === 0 && view.findings.length === 0 ? "nothing" : "results";
        setStatus(results);
        // Focus leaves the (re-enabled) button for the results, and the counts are announced.
        if (results === "results") setFocusId(RESULTS_HEADING_ID);
        const counts = splitIgnored(view.findings, effective.ignored).summary;
        const said = SEVERITIES.map((s) => severityCount(s, s === "error" ? counts.errors : s === "warning" ? counts.warnings : counts.infos, lang)).join(", ");
        setAnnouncement(strings.reviewAnnounce(said));
      } catch (e) {
        if (!current()) return;
        setError(toPaneError(e, strings));
        setStatus("error");
      }
    },
    [host, lang, strings],
  );

  const run = useCallback(() => runWith(), [runWith]);

  // The web page checks its file as soon as it is chosen.
  const started = useRef(false);
  useEffect(() => {
    if (autoStart && !started.current) {
      started.current = true;
      void run();
    }
  }, [autoStart, run]);

  /**
   * Re-checks the tables the changed ranges touch (issue 12): the host reads those ranges only,
   * the engine re-checks their sheets and the cross-table checks. Cards no longer found leave a
   * « résolu » trace; new ones appear. False when it could not (no host support, a sheet not
   * read, a failed read): the results are then marked out of date instead.
   */
  const recheckChanged = useCallback(
    async (changed: readonly ChangedRange[]): Promise<boolean> => {
      const previous = reviewRef.current;
      if (!previous || !host.readRanges) return false;
      const ranges = changed.filter((c) => previous.data.sheets.some((s) => s.name === c.sheet));
      if (ranges.length === 0) return false;
      // Excel recalculated the formulas that refer to the changed cells, on any sheet: read them too, in the same sync.
      const recalculated = recalculatedRanges(previous.data, ranges);
      if (!recalculated) return false;
      let next: PaneReview;
      try {
        const read = await host.readRanges(ranges, recalculated);
        next = recheckPane(previous, patchSnapshot(previous.data, read), [...ranges, ...recalculated]);
      } catch {
        return false;
      }
      if (!mounted.current || reviewRef.current !== previous) return true;
      reviewRef.current = next;
      const before = groupFindings(splitIgnored(previous.view.findings, settings.ignored).visible);
      const afterSplit = splitIgnored(next.view.findings, settings.ignored);
      const after = new Set(groupFindings(afterSplit.visible).map((c) => c.key));
      setResolved(before.filter((c) => !after.has(c.key)).map((c) => `${c.rules.join(" + ")} ${whereOf(c)}`));
      setCheck(next.view);
      setFixed(new Set());
      const counts = afterSplit.summary;
      const said = SEVERITIES.map((sv) => severityCount(sv, sv === "error" ? counts.errors : sv === "warning" ? counts.warnings : counts.infos, lang)).join(", ");
      setAnnouncement(strings.reviewRechecked(said));
      return true;
    },
    [host, lang, settings.ignored, strings],
  );
  const recheckRef = useRef(recheckChanged);
  recheckRef.current = recheckChanged;

  // An edit re-checks the tables it touches; without the range (or host support) the results go out of date.
  useEffect(() => {
    if (!host.onWorkbookChanged) return undefined;
    return host.onWorkbookChanged((change) => {
      if (!mounted.current) return;
      if (!change) {
        setStale(true);
        return;
      }
      void recheckRef.current([change]).then((done) => {
        if (!done && mounted.current) setStale(true);
      });
    });
  }, [host]);

  useEffect(() => {
    if (check) onFindingsChange?.(split.visible);
  }, [check, split.visible, onFindingsChange]);

  useEffect(() => {
    if (check) onUnreadChange?.(check.unread);
  }, [check, onUnreadChange]);

  // A marked cell clicked on the page: its card becomes the current one, shown and focused.
  const { focusCell } = props;
  useEffect(() => {
    if (!focusCell) return;
    const card = cards.find((c) => c.findings.some((f) => f.sheet === focusCell.sheet && f.cell === focusCell.cell));
    if (!card) return;
    setShown((old) => (old[card.severity] ? old : { ...old, [card.severity]: true }));
    setCurrentKey(card.key);
    setFocusId(cardDomId(card, "item"));
    // Only a new click (a new `seq`) moves focus, not a new list: `cards` is read, not watched.
  }, [focusCell?.seq]);

  // Moves focus once the element exists (after an ignore or restore removed the focused button).
  useEffect(() => {
    if (!focusId) return;
    const el = document.getElementById(focusId);
    if (el) el.focus();
    setFocusId(undefined);
  }, [focusId, split]);

  /** Runs one host action: marks it busy, turns a failure into a notice. */
  const act = useCallback(
    async (action: BusyAction, work: () => Promise<string | Notice | undefined>): Promise<boolean> => {
      setBusy(action);
      setNotice(undefined);
      try {
        const done = await work();
        if (mounted.current && done) setNotice(typeof done === "string" ? { intent: "success", text: done } : done);
        return true;
      } catch (e) {
        if (mounted.current) {
          const err = toPaneError(e, strings);
          setNotice({ intent: "error", text: err.message, detail: err.detail });
        }
        return false;
      } finally {
        if (mounted.current) setBusy(undefined);
      }
    },
    [strings],
  );

  const save = useCallback(
    async (next: WorkbookSettings): Promise<void> => {
      await host.saveSettings(next);
      savedSettings.current = next;
      if (mounted.current) setSettings(next);
    },
    [host],
  );

  const goTo = useCallback(
    async (f: { sheet: string; cell: string }) => {
      await act("goto", async () => {
        await host.selectCell(f.sheet, f.cell);
        return undefined;
      });
    },
    [act, host],
  );

  const askFix = useCallback((f: Finding) => {
    if (f.fix) setPendingFix(f);
  }, []);

  const cancelFix = useCallback(() => setPendingFix(undefined), []);

  const confirmFix = useCallback(async () => {
    const f = pendingFix;
    if (!f?.fix) return;
    setPendingFix(undefined);
    const fix = f.fix;
    const ok = await act("fix", async () => {
      const token = await host.applyFix(fix);
      setFixed((old) => new Set([...old, findingKey(f)]));
      const text = strings.fixDone(whereOf(fix));
      return token && host.undoFix ? { intent: "success", text, undo: { finding: f, token } } : text;
    });
    if (ok) await recheckChanged([{ sheet: fix.sheet, range: fix.cell }]);
  }, [act, host, pendingFix, recheckChanged, strings]);

  const undoFix = useCallback(async () => {
    const undo = notice?.undo;
    if (!undo || !host.undoFix) return;
    const ok = await act("fix", async () => {
      await host.undoFix!(undo.token);
      const key = findingKey(undo.finding);
      setFixed((old) => new Set([...old].filter((k) => k !== key)));
      return strings.undoDone(whereOf(undo.token));
    });
    if (ok) await recheckChanged([{ sheet: undo.token.sheet, range: undo.token.cell }]);
  }, [act, host, notice, recheckChanged, strings]);

  const ignore = useCallback(
    async (card: FindingCard) => {
      const keys = card.findings.map(findingKey).filter((k) => !settings.ignored.includes(k));
      if (keys.length === 0) return;
      // Focus moves to the next card (or the previous one, or the ignored section).
      const at = shownCards.findIndex((c) => c.key === card.key);
      const neighbour = shownCards[at + 1] ?? shownCards[at - 1];
      const ok = await act("ignore", async () => {
        await save({ ...settings, ignored: [...settings.ignored, ...keys] });
        return host.kind === "file" ? strings.ignoredDoneFile(whereOf(card)) : strings.ignoredDone(whereOf(card));
      });
      if (ok) {
        if (neighbour) setCurrentKey(neighbour.key);
        setFocusId(neighbour ? cardDomId(neighbour, "item") : IGNORED_HEADER_ID);
      }
    },
    [act, host.kind, save, settings, shownCards, strings],
  );

  const toggleShown = useCallback((severity: Severity) => setShown((old) => ({ ...old, [severity]: !old[severity] })), []);

  /** Précédent / Suivant: the next card of those shown (round the end, as Excel does), its cell selected. */
  const step = useCallback(
    async (delta: 1 | -1) => {
      if (shownCards.length === 0) return;
      const at = shownCards.findIndex((c) => c.key === currentKey);
      const next = at < 0 ? (delta === 1 ? 0 : shownCards.length - 1) : (at + delta + shownCards.length) % shownCards.length;
      const card = shownCards[next];
      setCurrentKey(card.key);
      document.getElementById(cardDomId(card, "item"))?.scrollIntoView?.({ block: "nearest" });
      await act("goto", async () => {
        await host.selectCell(card.sheet, card.cell);
        return undefined;
      });
    },
    [act, currentKey, host, shownCards],
  );

  const restore = useCallback(
    async (f: Finding) => {
      const key = findingKey(f);
      const ignored = settings.ignored.filter((k) => k !== key);
      const ok = await act("restore", async () => {
        await save({ ...settings, ignored });
        return strings.restoredDone(whereOf(f));
      });
      // Focus goes to the card the finding is back in.
      const card = groupFindings(splitIgnored(check?.findings ?? [], ignored).visible).find((c) => c.findings.some((m) => findingKey(m) === key));
      if (ok && card) {
        setCurrentKey(card.key);
        setFocusId(cardDomId(card, "item"));
      }
    },
    [act, check, save, settings, strings],
  );

  const highlight = useCallback(async () => {
    await act("highlight", async () => {
      await host.highlight(split.visible);
      const cells = new Set(split.visible.map((f) => `${f.sheet}!${f.cell}`)).size;
      return host.kind === "file" ? strings.highlightDoneFile : strings.highlightDone(cells);
    });
  }, [act, host, split.visible, strings]);

  const clearHighlights = useCallback(async () => {
    await act("clear", async () => {
      await host.clearHighlights();
      return host.kind === "file" ? strings.clearDoneFile : strings.clearDone;
    });
  }, [act, host, strings]);

  const writeReport = useCallback(async () => {
    await act("report", async () => {
      await host.writeReport(split.visible, lang);
      return host.kind === "file" ? strings.reportDoneFile : strings.reportDone;
    });
  }, [act, host, lang, split.visible, strings]);

  const saveMapping = useCallback(
    async (header: string, role: ColumnRole) => {
      const next: WorkbookSettings = { ...settings, headerMap: { ...settings.headerMap, [header.trim()]: role } };
      const ok = await act("mapping", async () => {
        await save(next);
        return undefined;
      });
      if (ok) await runWith(next);
    },
    [act, runWith, save, settings],
  );

  const removeMapping = useCallback(
    async (header: string) => {
      const headerMap = { ...settings.headerMap };
      delete headerMap[header];
      const next: WorkbookSettings = { ...settings, headerMap };
      const ok = await act("mapping", async () => {
        await save(next);
        return undefined;
      });
      if (ok) await runWith(next);
    },
    [act, runWith, save, settings],
  );

  const dismissNotice = useCallback(() => setNotice(undefined), []);

  return {
    lang,
    strings,
    host,
    status,
    phase,
    progress,
    check,
    split,
    cards,
    shownCards,
    shown,
    toggleShown,
    currentKey,
    setCurrentKey,
    step,
    announcement,
    resolved,
    error,
    stale,
    notice,
    busy,
    settings,
    fixed,
    pendingFix,
    run,
    goTo,
    askFix,
    confirmFix,
    cancelFix,
    ignore,
    restore,
    highlight,
    clearHighlights,
    writeReport,
    saveMapping,
    removeMapping,
    dismissNotice,
    undoFix,
  };
}
