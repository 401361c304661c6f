import { runScheduledSweep } from "@/lib/dal/items/sweep";

const EVERY_MS = 10 * 60_000;

export function startSweepScheduler(): void {
  const g = globalThis as { __zhongshuSweep?: NodeJS.Timeout };
  if (g.__zhongshuSweep) return;
  const tick = () =>
    runScheduledSweep().then(
      (stats) => stats && console.log(`[zhongshu] sweep: ${JSON.stringify(stats)}`),
      (e) => console.error("[zhongshu] sweep failed; it will retry", e),
    );
  setTimeout(tick, 30_000).unref();
  g.__zhongshuSweep = setInterval(tick, EVERY_MS);
  g.__zhongshuSweep.unref();
}
