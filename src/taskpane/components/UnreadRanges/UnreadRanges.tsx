import * as React from "react";
import { Button, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { Open16Regular, TableSettings16Regular } from "@fluentui/react-icons";
import type { UnreadSummary } from "../../../core/engine";
import type { Lang } from "../../../core/findings";
import { rangeWhere, unmatchedHeaders, unreadDomId } from "../../checkView";
import { stringsFor } from "../../strings";
import { useUnreadRangesStyles } from "./UnreadRanges.styles";
import type { UnreadRangesProps } from "./UnreadRanges.types";

/** Why a range was not checked, in plain words. */
export function unreadReasonText(u: UnreadSummary, lang: Lang): string {
  const strings = stringsFor(lang);
  switch (u.reason) {
    case "no-header":
      return u.headers.some((h) => h.trim() !== "") ? strings.unreadNoHeader : strings.unreadNoHeaderRow;
    case "partial-header":
      return strings.unreadPartial(u.roles.map((r) => strings.roles[r]));
    case "nothing-to-check":
      return strings.unreadNothingToCheck;
  }
}

/**
 * The ranges holding numbers that no check covered, each said as a warning with where it is, why,
 * the headers seen, « Aller à la plage » and, when a mapping can help, « Associer les en-têtes ».
 * Headers are workbook data: rendered as text.
 */
export function UnreadRanges(props: UnreadRangesProps): React.JSX.Element | null {
  const { lang, unread, headerMap, disabled = false, onGoTo, onMap, headingLevel = 2 } = props;
  const strings = stringsFor(lang);
  const styles = useUnreadRangesStyles();
  if (unread.length === 0) return null;
  const Heading = headingLevel === 3 ? "h3" : "h2";
  const headingId = "pointage-unread-heading";
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Heading id={headingId} className={styles.heading}>
        {strings.unreadHeading(unread.length)}
      </Heading>
      <p className={styles.intro}>{strings.unreadIntro}</p>
      <ul className={styles.items}>
        {unread.map((u) => {
          const where = rangeWhere(u);
          const titleId = unreadDomId(u, "title");
          const seen = u.headers.map((h) => h.trim()).filter((h) => h !== "");
          const toMap = unmatchedHeaders(u, headerMap);
          const mappable = u.reason !== "nothing-to-check" && seen.length > 0;
          return (
            <li key={`${u.sheet}|${u.range}`} aria-labelledby={titleId}>
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle id={titleId} className={styles.where}>
                    {where}
                  </MessageBarTitle>
                  <p className={styles.paragraph}>{unreadReasonText(u, lang)}</p>
                  {seen.length > 0 && <p className={styles.headers}>{strings.unreadHeadersSeen(seen)}</p>}
                  <div className={styles.actions}>
                    <Button
                      size="small"
                      icon={<Open16Regular />}
                      disabled={disabled}
                      aria-label={strings.actionOnRange(strings.goToRange, where)}
                      onClick={() => onGoTo(u)}
                    >
                      {strings.goToRange}
                    </Button>
                    {mappable && (
                      <Button
                        size="small"
                        icon={<TableSettings16Regular />}
                        disabled={disabled}
                        aria-label={strings.actionOnRange(strings.mapHeaders, where)}
                        onClick={() => onMap(u, toMap.length ? toMap : seen)}
                      >
                        {strings.mapHeaders}
                      </Button>
                    )}
                  </div>
                </MessageBarBody>
              </MessageBar>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
