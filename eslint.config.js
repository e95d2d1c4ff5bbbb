// ESLint flat config: typescript-eslint, Office's own rules on the Office.js adapter, and the
// boundaries of STYLE.md (the engine imports no host; components import no adapter).
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");
const officeAddins = require("eslint-plugin-office-addins");
const globals = require("globals");

const officeRules = {
  "office-addins/call-sync-after-load": "error",
  "office-addins/call-sync-before-read": "error",
  "office-addins/load-object-before-read": "error",
  "office-addins/no-context-sync-in-loop": "error",
  "office-addins/no-empty-load": "error",
  "office-addins/no-navigational-load": "error",
  "office-addins/no-office-initialize": "error",
  "office-addins/test-for-null-using-isNullObject": "error",
};

module.exports = tseslint.config(
  { ignores: ["dist/", "lib/", "coverage/", "node_modules/", "test-results/", ".bench-build/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: ["exceljs", "react", "fs", "path", "os", "child_process"], patterns: ["../excel/*", "../file/*", "../taskpane/*", "node:*"] }],
      "no-restricted-globals": ["error", "Office", "Excel", "window", "document", "process"],
    },
  },
  {
    // Bytes in, bytes out: the file adapter runs in the browser page too.
    files: ["src/file/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: ["fs", "path", "os", "child_process"], patterns: ["node:*", "../excel/*", "../taskpane/*"] }],
      "no-restricted-globals": ["error", "Office", "Excel", "process"],
    },
  },
  {
    files: ["src/taskpane/components/**/*.{ts,tsx}", "src/web/components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["**/excel", "**/excel/*", "**/file", "**/file/*", "exceljs"] }],
      "no-restricted-globals": ["error", "Office", "Excel"],
    },
  },
  {
    files: ["src/excel/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: officeRules,
  },
);
