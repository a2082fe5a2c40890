import root from "../../eslint.config.js";

export default [
  ...root,
  {
    // Command-line entry points read their configuration from the environment, like env.ts.
    files: ["src/cli/**/*.ts"],
    rules: { "no-restricted-properties": "off" },
  },
];
