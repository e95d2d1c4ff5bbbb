import { makeStyles, tokens } from "@fluentui/react-components";

export const useReviewListStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase400 },
  nav: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  position: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  items: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: "none" },
  current: { outlineWidth: tokens.strokeWidthThick, outlineStyle: "solid", outlineColor: tokens.colorBrandStroke1 },
  card: {
    ":focus-visible": { outlineWidth: tokens.strokeWidthThick, outlineStyle: "solid", outlineColor: tokens.colorStrokeFocus2 },
  },
  rules: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  resolved: { margin: 0, padding: 0, listStyleType: "none", color: tokens.colorStatusSuccessForeground1, fontSize: tokens.fontSizeBase200 },
  empty: { margin: 0, color: tokens.colorNeutralForeground2 },
});
