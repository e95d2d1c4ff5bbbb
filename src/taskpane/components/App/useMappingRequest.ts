import { useCallback, useState } from "react";

/** « Associer les en-têtes » asked for these headers; `seq` changes on every request (a new form). */
export interface MappingRequest {
  headers: readonly string[];
  seq: number;
}

export interface MappingRequestState {
  request?: MappingRequest;
  /** The « Correspondance des en-têtes » section is open. */
  open: boolean;
  setOpen: (open: boolean) => void;
  /** Opens the header mapping with these headers offered, the first one filled in. */
  ask: (headers: readonly string[]) => void;
}

/** Which headers the header mapping offers, and whether its section is open. */
export function useMappingRequest(): MappingRequestState {
  const [request, setRequest] = useState<MappingRequest | undefined>();
  const [open, setOpen] = useState(false);
  const ask = useCallback((headers: readonly string[]) => {
    setRequest((previous) => ({ headers: [...headers], seq: (previous?.seq ?? 0) + 1 }));
    setOpen(true);
  }, []);
  return { request, open, setOpen, ask };
}
