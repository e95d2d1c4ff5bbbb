import { makeStyles, tokens } from "@fluentui/react-components";

export const useUnreadRangesStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase400 },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  items: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: "none" },
  where: { overflowWrap: "anywhere" },
  paragraph: { margin: 0 },
  headers: { margin: 0, marginBlockStart: tokens.spacingVerticalXXS, color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, marginBlockStart: tokens.spacingVerticalXS },
});
