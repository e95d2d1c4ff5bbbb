import { makeStyles, tokens } from "@fluentui/react-components";

export const useTemplatesStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  paragraph: { margin: 0 },
  // A line's label is long: the select keeps to the column and the option shows in full when open.
  select: { minWidth: 0, maxWidth: "100%" },
  hint: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  fields: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  fieldCell: {
    textAlign: "start",
    verticalAlign: "top",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: "anywhere",
  },
  sentence: { display: "block", color: tokens.colorNeutralForeground2, fontStyle: "italic" },
  placeholder: { fontFamily: tokens.fontFamilyMonospace },
  problems: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});
