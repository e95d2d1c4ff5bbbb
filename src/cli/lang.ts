import type { Lang } from "../core/findings";

/**
 * The language asked for (`--lang en`, `--lang=en`), read from the raw arguments before they are
 * parsed: an error in the options themselves is then told in that language. French otherwise.
 */
export function langOf(argv: readonly string[]): Lang {
  const at = argv.indexOf("--lang");
  return (at >= 0 && argv[at + 1] === "en") || argv.includes("--lang=en") ? "en" : "fr";
}
