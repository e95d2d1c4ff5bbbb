/** The built-in templates, in the order `pointage templates` lists them. */
import { rapport } from "./rapport";
import type { BuiltinTemplate } from "./types";

export const BUILTINS: readonly BuiltinTemplate[] = [rapport];
