/**
 * Renders a component inside Fluent's provider, as the entry files do. Griffel's renderer keeps
 * only the CSS rules that show or hide things (display, visibility): jsdom's getComputedStyle
 * (which role queries call for every ancestor) slows down with every rule in the document, and
 * Fluent writes hundreds.
 */
import * as React from "react";
import { render, type RenderResult } from "@testing-library/react";
import { FluentProvider, RendererProvider, createDOMRenderer, webLightTheme } from "@fluentui/react-components";

const SHOWING_RULE = /display|visibility/;

export function TestProviders({ children }: { children?: React.ReactNode }): React.JSX.Element {
  const renderer = React.useMemo(() => createDOMRenderer(document, { unstable_filterCSSRule: (rule) => SHOWING_RULE.test(rule) }), []);
  return (
    <RendererProvider renderer={renderer} targetDocument={document}>
      <FluentProvider theme={webLightTheme}>{children}</FluentProvider>
    </RendererProvider>
  );
}

/** `render` with the providers as a wrapper, so that `rerender` keeps them. */
export function renderInProvider(ui: React.ReactElement): RenderResult {
  return render(ui, { wrapper: TestProviders });
}
