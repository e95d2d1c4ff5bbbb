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

/** A host's or an entry's folder: src/core must not reach into it, from any depth. */
const HOST_FOLDERS = ["excel", "file", "taskpane", "web", "cli", "host", "commands", "functions"];

const CORE_IMPORT_PATTERNS = [
  {
    // Anything but ./x and ../x: an npm package (exceljs, jszip, @e965/xlsx, react, @fluentui/…,
    // @microsoft/office-js, jsdom) or a Node module (fs, path, node:fs…).
    // n2words' French module is pure JavaScript with no dependency (the amounts in words, lettres.ts).
    regex: "^(?!\\.\\.?/|n2words/fr-FR$)",
    message: "src/core is pure TypeScript: it imports no package and no Node module (fs, path, node:*, exceljs, jszip, @e965/xlsx, react, Office, jsdom…).",
  },
  {
    regex: `^\\.\\.?/(?:.*/)?(?:${HOST_FOLDERS.join("|")})(?:/|$)`,
    message: "src/core imports no host: the excel, file, taskpane, web, cli and host folders depend on the engine, never the other way.",
  },
];

/** Hosts' and platforms' globals: Office, the DOM, Node. */
const CORE_GLOBALS = ["Office", "Excel", "OfficeExtension", "window", "document", "navigator", "fetch", "XMLHttpRequest", "localStorage", "process", "Buffer", "require", "__dirname", "__filename"];

module.exports = tseslint.config(
  { ignores: ["dist/", "lib/", "coverage/", "node_modules/", "test-results/", ".bench-build/", ".docs-build/"] },
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
    // The engine is pure TypeScript (STYLE.md): it imports only its own modules, never a package
    // or a Node module, nor a host's folder at any depth (`../excel`, `../../file/x`).
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: CORE_IMPORT_PATTERNS }],
      "no-restricted-syntax": [
        "error",
        { selector: "ImportExpression", message: "src/core imports nothing at run time: no import()." },
        { selector: "CallExpression[callee.name='require']", message: "src/core imports nothing at run time: no require()." },
        { selector: "TSImportEqualsDeclaration", message: "src/core imports its own modules with import … from only." },
      ],
      "no-restricted-globals": ["error", ...CORE_GLOBALS],
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
