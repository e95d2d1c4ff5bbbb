import type { Lang } from "../../../core/findings";
import type { FileHost, FileViewState } from "../../fileHost";

export interface WebPageProps {
  lang: Lang;
  /** Hands a file to the user; a download link by default (tests pass a spy). */
  download?: (blob: Blob, fileName: string) => void;
  /** Forces a theme instead of following `prefers-color-scheme`. */
  theme?: "light" | "dark";
}

export interface WebPageNotice {
  intent: "success" | "error" | "info";
  text: string;
}

export interface WebPageState {
  host?: FileHost;
  /** Changes with every file chosen, so that the pane starts afresh. */
  fileKey: number;
  view: FileViewState;
  opening: boolean;
  notice?: WebPageNotice;
  inputRef: React.RefObject<HTMLInputElement>;
  chooseFile: () => void;
  openFile: (file: File) => Promise<void>;
  onInputChange: (event: React.ChangeEvent<HTMLInputElement>) => void;
  onDrop: (event: React.DragEvent) => void;
  onDragOver: (event: React.DragEvent) => void;
  download: () => Promise<void>;
  /** Which view a narrow screen shows: the findings or the grid. */
  narrowView: "list" | "grid";
  setNarrowView: (view: "list" | "grid") => void;
  /** The marked cell last clicked in the grid, whose card the pane selects. */
  focusCell?: { sheet: string; cell: string; seq: number };
  onMarkClick: (sheet: string, cell: string) => void;
}
