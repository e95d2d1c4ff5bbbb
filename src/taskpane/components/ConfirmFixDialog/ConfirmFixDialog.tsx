import * as React from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import { formatQuantity } from "../../../core/format";
import { whereOf } from "../../checkView";
import { stringsFor } from "../../strings";
import { fixText } from "../ReviewList";
import { useConfirmFixDialogStyles } from "./ConfirmFixDialog.styles";
import type { ConfirmFixDialogProps } from "./ConfirmFixDialog.types";

/** Says exactly what will be written where, before anything is. */
export function ConfirmFixDialog(props: ConfirmFixDialogProps): React.JSX.Element {
  const { finding, lang, onConfirm, onCancel } = props;
  const strings = stringsFor(lang);
  const styles = useConfirmFixDialogStyles();
  const fix = finding?.fix;
  const where = fix ? whereOf(fix) : "";
  const intro =
    fix?.formula !== undefined ? strings.confirmFormula : typeof fix?.value === "string" ? strings.confirmTextValue : strings.confirmValue;
  return (
    <Dialog open={!!fix} modalType="modal" onOpenChange={(_, data) => (data.open ? undefined : onCancel())}>
      <DialogSurface aria-describedby="pointage-confirm-content">
        <DialogBody>
          <DialogTitle>{strings.confirmTitle(where)}</DialogTitle>
          <DialogContent id="pointage-confirm-content" className={styles.content}>
            <p className={styles.paragraph}>{intro}</p>
            <code className={styles.written}>{fix ? fixText(fix) : ""}</code>
            <p className={styles.paragraph}>{strings.confirmWhere(where)}</p>
            {finding?.actual && (
              <p className={styles.current}>
                {strings.found}
                {lang === "fr" ? " : " : ": "}
                {formatQuantity(finding.actual, lang)}
              </p>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onConfirm}>
              {strings.confirmWrite}
            </Button>
            <Button appearance="secondary" onClick={onCancel}>
              {strings.cancel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
