import { makeStyles, tokens } from "@fluentui/react-components";

export const useAppStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    paddingBlock: tokens.spacingVerticalL,
    paddingInline: tokens.spacingHorizontalL,
    // Fills the page below the pane's content (the entry makes the provider a flex column).
    flexGrow: 1,
    boxSizing: "border-box",
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  tagline: { margin: 0, color: tokens.colorNeutralForeground2 },
  run: { alignSelf: "flex-start" },
  paragraph: { margin: 0 },
  hint: { margin: 0, color: tokens.colorNeutralForeground2 },
  progress: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  detail: {
    margin: 0,
    marginBlockStart: tokens.spacingVerticalXS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
  },
  failures: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  toolbar: { flexWrap: "wrap", paddingInline: 0, gap: tokens.spacingHorizontalXS },
  noFindings: {
    margin: 0,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorStatusSuccessBackground1,
    color: tokens.colorStatusSuccessForeground1,
  },
});
