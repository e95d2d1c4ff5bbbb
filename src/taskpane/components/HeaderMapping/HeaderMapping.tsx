import * as React from "react";
import { Button, Dropdown, Field, Input, Option, ToggleButton, useId } from "@fluentui/react-components";
import { COLUMN_ROLES, type ColumnRole } from "../../../core/settings";
import { stringsFor } from "../../strings";
import { useHeaderMappingStyles } from "./HeaderMapping.styles";
import type { HeaderMappingProps } from "./HeaderMapping.types";
import { isColumnRole, useHeaderMapping } from "./useHeaderMapping";

/** Tells Pointage which column is which in this workbook: « Montant voté » → CP. */
export function HeaderMapping(props: HeaderMappingProps): React.JSX.Element {
  const { lang, headerMap, disabled = false, onRemove, headingLevel = 3, suggestions = [], autoFocus = false } = props;
  const SavedHeading = headingLevel === 4 ? "h4" : "h3";
  const strings = stringsFor(lang);
  const styles = useHeaderMappingStyles();
  const state = useHeaderMapping(props);
  const entries = Object.entries(headerMap) as [string, ColumnRole][];
  const suggestionsId = useId("pointage-suggestions");
  return (
    <div className={styles.root}>
      <form className={styles.form} onSubmit={state.submit} noValidate>
        {suggestions.length > 0 && (
          <div className={styles.suggestions} role="group" aria-labelledby={suggestionsId}>
            <p id={suggestionsId} className={styles.suggestionsLabel}>
              {strings.mappingSuggested}
            </p>
            <p className={styles.suggestionsHint}>{strings.mappingSuggestedHint}</p>
            <ul className={styles.suggestionList}>
              {suggestions.map((h) => (
                <li key={h}>
                  <ToggleButton
                    className={styles.suggestion}
                    size="small"
                    shape="circular"
                    checked={state.header.trim() === h}
                    disabled={disabled}
                    onClick={() => state.setHeader(h)}
                  >
                    {h}
                  </ToggleButton>
                </li>
              ))}
            </ul>
          </div>
        )}
        <Field
          label={strings.mappingHeader}
          hint={strings.mappingHeaderHint}
          validationMessage={state.headerError}
          validationState={state.headerError ? "error" : "none"}
        >
          {/* Focus comes here only when the user asked for this form (« Associer les en-têtes »). */}
          <Input value={state.header} onChange={(_, data) => state.setHeader(data.value)} disabled={disabled} autoFocus={autoFocus} />
        </Field>
        <Field label={strings.mappingRole} validationMessage={state.roleError} validationState={state.roleError ? "error" : "none"}>
          <Dropdown
            className={styles.dropdown}
            placeholder={strings.mappingRolePlaceholder}
            value={state.role ? strings.roles[state.role] : ""}
            selectedOptions={state.role ? [state.role] : []}
            onOptionSelect={(_, data) => state.setRole(isColumnRole(data.optionValue) ? data.optionValue : undefined)}
            disabled={disabled}
          >
            {COLUMN_ROLES.map((role) => (
              <Option key={role} value={role}>
                {strings.roles[role]}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Button className={styles.submit} type="submit" appearance="primary" disabled={disabled}>
          {strings.mappingSave}
        </Button>
      </form>
      <SavedHeading className={styles.savedHeading}>{strings.mappingSaved}</SavedHeading>
      {entries.length === 0 ? (
        <p className={styles.none}>{strings.mappingNone}</p>
      ) : (
        <ul className={styles.saved}>
          {entries.map(([header, role]) => (
            <li key={header} className={styles.mapping}>
              <span>
                {header} → {strings.roles[role]}
              </span>
              <Button size="small" appearance="subtle" disabled={disabled} aria-label={strings.mappingRemove(header)} onClick={() => onRemove(header)}>
                {strings.mappingRemoveLabel}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
