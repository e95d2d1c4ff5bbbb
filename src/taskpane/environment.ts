/**
 * Office's display language and theme, translated once into the pane's own values. Plain
 * functions of plain values: the entry files read `Office.context` (or `matchMedia`) and pass
 * what they read; nothing here touches a global.
 */
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import type { Lang } from "../core/findings";

/** English when Office (or the browser) speaks English, French otherwise. */
export function langOf(displayLanguage: string | undefined | null): Lang {
  return displayLanguage && /^en\b/i.test(displayLanguage) ? "en" : "fr";
}

/** Whether a CSS colour (`#1F1F1F`, `#fff`) is dark: its relative luminance is under 0.18 (CIE L* 50, mid-grey). */
export function isDarkColor(color: string | undefined | null): boolean {
  if (!color) return false;
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return false;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const linear = (c: number): number => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b) < 0.18;
}

/** Fluent's light or dark theme, following Office's body background colour when Office gives one. */
export function themeFor(officeBodyBackground: string | undefined | null): Theme {
  return isDarkColor(officeBodyBackground) ? webDarkTheme : webLightTheme;
}
