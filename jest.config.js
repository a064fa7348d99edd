/** Tests run from TypeScript sources; type checking is `npm run build`'s job, so ts-jest only transpiles. */
module.exports = {
  testEnvironment: "node",
  // bench/tests: the bench's own code (report, timeline, scenarios at a tiny scale), not its measurements.
  roots: ["<rootDir>/tests", "<rootDir>/bench"],
  // Projects the engine suites and the bench leave behind (BENCH_KEEP=1) hold package copies.
  modulePathIgnorePatterns: ["/\\.work/"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: { isolatedModules: true }, diagnostics: false }] },
  setupFiles: ["<rootDir>/tests/setup-env.ts"],
  testTimeout: 60000,
  reporters: ["default", "<rootDir>/tests/summary-reporter.js"],
};
