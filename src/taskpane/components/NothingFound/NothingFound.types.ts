import type * as React from "react";
import type { Lang } from "../../../core/findings";

export interface NothingFoundProps {
  lang: Lang;
  /** The header mapping form. */
  children?: React.ReactNode;
}
