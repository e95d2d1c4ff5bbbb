/** Jest: node environment for the engine, the adapters and the CLI; jsdom for the task pane. */
const tsJest = ["ts-jest", { tsconfig: "tsconfig.json" }];
// n2words ships ES modules only: Jest (CommonJS here) compiles them like our own code.
const esmPackages = {
  transform: {
    "^.+\\.tsx?$": tsJest,
    "/node_modules/n2words/.+\\.js$": ["ts-jest", { tsconfig: { allowJs: true, module: "commonjs", target: "ES2020" } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!n2words/)"],
};

module.exports = {
  projects: [
    {
      displayName: "node",
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["<rootDir>/test/taskpane/", "<rootDir>/test/e2e/"],
      ...esmPackages,
    },
    {
      displayName: "taskpane",
      testEnvironment: "jsdom",
      testMatch: ["<rootDir>/test/taskpane/**/*.test.tsx"],
      setupFilesAfterEnv: ["<rootDir>/test/taskpane/jest.setup.ts"],
      ...esmPackages,
    },
  ],
};
