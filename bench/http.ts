// HTTP load with autocannon: a rate at N connections for a while, or latencies one request
// at a time. Latency percentiles come from every response's own time (autocannon's summary
// has no p95).
import autocannon from "autocannon";

export type LoadSpec = {
  baseUrl: string;
  connections: number;
  /** Run this long, or until `amount` responses. */
  seconds?: number;
  amount?: number;
  headers?: Record<string, string>;
  /** One GET path, or requests with their own setupRequest (autocannon's). */
  path?: string;
  requests?: autocannon.Request[];
};

export type LoadResult = {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Socket errors and timeouts. */
  errors: number;
  /** Answers outside 200–299 (a redirect to the sign-in page counts here). */
  non2xx: number;
  bytesPerRequest: number;
};

export function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  const times: number[] = [];
  let bytes = 0;
  const started = performance.now();
  let finish: (r: autocannon.Result) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: spec.baseUrl + (spec.path ?? "/"),
      connections: spec.connections,
      ...(spec.amount ? { amount: spec.amount } : { duration: spec.seconds ?? 5 }),
      headers: spec.headers,
      requests: spec.requests,
      timeout: 30,
    },
    (err, result) => (err ? fail(err) : finish(result)),
  );
  instance.on("response", (_client, _status, resBytes, responseTime) => {
    times.push(responseTime);
    bytes += resBytes;
  });
  const result = await done;
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    seconds,
    rps: times.length / seconds,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytesPerRequest: times.length ? bytes / times.length : 0,
  };
}

/** One GET, checked: the page must answer 200 and contain `marker` (else the load would measure an error page). */
export async function fetchPage(baseUrl: string, path: string, headers: Record<string, string>, marker: string): Promise<{ bytes: number; body: string }> {
  const res = await fetch(baseUrl + path, { headers, redirect: "manual" });
  const body = await res.text();
  if (res.status !== 200 || !body.includes(marker)) {
    throw new Error(`GET ${path} answered ${res.status}${res.headers.get("location") ? ` → ${res.headers.get("location")}` : ""} without "${marker}"`);
  }
  return { bytes: Buffer.byteLength(body), body };
}
