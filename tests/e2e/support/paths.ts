import path from "node:path";

export const E2E_STATE_DIR = path.join(process.cwd(), "test-results", ".e2e");
export const E2E_DB_URL_FILE = path.join(E2E_STATE_DIR, "db-url");
// The settings the test server gave the app (data folder, keys, sign-in), for more instances of it.
export const E2E_APP_ENV_FILE = path.join(E2E_STATE_DIR, "app-env.json");
