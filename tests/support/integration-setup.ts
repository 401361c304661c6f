// Runs in each integration test file's worker: points db/client.ts at the run's database
// and closes the pool when the file is done.
import { afterAll, inject } from "vitest";
import { closeDb } from "@/db/client";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.DATABASE_POOL_MAX ??= "4";

afterAll(async () => {
  await closeDb();
});
