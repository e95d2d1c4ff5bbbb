import { makeStyles, tokens } from "@fluentui/react-components";

export const useHeaderMappingStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  dropdown: { minWidth: "0", width: "100%" },
  submit: { alignSelf: "flex-start" },
  savedHeading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  saved: { margin: 0, padding: 0, listStyleType: "none", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  mapping: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
    overflowWrap: "anywhere",
  },
  suggestions: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  suggestionsLabel: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  suggestionsHint: { margin: 0, color: tokens.colorNeutralForeground2 },
  suggestionList: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, margin: 0, padding: 0, listStyleType: "none" },
  suggestion: { maxWidth: "100%", overflowWrap: "anywhere" },
  none: { margin: 0, color: tokens.colorNeutralForeground2 },
});
