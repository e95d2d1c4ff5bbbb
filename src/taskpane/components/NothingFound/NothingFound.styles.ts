import { makeStyles, tokens } from "@fluentui/react-components";

export const useNothingFoundStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase400 },
  paragraph: { margin: 0 },
  kinds: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  mappingHeading: { margin: 0, marginBlockStart: tokens.spacingVerticalM, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});
