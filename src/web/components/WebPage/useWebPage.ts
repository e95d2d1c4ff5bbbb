import { useCallback, useRef, useState, useSyncExternalStore } from "react";
import { createFileHost, type FileHost, type FileViewState } from "../../fileHost";
import { isHostError } from "../../../taskpane/checkView";
import { stringsFor } from "../../../taskpane/strings";
import type { WebPageNotice, WebPageProps, WebPageState } from "./WebPage.types";

const EMPTY_VIEW: FileViewState = { marks: [], marksVisible: true, findings: [], checked: false, unread: [] };
const noSubscribe = (): (() => void) => () => undefined;

/** The page's state: the chosen file's host, its view for the grid, and the download. */
export function useWebPage(props: WebPageProps): WebPageState {
  const { lang, download: downloadFile } = props;
  const strings = stringsFor(lang);
  const [host, setHost] = useState<FileHost | undefined>();
  const [fileKey, setFileKey] = useState(0);
  const [opening, setOpening] = useState(false);
  const [notice, setNotice] = useState<WebPageNotice | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);

  const view = useSyncExternalStore(host?.subscribe ?? noSubscribe, host?.getState ?? (() => EMPTY_VIEW));

  const openFile = useCallback(
    async (file: File) => {
      setOpening(true);
      setNotice(undefined);
      // The previous file's name, grid and download go at once: nothing of it is left beside the new one.
      setHost(undefined);
      try {
        // The file is read here, in the page: its bytes go nowhere else.
        const bytes = new Uint8Array(await file.arrayBuffer());
        setHost(createFileHost(bytes, file.name, { lang, download: downloadFile }));
        setFileKey((k) => k + 1);
      } catch (e) {
        setNotice({ intent: "error", text: e instanceof Error ? e.message : String(e) });
      } finally {
        setOpening(false);
      }
    },
    [downloadFile, lang],
  );

  const chooseFile = useCallback(() => inputRef.current?.click(), []);

  const onInputChange = useCallback(
    (event: React.ChangeEvent<HTMLInputElement>) => {
      const file = event.target.files?.[0];
      if (file) void openFile(file);
      // Choosing the same file again must open it again.
      event.target.value = "";
    },
    [openFile],
  );

  const onDragOver = useCallback((event: React.DragEvent) => {
    if (event.dataTransfer.types.includes("Files")) event.preventDefault();
  }, []);

  const onDrop = useCallback(
    (event: React.DragEvent) => {
      const file = event.dataTransfer.files?.[0];
      if (!file) return;
      event.preventDefault();
      void openFile(file);
    },
    [openFile],
  );

  const download = useCallback(async () => {
    if (!host) return;
    setNotice(undefined);
    try {
      const name = await host.downloadCheckedCopy();
      setNotice({ intent: "success", text: strings.webDownloadDone(name) });
    } catch (e) {
      setNotice({ intent: "error", text: isHostError(e) ? e.message : `${strings.genericError} (${e instanceof Error ? e.message : String(e)})` });
    }
  }, [host, strings]);

  // On a phone the list and the grid are two views: « Aller à la cellule » shows the grid.
  // A selection newer than the user's last choice shows the grid in the same render as the
  // selection itself, so that the grid is visible when it scrolls to the cell.
  const [choice, setChoice] = useState<{ view: "list" | "grid"; seq?: number }>({ view: "list" });
  const [focusCell, setFocusCell] = useState<{ sheet: string; cell: string; seq: number } | undefined>();
  const selectionSeq = view.selection?.seq;
  const narrowView = selectionSeq !== undefined && selectionSeq !== choice.seq ? "grid" : choice.view;
  const setNarrowView = useCallback((next: "list" | "grid") => setChoice({ view: next, seq: selectionSeq }), [selectionSeq]);
  const onMarkClick = useCallback(
    (sheet: string, cell: string) => {
      setFocusCell((old) => ({ sheet, cell, seq: (old?.seq ?? 0) + 1 }));
      setChoice({ view: "list", seq: selectionSeq });
    },
    [selectionSeq],
  );

  return {
    host,
    fileKey,
    view,
    opening,
    notice,
    inputRef,
    chooseFile,
    openFile,
    onInputChange,
    onDrop,
    onDragOver,
    download,
    narrowView,
    setNarrowView,
    focusCell,
    onMarkClick,
  };
}
