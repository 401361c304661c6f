// Direct database access for assertions ("nothing changed"), never for set-up shortcuts.
import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { E2E_DB_URL_FILE } from "./paths";

export function e2eDatabaseUrl(): string {
  const raw = readFileSync(E2E_DB_URL_FILE, "utf8").trim();
  if (!raw.startsWith("embedded:")) return raw;
  const [, dataDir, port] = raw.split(":");
  const { pgPassword } = JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as { pgPassword: string };
  return `postgres://postgres:${encodeURIComponent(pgPassword)}@127.0.0.1:${port}/postgres`;
}

export function e2eSql() {
  return postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
}
