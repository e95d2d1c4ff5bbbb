import type { Severity } from "../../../core/findings";

export interface SeverityIconProps {
  severity: Severity;
}
