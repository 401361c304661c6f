// Secrets a fresh start needs are generated once into the data folder, so `npm start`
// needs no set-up and sessions survive restarts. Given values always win.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export type Secrets = { authSecret: string; actionsKey: string; pgPassword: string };

export function loadOrCreateSecrets(dataDir: string): Secrets {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Secrets;
  const secrets: Secrets = {
    authSecret: randomBytes(32).toString("base64url"),
    actionsKey: randomBytes(32).toString("base64"),
    pgPassword: randomBytes(18).toString("base64url"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
