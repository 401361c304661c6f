// Gives every test run a fresh, throw-away PostgreSQL database, migrated and seeded with the
// demo organisation: an embedded server in a temporary folder by default, or a new database
// on the server of DATABASE_URL when that is set. Tests receive its URL through inject().
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { connect } from "../../db/client";
import { freePort, startEmbedded } from "../../db/embedded";
import { runMigrations } from "../../db/migrate";
import { seedDemo } from "../../db/seed";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

type Database = { url: string; dispose: () => Promise<void> };

async function embedded(): Promise<Database> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "zhongshu-test-"));
  try {
    const pg = await startEmbedded({ dataDir, port: await freePort(), password: randomBytes(12).toString("hex"), quiet: true });
    return {
      url: pg.url,
      dispose: async () => {
        try {
          await pg.stop();
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}

async function onServer(serverUrl: string): Promise<Database> {
  const name = `zs_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dispose: async () => {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  };
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  const database = serverUrl ? await onServer(serverUrl) : await embedded();
  try {
    await runMigrations(database.url);
    const { sql, db } = connect(database.url, 2);
    try {
      await seedDemo(db, { year: 2026 });
    } finally {
      await sql.end({ timeout: 5 });
    }
  } catch (e) {
    await database.dispose();
    throw e;
  }
  project.provide("databaseUrl", database.url);
  return database.dispose;
}
