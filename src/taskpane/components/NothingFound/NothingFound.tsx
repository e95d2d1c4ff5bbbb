import * as React from "react";
import { stringsFor } from "../../strings";
import { useNothingFoundStyles } from "./NothingFound.styles";
import type { NothingFoundProps } from "./NothingFound.types";

/** No table recognised: what Pointage looks for, and the header mapping to teach it. */
export function NothingFound({ lang, children }: NothingFoundProps): React.JSX.Element {
  const strings = stringsFor(lang);
  const styles = useNothingFoundStyles();
  return (
    <section className={styles.root} aria-labelledby="pointage-nothing-heading">
      <h2 id="pointage-nothing-heading" className={styles.heading}>
        {strings.nothingTitle}
      </h2>
      <p className={styles.paragraph}>{strings.nothingIntro}</p>
      <ul className={styles.kinds}>
        {strings.nothingKinds.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className={styles.paragraph}>{strings.nothingMapping}</p>
      <h3 className={styles.mappingHeading}>{strings.mappingHeading}</h3>
      {children}
    </section>
  );
}
