import { useCallback, useState } from "react";
import { COLUMN_ROLES, type ColumnRole } from "../../../core/settings";
import { stringsFor } from "../../strings";
import type { HeaderMappingProps, HeaderMappingState } from "./HeaderMapping.types";

export function isColumnRole(value: string | undefined): value is ColumnRole {
  return value !== undefined && (COLUMN_ROLES as readonly string[]).includes(value);
}

/** The form's fields and their validation; saving goes to `onSave`. */
export function useHeaderMapping(props: HeaderMappingProps): HeaderMappingState {
  const { lang, onSave, suggestions } = props;
  const strings = stringsFor(lang);
  const [header, setHeaderValue] = useState(() => suggestions?.[0] ?? "");
  const [role, setRoleValue] = useState<ColumnRole | undefined>();
  const [headerError, setHeaderError] = useState<string | undefined>();
  const [roleError, setRoleError] = useState<string | undefined>();

  const setHeader = useCallback((value: string) => {
    setHeaderValue(value);
    setHeaderError(undefined);
  }, []);
  const setRole = useCallback((value: ColumnRole | undefined) => {
    setRoleValue(value);
    setRoleError(undefined);
  }, []);

  const submit = useCallback(
    (event: { preventDefault(): void }) => {
      event.preventDefault();
      const typed = header.trim();
      setHeaderError(typed ? undefined : strings.mappingHeaderRequired);
      setRoleError(role ? undefined : strings.mappingRoleRequired);
      if (!typed || !role) return;
      onSave(typed, role);
      setHeaderValue("");
      setRoleValue(undefined);
    },
    [header, onSave, role, strings],
  );

  return { header, role, headerError, roleError, setHeader, setRole, submit };
}
