import type { Lang } from "../../../core/findings";
import type { HostApi } from "../../../host/HostApi";

export interface TemplatesProps {
  /** The workbook: read for its tables and template sheets, written through `applyFillPlan`. */
  host: HostApi;
  /** @default "fr" */
  lang?: Lang;
  /** The web page's name for the downloaded copy (`NOM.rempli.xlsx`), said once a fill is done. */
  downloadName?: string;
  /** The heading level of the panel's sections. @default 2 */
  headingLevel?: 2 | 3;
}
