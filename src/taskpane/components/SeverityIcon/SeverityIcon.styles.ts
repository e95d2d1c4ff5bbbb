import { makeStyles, tokens } from "@fluentui/react-components";

export const useSeverityIconStyles = makeStyles({
  root: { flexShrink: 0, fontSize: "16px" },
  error: { color: tokens.colorStatusDangerForeground1 },
  warning: { color: tokens.colorStatusWarningForeground3 },
  info: { color: tokens.colorBrandForeground1 },
});
