/**
 * Entry of the task pane: waits for Office, then renders the pane in Office's language and theme.
 * No logic here: the pane is `App`, the workbook is `createExcelHost`.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider } from "@fluentui/react-components";
import { createExcelHost } from "../excel";
import { App } from "./components/App";
import { langOf, themeFor } from "./environment";

/* global document, Office */

const container = document.getElementById("container");
const root = container ? createRoot(container) : undefined;

/** The provider fills the pane; `App` grows into it. A style, not a class: Fluent copies classes onto portals. */
const FILL: React.CSSProperties = { minHeight: "100vh", display: "flex", flexDirection: "column" };

Office.onReady(() => {
  const lang = langOf(Office.context.displayLanguage);
  document.documentElement.lang = lang;
  root?.render(
    <FluentProvider theme={themeFor(Office.context.officeTheme?.bodyBackgroundColor)} style={FILL}>
      <App host={createExcelHost({ lang })} lang={lang} />
    </FluentProvider>,
  );
});
