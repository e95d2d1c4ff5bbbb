import * as React from "react";
import { ToggleButton, mergeClasses } from "@fluentui/react-components";
import type { Severity } from "../../../core/findings";
import type { TableKind } from "../../../core/tables/types";
import { plural, severityCount, stringsFor } from "../../strings";
import { SeverityIcon } from "../SeverityIcon";
import { useSummaryStyles } from "./Summary.styles";
import type { SummaryProps } from "./Summary.types";

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const KIND_ORDER: readonly TableKind[] = ["imputation", "depense", "repartition", "convention", "liste"];

/** Errors · warnings · infos (and the ranges not checked, when there are), then the tables found by kind. */
export function Summary(props: SummaryProps): React.JSX.Element {
  const { lang, summary, tables, ignored = 0, unread = 0, shown, onToggle } = props;
  const strings = stringsFor(lang);
  const styles = useSummaryStyles();
  const counts: Record<Severity, number> = { error: summary.errors, warning: summary.warnings, info: summary.infos };
  const byKind = KIND_ORDER.map((kind) => [kind, tables.filter((t) => t.kind === kind).length] as const).filter(([, n]) => n > 0);
  const headingId = props.headingId ?? "pointage-summary-heading";
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading} tabIndex={-1}>
        {strings.summaryHeading}
      </h2>
      <ul className={styles.counts}>
        {SEVERITIES.map((severity) => (
          <li key={severity} className={mergeClasses(styles.count, styles[severity])}>
            {shown && onToggle ? (
              // The counts are the list's filters: pressed shows that severity's cards.
              <ToggleButton
                size="small"
                appearance="subtle"
                checked={shown[severity]}
                icon={<SeverityIcon severity={severity} />}
                title={(shown[severity] ? strings.reviewFilterOn : strings.reviewFilterOff)(severityCount(severity, counts[severity], lang))}
                onClick={() => onToggle(severity)}
              >
                {severityCount(severity, counts[severity], lang)}
              </ToggleButton>
            ) : (
              <>
                <SeverityIcon severity={severity} />
                {severityCount(severity, counts[severity], lang)}
              </>
            )}
          </li>
        ))}
        {unread > 0 && (
          <li className={mergeClasses(styles.count, styles.unread)}>
            <SeverityIcon severity="warning" />
            {strings.unreadCount(unread)}
          </li>
        )}
      </ul>
      <p className={styles.tables}>{strings.tablesFound(tables.length)}</p>
      {byKind.length > 0 && (
        <ul className={styles.kinds}>
          {byKind.map(([kind, n]) => (
            <li key={kind}>{plural(n, strings.tableKinds[kind], lang)}</li>
          ))}
        </ul>
      )}
      {ignored > 0 && <p className={styles.ignored}>{strings.ignoredBySettings(ignored)}</p>}
    </section>
  );
}
