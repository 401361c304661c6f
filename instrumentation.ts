// Starts the background sweep (automatic urges and escalations) in each server instance;
// the sweep itself makes sure only one instance works a given hour.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL || process.env.ZHONGSHU_SWEEP === "off") return;
  const { startSweepScheduler } = await import("./lib/scheduler");
  startSweepScheduler();
}
