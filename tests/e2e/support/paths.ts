import path from "node:path";

export const E2E_STATE_DIR = path.join(process.cwd(), "test-results", ".e2e");
export const E2E_DB_URL_FILE = path.join(E2E_STATE_DIR, "db-url");
