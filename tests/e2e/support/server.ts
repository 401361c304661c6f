// The end-to-end tests' server: `npm start` (scripts/launch.ts) on a throw-away database,
// an embedded PostgreSQL in a temporary folder by default, or a fresh database on the server
// named by DATABASE_URL. It writes the database URL where the tests can read it, and removes
// everything it made when Playwright stops it. Before the app it starts a real OpenID Connect
// provider (./oidc-provider.ts) and configures the app's single sign-on for it.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { freePort } from "../../../db/embedded";
import { startOidcProvider, SSO_CLIENT, SSO_NAME } from "./oidc-provider";
import { E2E_APP_ENV_FILE, E2E_STATE_DIR, E2E_DB_URL_FILE } from "./paths";

// A fixed test key keeps one production build valid across runs (the key is part of the build).
const TEST_ACTIONS_KEY = "dGVzdC1vbmx5LWtleS1mb3ItemhvbmdzaHUtZTJlLSE=";

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "zs-e2e-"));
  mkdirSync(E2E_STATE_DIR, { recursive: true });
  // The app's address as the browser sees it: "localhost" throughout, or the redirect URI
  // registered with the provider would not match the one the app sends.
  const appUrl = `http://localhost:${process.env.PORT ?? 3000}`;
  const sso = await startOidcProvider({ port: await freePort(), appUrl });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ZHONGSHU_SSO_ISSUER: sso.issuer,
    ZHONGSHU_SSO_CLIENT_ID: SSO_CLIENT.id,
    ZHONGSHU_SSO_CLIENT_SECRET: SSO_CLIENT.secret,
    ZHONGSHU_SSO_NAME: SSO_NAME,
    // oidc-provider puts only `sub` in the ID token of a code flow: the profile comes from userinfo.
    ZHONGSHU_SSO_PROFILE: "userinfo",
    ZHONGSHU_DATA_DIR: dataDir,
    ZHONGSHU_PG_PORT: String(await freePort()),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: TEST_ACTIONS_KEY,
  };
  let dropDb: (() => Promise<void>) | undefined;
  if (process.env.DATABASE_URL) {
    const name = `zs_e2e_${process.pid}_${Date.now()}`;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    writeFileSync(E2E_DB_URL_FILE, env.DATABASE_URL);
    dropDb = async () => {
      const a = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await a.end();
    };
  } else {
    // The launcher prints nothing of its embedded URL; the password is in the data folder.
    writeFileSync(E2E_DB_URL_FILE, `embedded:${dataDir}:${env.ZHONGSHU_PG_PORT}`);
  }

  // What a further instance of the app needs to join this one (./cluster.ts): the same data
  // folder (its secrets), action key and sign-in settings.
  const shared = Object.entries(env).filter(([k]) => k.startsWith("ZHONGSHU_") || k === "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY");
  writeFileSync(E2E_APP_ENV_FILE, JSON.stringify(Object.fromEntries(shared)), { mode: 0o600 });

  const child = spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/launch.ts", "start"], { stdio: "inherit", env });
  let cleaning = false;
  const cleanup = async (code: number) => {
    if (cleaning) return;
    cleaning = true;
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    await dropDb?.();
    await sso.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(code);
  };
  process.on("SIGTERM", () => void cleanup(0));
  process.on("SIGINT", () => void cleanup(0));
  child.on("exit", (code) => void cleanup(code ?? 1));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
