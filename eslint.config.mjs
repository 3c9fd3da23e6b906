import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // Learners' wrong and alternative solutions are fixtures: they are graded, not linted.
    files: ["lab/**/wrong/**", "lab/**/correct/**", "lab/**/starter.ts"],
    rules: { "@typescript-eslint/no-unused-vars": "off" },
  },
];

export default config;
