export { ConfirmFixDialog } from "./ConfirmFixDialog";
export type { ConfirmFixDialogProps } from "./ConfirmFixDialog.types";
