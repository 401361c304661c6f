// Mixed traffic for a while — the department inbox, an item's detail, the leader's home with
// its queue, a ledger search, urges through the server action — watching the serving
// process's resident memory (VmRSS) after the warm-up and at the end, and counting errors.
import type autocannon from "autocannon";
import { load, type LoadResult } from "./http";
import { rssKb } from "./server";
import { actionBody } from "./transition";

export type SoakResult = {
  seconds: number;
  rssStartKb: number;
  rssEndKb: number;
  drift: number;
  samples: { atSeconds: number; rssKb: number }[];
  load: LoadResult;
  serverErrorLines: number;
};

export async function soak(opts: {
  baseUrl: string;
  pid: () => number;
  seconds: number;
  warmupSeconds: number;
  pages: { path: string; headers: Record<string, string> }[];
  urge: { headers: Record<string, string>; ids: number[] };
  serverErrorLines: () => number;
}): Promise<SoakResult> {
  const requests = (): autocannon.Request[] => [
    ...opts.pages.map((p) => ({ method: "GET" as const, path: p.path, headers: p.headers })),
    {
      method: "POST",
      headers: opts.urge.headers,
      // Out of items to urge: read the first page once more instead.
      setupRequest: (req) => {
        const id = opts.urge.ids.shift();
        if (id === undefined) return { ...req, method: "GET", path: opts.pages[0].path, headers: opts.pages[0].headers, body: undefined };
        return { ...req, path: `/items/${id}`, body: actionBody({ id: String(id), version: "1", note: "soak" }) };
      },
    },
  ];
  await load({ baseUrl: opts.baseUrl, connections: 4, seconds: opts.warmupSeconds, requests: requests() });
  const rssStartKb = rssKb(opts.pid());
  const errorsBefore = opts.serverErrorLines();
  const samples: SoakResult["samples"] = [{ atSeconds: 0, rssKb: rssStartKb }];
  const started = Date.now();
  const timer = setInterval(() => samples.push({ atSeconds: Math.round((Date.now() - started) / 1000), rssKb: rssKb(opts.pid()) }), 5_000);
  let result: LoadResult;
  try {
    result = await load({ baseUrl: opts.baseUrl, connections: 4, seconds: opts.seconds, requests: requests() });
  } finally {
    clearInterval(timer);
  }
  const rssEndKb = rssKb(opts.pid());
  samples.push({ atSeconds: Math.round((Date.now() - started) / 1000), rssKb: rssEndKb });
  return {
    seconds: opts.seconds,
    rssStartKb,
    rssEndKb,
    drift: (rssEndKb - rssStartKb) / rssStartKb,
    samples,
    load: result,
    serverErrorLines: opts.serverErrorLines() - errorsBefore,
  };
}
