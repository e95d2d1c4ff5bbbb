/** How the grid shows a cell: its value, formatted roughly as Excel would for common formats. */
import { serialDate } from "../../../core/address";
import type { Lang } from "../../../core/findings";
import { formatPercent } from "../../../core/format";
import type { CellValue } from "../../../core/model";
import { formatDecimals, isDateFormat } from "../../../core/numbers";

/** Decimals a number format asks for: `#,##0.00 €` → 2, `0%` → 0, `General` → undefined. */
function decimalsOf(format: string): number | undefined {
  return formatDecimals(format) ?? undefined;
}

function dateText(serial: number, lang: Lang): string {
  const date = serialDate(serial);
  const dd = String(date.getUTCDate()).padStart(2, "0");
  const mm = String(date.getUTCMonth() + 1).padStart(2, "0");
  return lang === "fr" ? `${dd}/${mm}/${date.getUTCFullYear()}` : `${date.getUTCFullYear()}-${mm}-${dd}`;
}

export function cellText(value: CellValue | undefined, format: string | undefined, lang: Lang): string {
  if (value === undefined || value === "") return "";
  if (typeof value === "boolean") return lang === "fr" ? (value ? "VRAI" : "FAUX") : value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  const fmt = format ?? "General";
  if (fmt.includes("%")) return formatPercent(value * 100, decimalsOf(fmt) ?? 0, lang);
  if (fmt !== "General" && isDateFormat(fmt) && value > 0 && value < 2_958_466) return dateText(value, lang);
  const decimals = fmt === "General" || fmt === "@" ? undefined : decimalsOf(fmt);
  return new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-GB", {
    minimumFractionDigits: decimals ?? 0,
    maximumFractionDigits: decimals ?? 10,
    useGrouping: decimals !== undefined,
  }).format(value);
}
