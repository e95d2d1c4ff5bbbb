import * as React from "react";
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  ToggleButton,
  mergeClasses,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import {
  ArrowDownload20Regular,
  FolderOpen20Regular,
  LockClosed20Regular,
} from "@fluentui/react-icons";
import { App } from "../../../taskpane/components/App";
import { Templates } from "../../../taskpane/components/Templates";
import { stringsFor } from "../../../taskpane/strings";
import { checkedCopyName, filledCopyName } from "../../fileHost";
import { usePrefersDark } from "../../usePrefersDark";
import { SheetGrid } from "../SheetGrid";
import { useWebPageStyles } from "./WebPage.styles";
import type { WebPageProps } from "./WebPage.types";
import { useWebPage } from "./useWebPage";

const ACCEPT = [
  ".xlsx",
  ".xls",
  ".xlsb",
  ".ods",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-excel",
  "application/vnd.ms-excel.sheet.binary.macroEnabled.12",
  "application/vnd.oasis.opendocument.spreadsheet",
].join(",");

/**
 * The browser page: choose a workbook (.xlsx, .xls, .xlsb, .ods), see its sheets with the cells at fault marked, check it with
 * the same pane as in Excel, download a checked copy. Everything happens in the page.
 */
export function WebPage(props: WebPageProps): React.JSX.Element {
  const { lang } = props;
  const strings = stringsFor(lang);
  const styles = useWebPageStyles();
  const prefersDark = usePrefersDark();
  const dark = props.theme ? props.theme === "dark" : prefersDark;
  const state = useWebPage(props);
  const { host, view } = state;

  return (
    // No className on FluentProvider: Fluent copies it onto every portal (tooltips, dialogs), where
    // layout styles would cover the page.
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <div className={styles.page}>
        <main
          className={styles.root}
          lang={lang}
          onDragOver={state.onDragOver}
          onDrop={state.onDrop}
        >
          <header className={styles.header}>
            <h1 className={styles.title}>{strings.webTitle}</h1>
            <p className={styles.paragraph}>{strings.webIntro}</p>
            <p className={styles.privacy}>
              <LockClosed20Regular aria-hidden="true" />
              {strings.webPrivacy}
            </p>
          </header>

          <div className={styles.chooser}>
            <Button
              appearance="primary"
              icon={<FolderOpen20Regular />}
              onClick={state.chooseFile}
              disabled={state.opening}
            >
              {strings.webChooseFile}
            </Button>
            <input
              ref={state.inputRef}
              type="file"
              accept={ACCEPT}
              hidden
              onChange={state.onInputChange}
              data-testid="file-input"
            />
            {state.opening && (
              <Spinner size="tiny" label={strings.webReadingFile} />
            )}
            {host && !view.failed && (
              <p className={styles.fileName} role="status">
                {strings.webFileLoaded(host.fileName)}
              </p>
            )}
          </div>

          {state.notice && (
            <MessageBar intent={state.notice.intent} layout="multiline">
              <MessageBarBody>{state.notice.text}</MessageBarBody>
            </MessageBar>
          )}

          {host && !view.failed && (
            <div
              className={styles.views}
              role="group"
              aria-label={strings.webViews}
            >
              <ToggleButton
                checked={state.narrowView === "list"}
                onClick={() => state.setNarrowView("list")}
              >
                {strings.webViewList}
              </ToggleButton>
              <ToggleButton
                checked={state.narrowView === "grid"}
                onClick={() => state.setNarrowView("grid")}
              >
                {strings.webViewGrid}
              </ToggleButton>
            </div>
          )}

          <div className={styles.layout}>
            <section
              className={mergeClasses(
                styles.pane,
                state.narrowView !== "list" && styles.narrowHidden,
              )}
              aria-label={strings.appTitle}
            >
              {host ? (
                <>
                  <App
                    key={state.fileKey}
                    host={host}
                    lang={lang}
                    header={false}
                    autoStart
                    templates={false}
                    onFindingsChange={host.setFindings}
                    onUnreadChange={host.setUnread}
                    focusCell={state.focusCell}
                  />
                  {!view.failed && (
                    <div className={styles.paneTools}>
                      <Button
                        icon={<ArrowDownload20Regular />}
                        disabled={!view.checked}
                        onClick={() => void state.download()}
                      >
                        {strings.webDownload}
                      </Button>
                      <p className={styles.hint}>
                        {strings.webDownloadHint(
                          checkedCopyName(host.fileName),
                        )}
                      </p>
                    </div>
                  )}
                  {!view.failed && (
                    // The same panel as the pane's « Modèles » tab; a fill downloads a copy.
                    <section className={styles.paneTools} aria-labelledby="pointage-web-templates">
                      <h2 id="pointage-web-templates" className={styles.limitsHeading}>
                        {strings.templatesTabTemplates}
                      </h2>
                      <Templates key={state.fileKey} host={host} lang={lang} headingLevel={3} downloadName={filledCopyName(host.fileName)} />
                    </section>
                  )}
                </>
              ) : (
                <p className={styles.placeholder}>{strings.webNoFile}</p>
              )}
              <div className={styles.paneTools}>
                <div className={styles.limits}>
                  <h2 className={styles.limitsHeading}>
                    {strings.webLimitsTitle}
                  </h2>
                  <ul className={styles.limitsList}>
                    {strings.webLimits.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </div>
              </div>
            </section>

            <section
              className={mergeClasses(
                styles.grid,
                state.narrowView !== "grid" && styles.narrowHidden,
              )}
              aria-label={strings.webSheets}
            >
              {view.snapshot ? (
                <SheetGrid
                  lang={lang}
                  snapshot={view.snapshot}
                  computed={view.computed}
                  marks={view.marks}
                  unread={view.unread}
                  marksVisible={view.marksVisible}
                  selection={view.selection}
                  onMarkClick={state.onMarkClick}
                />
              ) : (
                host &&
                !view.failed && <Spinner label={strings.webReadingFile} />
              )}
            </section>
          </div>
        </main>
      </div>
    </FluentProvider>
  );
}
