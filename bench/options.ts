// The bench's command line: `npm run bench -- [--smoke] [--scale N] [--growth] [--soak MIN]
// [--only a,b] [--no-browser]`. Sizes and durations follow from it, in one place.

export const SCENARIOS = ["inbox", "inbox-query", "detail", "queue", "transition", "search", "growth", "soak", "browser", "explain"] as const;
export type Scenario = (typeof SCENARIOS)[number];

export type Size = { departments: number; users: number; items: number; eventsPerItem: number };

export type Options = {
  smoke: boolean;
  size: Size;
  /** --growth: the item counts compared (small first). */
  growth: [number, number] | null;
  soakSeconds: number;
  only: Set<Scenario> | null;
  /** HTTP: seconds of warm-up, and of each measurement (rate at 10 connections). */
  warmupSeconds: number;
  measureSeconds: number;
  /** Requests timed one at a time for p50/p95/p99 at 1 connection. */
  latencyRequests: number;
  /** Rounds of (page, floor) measured alternately; the median ratio is reported. */
  rounds: number;
  /** In-process timings: runs per measure. */
  runs: number;
  /** Transitions at 1 connection and at 16. */
  transitions: { serial: number; concurrent: number };
};

function value(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function parseOptions(args: string[]): Options {
  const known = new Set(["--smoke", "--scale", "--growth", "--soak", "--only", "--no-browser"]);
  for (const a of args) if (a.startsWith("--") && !known.has(a)) throw new Error(`unknown option ${a} (known: ${[...known].join(" ")})`);
  const smoke = args.includes("--smoke");
  const scale = value(args, "--scale");
  const items = scale ? Number(scale) : smoke ? 5_000 : 100_000;
  if (!Number.isInteger(items) || items < 1_000) throw new Error("--scale takes an item count of at least 1000");
  const soak = value(args, "--soak");
  const soakSeconds = soak ? Number(soak) * 60 : smoke ? 20 : 600;
  if (!Number.isFinite(soakSeconds) || soakSeconds < 0) throw new Error("--soak takes minutes");
  const onlyArg = value(args, "--only");
  let only = onlyArg ? new Set(onlyArg.split(",").map((s) => s.trim()) as Scenario[]) : null;
  for (const s of only ?? []) if (!SCENARIOS.includes(s)) throw new Error(`--only: unknown scenario ${s} (known: ${SCENARIOS.join(", ")})`);
  if (args.includes("--no-browser")) {
    only ??= new Set(SCENARIOS);
    only.delete("browser");
  }
  const growthWanted = args.includes("--growth");
  return {
    smoke,
    size: smoke
      ? { departments: 40, users: 500, items, eventsPerItem: 10 }
      : { departments: 200, users: 5_000, items, eventsPerItem: 10 },
    // --growth: 10,000 then the scale given (1,000,000 unless --scale says otherwise); in a smoke run a toy version.
    growth: growthWanted ? (smoke ? [2_000, items] : [10_000, scale ? items : 1_000_000]) : null,
    soakSeconds,
    only,
    warmupSeconds: smoke ? 1 : 10,
    measureSeconds: smoke ? 3 : 15,
    latencyRequests: smoke ? 50 : 1_000,
    rounds: smoke ? 1 : 3,
    runs: smoke ? 30 : 300,
    transitions: smoke ? { serial: 40, concurrent: 48 } : { serial: 500, concurrent: 1_000 },
  };
}

export function wants(o: Options, s: Scenario): boolean {
  if (s === "growth") return o.growth !== null && (!o.only || o.only.has(s));
  return !o.only || o.only.has(s);
}
