import * as React from "react";
import { stringsFor } from "../../strings";
import { FindingItem } from "../FindingItem";
import { useFindingListStyles } from "./FindingList.styles";
import type { FindingListProps } from "./FindingList.types";
import { useFindingList } from "./useFindingList";
import { findingKey } from "../../../core/settings";

/** The findings, under one heading per sheet and one per table. */
export function FindingList(props: FindingListProps): React.JSX.Element {
  const { lang, fixOf, disabled = false, onGoTo, onFix, onIgnore } = props;
  const strings = stringsFor(lang);
  const styles = useFindingListStyles();
  const { sheets } = useFindingList(props);
  return (
    <section className={styles.root} aria-labelledby="pointage-findings-heading">
      <h2 id="pointage-findings-heading" className={styles.heading}>
        {strings.findingsHeading}
      </h2>
      {sheets.map((sheet, s) => (
        <section key={sheet.sheet} className={styles.sheet} aria-labelledby={`pointage-sheet-${s}`}>
          <h3 id={`pointage-sheet-${s}`} className={styles.sheetHeading}>
            {strings.sheetHeading(sheet.sheet)}
          </h3>
          {sheet.groups.map((group, g) => (
            <div key={group.table?.id ?? ""} className={styles.table}>
              <h4 id={`pointage-sheet-${s}-table-${g}`} className={styles.tableHeading}>
                {group.table ? strings.tableHeading(group.table.kind, group.table.range) : strings.otherFindings}
              </h4>
              <ul className={styles.items} aria-labelledby={`pointage-sheet-${s}-table-${g}`}>
                {group.findings.map((f) => (
                  <FindingItem
                    key={`${findingKey(f)}|${f.messageId}`}
                    finding={f}
                    lang={lang}
                    fix={fixOf(f)}
                    disabled={disabled}
                    onGoTo={onGoTo}
                    onFix={onFix}
                    onIgnore={onIgnore}
                  />
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </section>
  );
}
