import * as React from "react";
import { Button, Tooltip, mergeClasses } from "@fluentui/react-components";
import {
  ArrowRight16Regular,
  Checkmark16Filled,
  ChevronDown16Regular,
  ChevronLeft16Regular,
  ChevronRight16Regular,
  ChevronUp16Regular,
  EyeOff16Regular,
  Wrench16Regular,
} from "@fluentui/react-icons";
import type { FindingCard } from "../../../core/cards";
import { formatQuantity } from "../../../core/format";
import { whereOf } from "../../checkView";
import { HELP_PARTS, ruleHelp } from "../../ruleHelp";
import { stringsFor } from "../../strings";
import { SeverityIcon } from "../SeverityIcon";
import { useReviewCardStyles } from "./ReviewCard.styles";
import { useReviewListStyles } from "./ReviewList.styles";
import type { ReviewListProps } from "./ReviewList.types";

/** How a fix reads: its formula, or its value (text shown as typed). */
export function fixText(fix: { formula?: string; value?: number | string }): string {
  return fix.formula ?? (fix.value === undefined ? "" : String(fix.value));
}

/** A DOM id made from a card's key, stable across renders and re-checks. */
export function cardDomId(card: { key: string }, part: string): string {
  return `pointage-card-${part}-${card.key.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`)}`;
}

/**
 * The cards to review, one after another as Excel's error checking walks its errors: Précédent /
 * Suivant, and a keyboard-first list. The list is one Tab stop (the current card, a roving
 * tabindex); the arrow keys move between cards, Home / End to the first and last, Enter selects
 * the card's cell. The current card's own buttons follow it in the Tab order; the other cards'
 * buttons are out of it until their card is the current one.
 */
/**
 * The short « résolu » trace of the findings a re-check saw leave; also shown by the pane when the
 * last one left, so that the fix that cleared the list is still said.
 */
export function ResolvedTrace(props: { resolved: readonly string[]; lang: ReviewListProps["lang"] }): React.JSX.Element | null {
  const strings = stringsFor(props.lang);
  const styles = useReviewListStyles();
  if (props.resolved.length === 0) return null;
  return (
    <ul className={styles.resolved}>
      {props.resolved.map((r) => (
        <li key={r}>
          <Checkmark16Filled /> {strings.reviewResolved(r)}
        </li>
      ))}
    </ul>
  );
}

export function ReviewList(props: ReviewListProps): React.JSX.Element {
  const { cards, lang, currentKey, resolved = [], onCurrentChange, onGoTo, onStep } = props;
  const strings = stringsFor(lang);
  const styles = useReviewListStyles();
  const at = Math.max(0, cards.findIndex((c) => c.key === currentKey));
  const current = cards[at];

  const moveTo = (index: number): void => {
    const card = cards[Math.max(0, Math.min(cards.length - 1, index))];
    if (!card) return;
    onCurrentChange(card.key);
    document.getElementById(cardDomId(card, "item"))?.focus();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLLIElement>, index: number): void => {
    // Keys pressed on a button inside the card are the button's.
    if (event.target !== event.currentTarget) return;
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: cards.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]);
    } else if (event.key === "Enter") {
      event.preventDefault();
      onGoTo(cards[index]);
    }
  };

  return (
    <section className={styles.root} aria-labelledby="pointage-findings-heading">
      <h2 id="pointage-findings-heading" className={styles.heading}>
        {strings.findingsHeading}
      </h2>
      <ResolvedTrace resolved={resolved} lang={lang} />
      {cards.length === 0 ? (
        <p className={styles.empty}>{strings.reviewNoneShown}</p>
      ) : (
        <>
          <div className={styles.nav}>
            <Button size="small" icon={<ChevronLeft16Regular />} disabled={props.disabled} onClick={() => onStep(-1)}>
              {strings.reviewPrevious}
            </Button>
            <Button size="small" icon={<ChevronRight16Regular />} iconPosition="after" disabled={props.disabled} onClick={() => onStep(1)}>
              {strings.reviewNext}
            </Button>
            <span className={styles.position}>{strings.reviewPosition(at + 1, cards.length)}</span>
          </div>
          <ul className={styles.items} aria-label={strings.reviewListLabel}>
            {cards.map((card, index) => (
              <CardItem key={card.key} {...props} card={card} isCurrent={card === current} onKeyDown={(e) => onKeyDown(e, index)} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

interface CardItemProps extends ReviewListProps {
  card: FindingCard;
  isCurrent: boolean;
  onKeyDown: (event: React.KeyboardEvent<HTMLLIElement>) => void;
}

/** One card: the rules it breaks, each finding's message, found vs expected, then its actions. */
function CardItem(props: CardItemProps): React.JSX.Element {
  const { card, isCurrent, lang, disabled = false, fixOf, onGoTo, onFix, onIgnore, onCurrentChange, allCards } = props;
  const strings = stringsFor(lang);
  const item = useReviewCardStyles();
  const styles = useReviewListStyles();
  const [helpOpen, setHelpOpen] = React.useState(false);
  const lead = card.findings[0];
  const rules = card.rules.join(" + ");
  const titleId = cardDomId(card, "title");
  const helpId = cardDomId(card, "help");
  const fix = fixOf(card);
  const fixing = card.findings.find((f) => f.fix);
  const cause = card.causeKey ? allCards.find((c) => c.key === card.causeKey) : undefined;
  const tab = isCurrent ? 0 : -1;
  // The cells a lone finding was computed from, when few enough to read.
  const related = card.findings.length === 1 && lead.related.length > 0 && lead.related.length <= 6 ? lead.related.join(", ") : undefined;
  const helps = card.rules.map((rule) => [rule, ruleHelp(rule, lang)] as const).filter(([, h]) => h !== undefined);
  return (
    <li
      id={cardDomId(card, "item")}
      tabIndex={tab}
      aria-labelledby={titleId}
      aria-current={isCurrent ? "true" : undefined}
      data-card={card.key}
      className={mergeClasses(item.root, item[card.severity], styles.card, isCurrent && styles.current)}
      onKeyDown={props.onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget && !isCurrent) onCurrentChange(card.key);
      }}
    >
      <div className={item.title} id={titleId}>
        <SeverityIcon severity={card.severity} />
        <span className={item.severity}>{strings.severityLabel[card.severity]}</span>
        <span aria-hidden="true">·</span>
        {/* Which sheet: the list runs across the workbook (the name is text, never markup). */}
        <span>{card.sheet}</span>
        <span aria-hidden="true">·</span>
        <span className={item.code}>{card.cell}</span>
        <span aria-hidden="true">·</span>
        <span className={item.code}>{rules}</span>
      </div>
      {card.rules.length > 1 && (
        <>
          <p className={item.extra}>{strings.reviewRules}</p>
          <ul className={styles.rules}>
            {card.findings.map((f) => (
              <li key={`${f.rule}|${f.messageId}`}>
                <span className={item.code}>{f.rule}</span> — {f.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {card.rules.length === 1 && card.findings.map((f) => <p key={`${f.cell}|${f.messageId}`} className={item.message}>{f.message}</p>)}
      {card.columns && card.columns.length > 1 && <p className={item.extra}>{strings.reviewColumns(card.columns)}</p>}
      {cause && <p className={item.extra}>{strings.reviewCause(whereOf(cause))}</p>}
      {card.findings.length === 1 && (lead.actual || lead.expected) && (
        <dl className={item.values}>
          {lead.actual && (
            <div className={item.value}>
              <dt className={item.term}>{strings.found}</dt>
              <dd className={item.definition}>{formatQuantity(lead.actual, lang)}</dd>
            </div>
          )}
          {lead.expected && (
            <div className={item.value}>
              <dt className={item.term}>{strings.expected}</dt>
              <dd className={item.definition}>{formatQuantity(lead.expected, lang)}</dd>
            </div>
          )}
        </dl>
      )}
      {related && (
        <p className={item.extra}>
          {strings.relatedCells}
          {lang === "fr" ? " : " : ": "}
          {related}
        </p>
      )}
      {card.fix && (
        <p className={item.extra}>
          {strings.proposedFix}
          {lang === "fr" ? " : " : ": "}
          <code className={item.code}>{fixText(card.fix)}</code>
        </p>
      )}
      <div className={item.actions}>
        <Button
          size="small"
          tabIndex={tab}
          icon={<ArrowRight16Regular />}
          disabled={disabled}
          aria-label={strings.actionOn(strings.goToCell, rules, card.cell)}
          onClick={() => onGoTo(card)}
        >
          {strings.goToCell}
        </Button>
        {fix === "available" && fixing && (
          <Button
            size="small"
            tabIndex={tab}
            icon={<Wrench16Regular />}
            disabled={disabled}
            aria-label={strings.actionOn(strings.fix, rules, card.cell)}
            onClick={() => onFix(fixing)}
          >
            {strings.fix}
          </Button>
        )}
        {fix === "web" && (
          <Tooltip content={strings.fixUnavailableWeb} relationship="description">
            <Button size="small" tabIndex={tab} icon={<Wrench16Regular />} disabledFocusable aria-label={strings.actionOn(strings.fix, rules, card.cell)}>
              {strings.fix}
            </Button>
          </Tooltip>
        )}
        {fix === "done" && (
          <Button size="small" icon={<Checkmark16Filled />} disabled aria-label={strings.actionOn(strings.fixed, rules, card.cell)}>
            {strings.fixed}
          </Button>
        )}
        <Button
          size="small"
          tabIndex={tab}
          appearance="subtle"
          icon={<EyeOff16Regular />}
          disabled={disabled}
          aria-label={strings.actionOn(strings.ignore, rules, card.cell)}
          onClick={() => onIgnore(card)}
        >
          {strings.ignore}
        </Button>
        {helps.length > 0 && (
          <Button
            size="small"
            tabIndex={tab}
            appearance="transparent"
            icon={helpOpen ? <ChevronUp16Regular /> : <ChevronDown16Regular />}
            iconPosition="after"
            aria-expanded={helpOpen}
            aria-controls={helpOpen ? helpId : undefined}
            aria-label={strings.learnMoreAbout(rules, card.cell)}
            onClick={() => setHelpOpen((open) => !open)}
          >
            {strings.learnMore}
          </Button>
        )}
      </div>
      {helpOpen && (
        <div id={helpId} role="region" aria-label={strings.ruleHelpLabel(rules)} className={item.help}>
          {helps.map(([rule, help]) => (
            <dl key={rule} className={item.helpList}>
              {HELP_PARTS.map((part) => (
                <div key={part} className={item.helpPart}>
                  <dt className={item.helpTerm}>{strings.helpParts[part]}</dt>
                  <dd className={item.helpText}>{help![part]}</dd>
                </div>
              ))}
            </dl>
          ))}
        </div>
      )}
    </li>
  );
}
