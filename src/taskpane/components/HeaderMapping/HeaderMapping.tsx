import * as React from "react";
import { Button, Dropdown, Field, Input, Option } from "@fluentui/react-components";
import { COLUMN_ROLES, type ColumnRole } from "../../../core/settings";
import { stringsFor } from "../../strings";
import { useHeaderMappingStyles } from "./HeaderMapping.styles";
import type { HeaderMappingProps } from "./HeaderMapping.types";
import { isColumnRole, useHeaderMapping } from "./useHeaderMapping";

/** Tells Pointage which column is which in this workbook: « Montant voté » → CP. */
export function HeaderMapping(props: HeaderMappingProps): React.JSX.Element {
  const { lang, headerMap, disabled = false, onRemove, headingLevel = 3 } = props;
  const SavedHeading = headingLevel === 4 ? "h4" : "h3";
  const strings = stringsFor(lang);
  const styles = useHeaderMappingStyles();
  const state = useHeaderMapping(props);
  const entries = Object.entries(headerMap) as [string, ColumnRole][];
  return (
    <div className={styles.root}>
      <form className={styles.form} onSubmit={state.submit} noValidate>
        <Field
          label={strings.mappingHeader}
          hint={strings.mappingHeaderHint}
          validationMessage={state.headerError}
          validationState={state.headerError ? "error" : "none"}
        >
          <Input value={state.header} onChange={(_, data) => state.setHeader(data.value)} disabled={disabled} />
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
