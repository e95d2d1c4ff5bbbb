import type { Finding, Lang } from "../../../core/findings";

export interface ConfirmFixDialogProps {
  /** The finding whose fix waits for confirmation; the dialog is open while it is set. */
  finding?: Finding;
  lang: Lang;
  onConfirm: () => void;
  onCancel: () => void;
}
