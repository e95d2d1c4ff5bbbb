import * as React from "react";
import { Button, Tooltip, mergeClasses } from "@fluentui/react-components";
import { ArrowRight16Regular, Checkmark16Filled, EyeOff16Regular, Wrench16Regular } from "@fluentui/react-icons";
import { formatQuantity } from "../../../core/format";
import { findingDomId } from "../../checkView";
import { stringsFor } from "../../strings";
import { SeverityIcon } from "../SeverityIcon";
import { useFindingItemStyles } from "./FindingItem.styles";
import type { FindingItemProps } from "./FindingItem.types";

/** How a fix reads: its formula, or its value (text shown as typed). */
export function fixText(fix: { formula?: string; value?: number | string }): string {
  return fix.formula ?? (fix.value === undefined ? "" : String(fix.value));
}

/**
 * One finding: severity, rule and cell, the message, found vs expected, then its actions.
 * Every text here is data rendered as text, never as HTML.
 */
export function FindingItem(props: FindingItemProps): React.JSX.Element {
  const { finding: f, lang, fix, disabled = false, onGoTo, onFix, onIgnore } = props;
  const strings = stringsFor(lang);
  const styles = useFindingItemStyles();
  const titleId = findingDomId(f, "title");
  const related = f.related.length > 0 && f.related.length <= 6 ? f.related.join(", ") : undefined;
  return (
    <li className={mergeClasses(styles.root, styles[f.severity])} aria-labelledby={titleId} data-finding={`${f.rule}|${f.sheet}|${f.cell}`}>
      <div className={styles.title} id={titleId}>
        <SeverityIcon severity={f.severity} />
        <span className={styles.severity}>{strings.severityLabel[f.severity]}</span>
        <span aria-hidden="true">·</span>
        <span className={styles.code}>{f.cell}</span>
        <span aria-hidden="true">·</span>
        <span className={styles.code}>{f.rule}</span>
      </div>
      <p className={styles.message}>{f.message}</p>
      {(f.actual || f.expected) && (
        <dl className={styles.values}>
          {f.actual && (
            <div className={styles.value}>
              <dt className={styles.term}>{strings.found}</dt>
              <dd className={styles.definition}>{formatQuantity(f.actual, lang)}</dd>
            </div>
          )}
          {f.expected && (
            <div className={styles.value}>
              <dt className={styles.term}>{strings.expected}</dt>
              <dd className={styles.definition}>{formatQuantity(f.expected, lang)}</dd>
            </div>
          )}
        </dl>
      )}
      {f.fix && (
        <p className={styles.extra}>
          {strings.proposedFix}
          {lang === "fr" ? " : " : ": "}
          <code className={styles.code}>{fixText(f.fix)}</code>
        </p>
      )}
      {related && (
        <p className={styles.extra}>
          {strings.relatedCells}
          {lang === "fr" ? " : " : ": "}
          {related}
        </p>
      )}
      <div className={styles.actions}>
        <Button
          id={findingDomId(f, "goto")}
          size="small"
          icon={<ArrowRight16Regular />}
          disabled={disabled}
          aria-label={strings.actionOn(strings.goToCell, f.rule, f.cell)}
          onClick={() => onGoTo(f)}
        >
          {strings.goToCell}
        </Button>
        {fix === "available" && (
          <Button
            size="small"
            icon={<Wrench16Regular />}
            disabled={disabled}
            aria-label={strings.actionOn(strings.fix, f.rule, f.cell)}
            onClick={() => onFix(f)}
          >
            {strings.fix}
          </Button>
        )}
        {fix === "web" && (
          <Tooltip content={strings.fixUnavailableWeb} relationship="description">
            <Button size="small" icon={<Wrench16Regular />} disabledFocusable aria-label={strings.actionOn(strings.fix, f.rule, f.cell)}>
              {strings.fix}
            </Button>
          </Tooltip>
        )}
        {fix === "done" && (
          <Button size="small" icon={<Checkmark16Filled />} disabled aria-label={strings.actionOn(strings.fixed, f.rule, f.cell)}>
            {strings.fixed}
          </Button>
        )}
        <Button
          size="small"
          appearance="subtle"
          icon={<EyeOff16Regular />}
          disabled={disabled}
          aria-label={strings.actionOn(strings.ignore, f.rule, f.cell)}
          onClick={() => onIgnore(f)}
        >
          {strings.ignore}
        </Button>
      </div>
    </li>
  );
}
