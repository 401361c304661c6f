import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", ".data/**", "node_modules/**", ".shot*.mjs", "next-env.d.ts", "test-results/**", "playwright-report/**", "db/migrations/**"] },
];
export default config;
