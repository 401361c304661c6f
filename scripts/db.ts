// `npm run db:migrate` / `npm run db:seed` against DATABASE_URL, or the embedded PostgreSQL.
import path from "node:path";
import { parseEnv } from "../lib/config";
import { loadOrCreateSecrets } from "../lib/secrets";
import { startEmbedded } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import { connect } from "../db/client";
import { seedDemo } from "../db/seed";

async function main() {
  const command = process.argv[2];
  if (command !== "migrate" && command !== "seed") throw new Error("usage: tsx scripts/db.ts migrate|seed");
  const env = parseEnv();
  let url = env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    const dataDir = path.resolve(env.ZHONGSHU_DATA_DIR);
    const pg = await startEmbedded({ dataDir, port: env.ZHONGSHU_PG_PORT, password: loadOrCreateSecrets(dataDir).pgPassword });
    url = pg.url;
    stop = pg.stop;
  }
  try {
    await runMigrations(url);
    console.log("migrations applied");
    if (command === "seed") {
      const { db, sql } = connect(url, 1);
      console.log((await seedDemo(db)) ? "demo organisation seeded" : "database not empty: nothing seeded");
      await sql.end();
    }
  } finally {
    await stop?.();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
