import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Tab,
  TabList,
  Toolbar,
  ToolbarButton,
} from "@fluentui/react-components";
import { ArrowUndo16Regular, Dismiss16Regular, DocumentTable20Regular, Eraser20Regular, Highlight20Regular, Play16Regular } from "@fluentui/react-icons";
import type { FindingCard } from "../../../core/cards";
import { findingKey } from "../../../core/settings";
import { percentOf } from "../../checkView";
import { ConfirmFixDialog } from "../ConfirmFixDialog";
import type { FixAvailability } from "../ReviewList";
import { HeaderMapping } from "../HeaderMapping";
import { IgnoredFindings } from "../IgnoredFindings";
import { NothingFound } from "../NothingFound";
import { ResolvedTrace, ReviewList } from "../ReviewList";
import { Summary } from "../Summary";
import { Templates } from "../Templates";
import { UnreadRanges } from "../UnreadRanges";
import { useAppStyles } from "./App.styles";
import type { AppProps, AppState } from "./App.types";
import { IGNORED_HEADER_ID, RESULTS_HEADING_ID, useApp } from "./useApp";
import { useMappingRequest, type MappingRequestState } from "./useMappingRequest";

/** The pane: one button to check the workbook, then what the check found and what to do about it. */
export function App(props: AppProps): React.JSX.Element {
  const state = useApp(props);
  const mapping = useMappingRequest();
  const styles = useAppStyles();
  const { strings } = state;
  const running = state.status === "running";
  // « Modèles » beside « Contrôle » (issue 9); the web page shows its templates in a section of its own.
  const [tab, setTab] = React.useState<"check" | "templates">("check");
  const withTemplates = props.templates !== false;
  return (
    <div className={styles.root} lang={state.lang}>
      {props.header !== false && (
        <header className={styles.header}>
          <h1 className={styles.title}>{strings.appTitle}</h1>
          <p className={styles.tagline}>{strings.appTagline}</p>
        </header>
      )}
      {withTemplates && (
        <TabList selectedValue={tab} aria-label={strings.templatesTabsLabel} onTabSelect={(_, data) => setTab(data.value === "templates" ? "templates" : "check")}>
          <Tab value="check">{strings.templatesTabCheck}</Tab>
          <Tab value="templates">{strings.templatesTabTemplates}</Tab>
        </TabList>
      )}
      {tab === "templates" && withTemplates ? (
        <div role="tabpanel" aria-label={strings.templatesTabTemplates}>
          <Templates host={props.host} lang={state.lang} />
        </div>
      ) : (
        <>
          <Button className={styles.run} appearance="primary" icon={<Play16Regular />} disabled={running || !!state.busy} onClick={() => void state.run()}>
            {strings.check}
          </Button>
          {renderBody(state, styles, mapping)}
        </>
      )}
      {/* Always there, so that screen readers hear it change: the counts after each check. */}
      <div aria-live="polite" aria-atomic="true" className={styles.liveRegion} data-testid="pointage-live">
        {state.announcement}
      </div>
      <ConfirmFixDialog finding={state.pendingFix} lang={state.lang} onConfirm={() => void state.confirmFix()} onCancel={state.cancelFix} />
    </div>
  );
}

type Styles = ReturnType<typeof useAppStyles>;

/** The ranges no check covered, with their actions. */
function renderUnread(state: AppState, mapping: MappingRequestState): React.ReactNode {
  const { check } = state;
  if (!check) return null;
  return (
    <UnreadRanges
      lang={state.lang}
      unread={check.unread}
      headerMap={state.settings.headerMap}
      disabled={!!state.busy}
      onGoTo={(u) => void state.goTo({ sheet: u.sheet, cell: u.range })}
      onMap={(_, headers) => mapping.ask(headers)}
    />
  );
}

/** The header mapping form, offering the headers « Associer les en-têtes » asked for (a new form for each request). */
function renderMapping(state: AppState, mapping: MappingRequestState, headingLevel?: 3 | 4): React.ReactNode {
  const { request } = mapping;
  const suggestions = request?.headers.filter((h) => !(h in state.settings.headerMap));
  return (
    <HeaderMapping
      key={request?.seq ?? 0}
      lang={state.lang}
      headerMap={state.settings.headerMap}
      disabled={!!state.busy}
      headingLevel={headingLevel}
      suggestions={suggestions}
      autoFocus={request !== undefined}
      onSave={(header, role) => void state.saveMapping(header, role)}
      onRemove={(header) => void state.removeMapping(header)}
    />
  );
}

function renderBody(state: AppState, styles: Styles, mapping: MappingRequestState): React.ReactNode {
  const { strings } = state;
  switch (state.status) {
    case "idle":
      return (
        <>
          <p className={styles.paragraph}>{strings.idleIntro}</p>
          <p className={styles.hint}>{strings.idleHint}</p>
        </>
      );
    case "running":
      return renderProgress(state, styles);
    case "error":
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{strings.errorTitle}</MessageBarTitle>
            {state.error?.message}
            {state.error?.detail && (
              <p className={styles.detail}>
                {strings.errorDetail}
                {state.lang === "fr" ? " : " : ": "}
                {state.error.detail}
              </p>
            )}
          </MessageBarBody>
        </MessageBar>
      );
    case "nothing":
      return (
        <>
          {renderBanners(state, styles)}
          {renderUnread(state, mapping)}
          <NothingFound lang={state.lang}>{renderMapping(state, mapping, 4)}</NothingFound>
        </>
      );
    case "results":
      return renderResults(state, styles, mapping);
  }
}

