/** Tests run from TypeScript sources; type checking is `npm run build`'s job, so ts-jest only transpiles. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: { isolatedModules: true }, diagnostics: false }] },
  setupFiles: ["<rootDir>/tests/setup-env.ts"],
  testTimeout: 60000,
  reporters: ["default", "<rootDir>/tests/summary-reporter.js"],
};
