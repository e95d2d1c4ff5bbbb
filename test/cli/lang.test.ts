/* The one reading of `--lang` the three commands share, before their options are parsed. */
import { langOf } from "../../src/cli/lang";

test.each([
  [["check", "a.xlsx", "--lang", "en"], "en"],
  [["--lang=en", "lettres", "5"], "en"],
  [["fill", "--lang", "fr"], "fr"],
  [["check", "a.xlsx"], "fr"],
  // `--lang` last, with no value, and a file named `en` elsewhere: French.
  [["check", "en", "--lang"], "fr"],
  [["check", "--lang", "de"], "fr"],
])("langOf(%j) is %s", (argv, lang) => {
  expect(langOf(argv)).toBe(lang);
});