function renderProgress(state: AppState, styles: Styles): React.ReactNode {
  const { strings } = state;
  const percent = percentOf(state.progress);
  const text = state.phase === "checking" ? strings.checking : percent === undefined ? strings.reading : strings.readingPercent(percent);
  const value = state.phase === "checking" ? 1 : percent === undefined ? undefined : percent / 100;
  return (
    <div className={styles.progress}>
      <ProgressBar thickness="large" value={value} aria-label={strings.progressLabel} aria-valuetext={text} />
      <p className={styles.paragraph} role="status">
        {text}
      </p>
    </div>
  );
}

/** Out-of-date results, the last action's outcome and checks that failed. */
function renderBanners(state: AppState, styles: Styles): React.ReactNode {
  const { strings, notice, check } = state;
  return (
    <>
      {state.stale && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{strings.staleTitle}</MessageBarTitle>
            {strings.stale}
          </MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent={notice.intent} layout="multiline">
          <MessageBarBody>
            {notice.intent === "error" && <MessageBarTitle>{strings.actionFailed}</MessageBarTitle>}
            {notice.text}
            {notice.detail && <p className={styles.detail}>{notice.detail}</p>}
          </MessageBarBody>
          <MessageBarActions
            containerAction={<Button appearance="transparent" aria-label={strings.dismiss} icon={<Dismiss16Regular />} onClick={state.dismissNotice} />}
          >
            {notice.undo && (
              <Button icon={<ArrowUndo16Regular />} disabled={state.busy !== undefined} onClick={() => void state.undoFix()}>
                {strings.undoFix}
              </Button>
            )}
          </MessageBarActions>
        </MessageBar>
      )}
      {check && check.failures.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{strings.failuresTitle}</MessageBarTitle>
            {strings.failuresBody}
            <ul className={styles.failures}>
              {check.failures.map((f) => (
                <li key={f.rule}>
                  {f.rule} : {f.message}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

function renderResults(state: AppState, styles: Styles, mapping: MappingRequestState): React.ReactNode {
  const { strings, split, check, lang } = state;
  if (!check) return null;
  const busy = !!state.busy;
  // The web page writes no file: no Corriger there (the proposed fix is still shown, to type in Excel).
  const fixOf = (card: FindingCard): FixAvailability =>
    card.findings.some((f) => state.fixed.has(findingKey(f))) ? "done" : !card.findings.some((f) => f.fix) || state.host.kind === "file" ? "none" : "available";
  return (
    <>
      {renderBanners(state, styles)}
      <Summary
        lang={lang}
        summary={split.summary}
        tables={check.tables}
        ignored={split.ignored.length}
        unread={check.unread.length}
        headingId={RESULTS_HEADING_ID}
        shown={state.shown}
        onToggle={state.toggleShown}
      />
      {renderUnread(state, mapping)}
      <Toolbar aria-label={strings.actionsLabel} className={styles.toolbar}>
        <ToolbarButton icon={<Highlight20Regular />} disabled={busy || split.visible.length === 0} onClick={() => void state.highlight()}>
          {strings.highlight}
        </ToolbarButton>
        <ToolbarButton icon={<Eraser20Regular />} disabled={busy} onClick={() => void state.clearHighlights()}>
          {strings.clearHighlights}
        </ToolbarButton>
        {/* The web page has its own download of the checked copy: not a second button for it. */}
        {state.host.kind !== "file" && (
          <ToolbarButton icon={<DocumentTable20Regular />} disabled={busy} onClick={() => void state.writeReport()}>
            {strings.report}
          </ToolbarButton>
        )}
      </Toolbar>
      {split.visible.length === 0 ? (
        <>
          <ResolvedTrace resolved={state.resolved} lang={lang} />
          {/* Not an all-clear while some numbers went unchecked. */}
          {check.unread.length > 0 ? (
            <p className={styles.noFindingsUnread}>{strings.noFindingsUnread(check.unread.length)}</p>
          ) : (
            <p className={styles.noFindings}>{split.ignored.length > 0 ? strings.noFindingsLeft : strings.noFindings}</p>
          )}
        </>
      ) : (
        <ReviewList
          cards={state.shownCards}
          allCards={state.cards}
          currentKey={state.currentKey}
          resolved={state.resolved}
          lang={lang}
          fixOf={fixOf}
          disabled={busy}
          onCurrentChange={state.setCurrentKey}
          onStep={(delta) => void state.step(delta)}
          onGoTo={(card) => {
            state.setCurrentKey(card.key);
            void state.goTo(card);
          }}
          onFix={state.askFix}
          onIgnore={(card) => void state.ignore(card)}
        />
      )}
      {split.ignored.length > 0 && (
        <IgnoredFindings findings={split.ignored} lang={lang} headerId={IGNORED_HEADER_ID} disabled={busy} onRestore={(f) => void state.restore(f)} />
      )}
      <Accordion collapsible openItems={mapping.open ? ["mapping"] : []} onToggle={(_, data) => mapping.setOpen(data.openItems.includes("mapping"))}>
        <AccordionItem value="mapping">
          <AccordionHeader as="h2">{strings.mappingHeading}</AccordionHeader>
          <AccordionPanel>{renderMapping(state, mapping)}</AccordionPanel>
        </AccordionItem>
      </Accordion>
    </>
  );
}
