import * as React from "react";
import { Button, Field, MessageBar, MessageBarBody, MessageBarTitle, Select, Spinner } from "@fluentui/react-components";
import { AddSquare20Regular, ArrowSync16Regular, DocumentEdit20Regular } from "@fluentui/react-icons";
import type { FillProblem } from "../../../core/fill";
import { sentenceOf } from "./preview";
import { useTemplatesStyles } from "./Templates.styles";
import type { TemplatesProps } from "./Templates.types";
import { useTemplates, type TemplatesState } from "./useTemplates";

/**
 * The « Modèles » panel: pick a template (the workbook's, then the built-ins) and, when it needs
 * one, a line; see every field resolved, or why it cannot be; then fill it into a new sheet, or
 * insert a built-in as a template sheet to edit. Workbook text (placeholders, values, problems)
 * is rendered as React text, never as HTML.
 */
export function Templates(props: TemplatesProps): React.JSX.Element {
  const state = useTemplates(props);
  const styles = useTemplatesStyles();
  const { strings, template, result } = state;
  const Heading = props.headingLevel === 3 ? "h3" : "h2";
  const busy = state.busy || state.reading;

  return (
    <div className={styles.root}>
      <p className={styles.paragraph}>{state.strings.templatesIntro}</p>
      {state.reading && !state.snapshot && <Spinner size="tiny" label={strings.templatesReading} />}
      {state.readError && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            {state.readError.message}
            {state.readError.detail && <p className={styles.hint}>{state.readError.detail}</p>}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.snapshot && (
        <>
          <Field label={strings.templatesTemplate}>
            <Select className={styles.select} value={template?.id ?? ""} disabled={busy} onChange={(_, data) => state.pickTemplate(data.value)}>
              {state.templates.map((t) => (
                <option key={`${t.builtin ? "b" : "s"}:${t.id}`} value={t.id}>
                  {t.builtin ? `${t.name} (${strings.templatesBuiltin})` : t.name}
                </option>
              ))}
            </Select>
          </Field>
          {template?.needsLine &&
            (state.lines.length > 0 ? (
              <Field label={strings.templatesLine}>
                <Select className={styles.select} value={state.lineId ?? ""} disabled={busy} onChange={(_, data) => state.pickLine(data.value)}>
                  {state.lines.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.label}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : (
              <p className={styles.hint}>{strings.templatesNoLines}</p>
            ))}
          {result && renderResult(state, styles, Heading)}
          {renderActions(state, styles, busy)}
        </>
      )}
      {state.notice && (
        <MessageBar intent={state.notice.intent} layout="multiline">
          <MessageBarBody>
            {state.notice.text}
            {state.notice.detail && <p className={styles.hint}>{state.notice.detail}</p>}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

type Styles = ReturnType<typeof useTemplatesStyles>;

function renderResult(state: TemplatesState, styles: Styles, Heading: "h2" | "h3"): React.ReactNode {
  const { strings, result } = state;
  if (!result) return null;
  if (!result.ok) {
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{strings.templatesProblems}</MessageBarTitle>
          {strings.templatesProblemsHint}
          <ul className={styles.problems} aria-label={strings.templatesProblems}>
            {result.problems.map((p, i) => (
              <li key={i}>{problemText(p, state)}</li>
            ))}
          </ul>
        </MessageBarBody>
      </MessageBar>
    );
  }
  const { fields } = result.plan;
  return (
    <section aria-label={strings.templatesPreview}>
      <Heading className={styles.heading}>{strings.templatesPreview}</Heading>
      {fields.length === 0 ? (
        <p className={styles.hint}>{strings.templatesPreviewEmpty}</p>
      ) : (
        <table className={styles.fields}>
          <tbody>
            {fields.map((f, i) => {
              const sentence = sentenceOf(result.plan, f);
              return (
                <tr key={`${f.cell}|${f.placeholder}|${i}`}>
                  <th scope="row" className={`${styles.fieldCell} ${styles.placeholder}`}>
                    {f.cell} {f.placeholder}
                  </th>
                  <td className={styles.fieldCell}>
                    {f.shown}
                    {sentence !== undefined && <span className={styles.sentence}>{sentence}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The engine's message names sheet and cell; its suggestion is added when the message does not say it already. */
function problemText(p: FillProblem, state: TemplatesState): string {
  if (!p.suggestion || p.message.includes(p.suggestion)) return p.message;
  return `${p.message} ${state.strings.templatesSuggestion(p.suggestion)}`;
}

function renderActions(state: TemplatesState, styles: Styles, busy: boolean): React.ReactNode {
  const { strings, template, result, unavailable } = state;
  return (
    <>
      <div className={styles.actions}>
        <Button appearance="primary" icon={<DocumentEdit20Regular />} disabled={busy || !!unavailable || !result?.ok} onClick={() => void state.fill()}>
          {strings.templatesFill}
        </Button>
        {template?.builtin && (
          <Button icon={<AddSquare20Regular />} disabled={busy || !!unavailable} title={strings.templatesInsertHint} onClick={() => void state.insert()}>
            {strings.templatesInsert}
          </Button>
        )}
        <Button appearance="subtle" icon={<ArrowSync16Regular />} disabled={busy} onClick={() => void state.read()}>
          {strings.templatesRead}
        </Button>
      </div>
      {unavailable && <p className={styles.hint}>{unavailable}</p>}
    </>
  );
}
