import * as React from "react";
import { mergeClasses } from "@fluentui/react-components";
import { ErrorCircle16Filled, Info16Filled, Warning16Filled } from "@fluentui/react-icons";
import { useSeverityIconStyles } from "./SeverityIcon.styles";
import type { SeverityIconProps } from "./SeverityIcon.types";

const ICONS = { error: ErrorCircle16Filled, warning: Warning16Filled, info: Info16Filled } as const;

/** The severity's icon: a shape as well as a colour. Decorative: the text next to it says the severity. */
export function SeverityIcon({ severity }: SeverityIconProps): React.JSX.Element {
  const styles = useSeverityIconStyles();
  const Icon = ICONS[severity];
  return <Icon aria-hidden="true" className={mergeClasses(styles.root, styles[severity])} />;
}
