import * as React from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button } from "@fluentui/react-components";
import { ArrowUndo16Regular } from "@fluentui/react-icons";
import { findingKey } from "../../../core/settings";
import { whereOf } from "../../checkView";
import { stringsFor } from "../../strings";
import { useIgnoredFindingsStyles } from "./IgnoredFindings.styles";
import type { IgnoredFindingsProps } from "./IgnoredFindings.types";

/** « Remarques ignorées (N) »: the findings the workbook's settings hide, each restorable. */
export function IgnoredFindings(props: IgnoredFindingsProps): React.JSX.Element {
  const { findings, lang, headerId, disabled = false, onRestore } = props;
  const strings = stringsFor(lang);
  const styles = useIgnoredFindingsStyles();
  return (
    <Accordion collapsible>
      <AccordionItem value="ignored">
        <AccordionHeader as="h2" button={{ id: headerId }}>
          {strings.ignoredHeading(findings.length)}
        </AccordionHeader>
        <AccordionPanel>
          <p className={styles.explain}>{strings.ignoredExplain}</p>
          <ul className={styles.items}>
            {findings.map((f) => (
              <li key={`${findingKey(f)}|${f.messageId}`} className={styles.item}>
                <div className={styles.text}>
                  <span className={styles.where}>
                    {whereOf(f)} · {f.rule}
                  </span>
                  <p className={styles.message}>{f.message}</p>
                </div>
                <Button
                  size="small"
                  icon={<ArrowUndo16Regular />}
                  disabled={disabled}
                  aria-label={strings.actionOn(strings.restore, f.rule, f.cell)}
                  onClick={() => onRestore(f)}
                >
                  {strings.restore}
                </Button>
              </li>
            ))}
          </ul>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
