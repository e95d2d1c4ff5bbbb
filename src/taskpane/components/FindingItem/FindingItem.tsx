import * as React from "react";
import { Button, Tooltip, mergeClasses } from "@fluentui/react-components";
import { ArrowRight16Regular, Checkmark16Filled, ChevronDown16Regular, ChevronUp16Regular, EyeOff16Regular, Wrench16Regular } from "@fluentui/react-icons";
import { formatQuantity } from "../../../core/format";
import { findingDomId } from "../../checkView";
import { HELP_PARTS, ruleHelp } from "../../ruleHelp";
import { stringsFor } from "../../strings";
import { SeverityIcon } from "../SeverityIcon";
import { useFindingItemStyles } from "./FindingItem.styles";
import type { FindingItemProps } from "./FindingItem.types";

/** How a fix reads: its formula, or its value (text shown as typed). */
export function fixText(fix: { formula?: string; value?: number | string }): string {
  return fix.formula ?? (fix.value === undefined ? "" : String(fix.value));
}

/**
 * One finding: severity, rule and cell, the message, found vs expected, then its actions, and the
 * rule's help behind *En savoir plus* (a disclosure: a button with `aria-expanded` and the region
 * it controls). Every text here is data rendered as text, never as HTML.
 */
export function FindingItem(props: FindingItemProps): React.JSX.Element {
  const { finding: f, lang, fix, disabled = false, onGoTo, onFix, onIgnore } = props;
  const strings = stringsFor(lang);
  const styles = useFindingItemStyles();
  const titleId = findingDomId(f, "title");
  const related = f.related.length > 0 && f.related.length <= 6 ? f.related.join(", ") : undefined;
  const help = ruleHelp(f.rule, lang);
  const [helpOpen, setHelpOpen] = React.useState(false);
  const helpButtonId = findingDomId(f, "help-toggle");
  const helpId = findingDomId(f, "help");
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
        {help && (
          <Button
            id={helpButtonId}
            size="small"
            appearance="transparent"
            icon={helpOpen ? <ChevronUp16Regular /> : <ChevronDown16Regular />}
            iconPosition="after"
            aria-expanded={helpOpen}
            aria-controls={helpOpen ? helpId : undefined}
            aria-label={strings.learnMoreAbout(f.rule, f.cell)}
            onClick={() => setHelpOpen((open) => !open)}
          >
            {strings.learnMore}
          </Button>
        )}
      </div>
      {help && helpOpen && (
        <div id={helpId} role="region" aria-label={strings.ruleHelpLabel(f.rule)} className={styles.help}>
          <dl className={styles.helpList}>
            {HELP_PARTS.map((part) => (
              <div key={part} className={styles.helpPart}>
                <dt className={styles.helpTerm}>{strings.helpParts[part]}</dt>
                <dd className={styles.helpText}>{help[part]}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </li>
  );
}
