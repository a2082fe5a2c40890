// One flat config for the whole workspace: type-aware typescript-eslint, React hooks rules in
// the web app, and a ban on process.env outside the files that own configuration.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";

/** The browser half: DOM globals and the React hooks rules, for apps/web. */
export const browserConfig = [
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
];

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/generated/**",
      "**/.turbo/**",
      "e2e/test-results/**",
      "e2e/playwright-report/**",
      "**/*.config.js",
      "scripts/**",
      "packages/db/scripts/**",
      "**/vite.config.ts",
      "**/vitest.config.ts",
      "**/tsup.config.ts",
      "**/prisma.config.ts",
      "e2e/playwright.config.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      "no-console": ["error", { allow: ["warn", "error"] }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration in env.ts only." },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "ExportAllDeclaration", message: "No barrel re-exports: export names explicitly." },
      ],
    },
  },
  {
    // The files that own configuration, and test/bench harnesses that configure child processes.
    // Patterns are relative to whichever package ESLint runs in, so none names a package path.
    files: ["**/src/env.ts", "**/testing/**", "**/*.test.ts", "**/bench/**", "**/*.spec.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Benchmarks report on stdout.
    files: ["**/bench/**"],
    rules: { "no-console": "off" },
  },
  {
    files: ["**/*.test.ts", "**/*.test.tsx", "**/*.spec.ts"],
    rules: {
      "no-console": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/unbound-method": "off",
    },
  },
);
