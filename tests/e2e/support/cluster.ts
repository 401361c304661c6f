// Two more production instances of the app on the end-to-end database, behind a round-robin
// reverse proxy on loopback: the deployment that "several instances, one PostgreSQL" means.
// Each instance gets the environment scripts/launch.ts gives the first one (same database, data
// folder, session secret and server-action key), so a cookie or an action from one is good on
// the other. The proxy forwards each request to the next instance in turn, streams bodies both
// ways (server-sent events included), keeps the Host header, appends X-Forwarded-For/-Proto
// like a real proxy, and says which instance answered in an `x-upstream` response header.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { freePort } from "../../../db/embedded";
import { parseEnv } from "../../../lib/config";
import { loadOrCreateSecrets } from "../../../lib/secrets";
import { e2eDatabaseUrl } from "./db";
import { E2E_APP_ENV_FILE } from "./paths";

/** Response header: the index of the instance that answered. */
export const UPSTREAM_HEADER = "x-upstream";
/** Request header (tests only): send this request to that instance instead of the next in turn. */
export const PIN_HEADER = "x-upstream-pin";

/** One request as the proxy saw it; `open` until its response has ended or been cut off. */
export type ProxyRecord = { method: string; path: string; upstream: number; status?: number; contentType?: string; open: boolean };

export type Cluster = {
  /** The proxy's address as the browser uses it. */
  url: string;
  instances: { port: number; output: () => string }[];
  log: ProxyRecord[];
  stop: () => Promise<void>;
};

// Hop-by-hop headers belong to one connection and are not forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer", "upgrade"]);

/** The environment launch.ts gives the app, rebuilt from what the test server recorded. */
function instanceEnv(): NodeJS.ProcessEnv {
  const recorded = JSON.parse(readFileSync(E2E_APP_ENV_FILE, "utf8")) as Record<string, string>;
  const base: NodeJS.ProcessEnv = { ...process.env, ...recorded };
  // The test runner's own settings are not the app's.
  for (const k of ["NODE_OPTIONS", "NODE_ENV", "PORT", "HOSTNAME"]) delete base[k];
  const env = parseEnv(base);
  const dataDir = path.resolve(env.ZHONGSHU_DATA_DIR);
  const secrets = loadOrCreateSecrets(dataDir);
  return {
    ...base,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? secrets.actionsKey,
    DATABASE_URL: e2eDatabaseUrl(),
    AUTH_SECRET: env.AUTH_SECRET ?? secrets.authSecret,
    AUTH_TRUST_HOST: "true",
    ZHONGSHU_DATA_DIR: dataDir,
    ZHONGSHU_TIMEZONE: env.ZHONGSHU_TIMEZONE,
    ZHONGSHU_ORG_NAME: env.ZHONGSHU_ORG_NAME,
  };
}

type Instance = { port: number; child: ChildProcess; output: () => string };

/** `next start` on the existing build, in its own process group so that stopping it ends all of it. */
async function startInstance(port: number, env: NodeJS.ProcessEnv): Promise<Instance> {
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (lines.length > 300) lines.splice(0, lines.length - 300);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return { port, child, output: () => lines.join("\n") };
}

async function waitHealthy(instance: Instance, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (instance.child.exitCode !== null) throw new Error(`instance on ${instance.port} exited (${instance.child.exitCode}):\n${instance.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${instance.port}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`instance on ${instance.port} not healthy after ${timeoutMs} ms:\n${instance.output()}`);
}

async function stopInstance(instance: Instance): Promise<void> {
  const { child } = instance;
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise((r) => child.once("exit", r));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

function startProxy(ports: number[], log: ProxyRecord[]): Promise<http.Server> {
  const agent = new http.Agent({ keepAlive: true });
  let turn = 0;
  const server = http.createServer((req, res) => {
    const pin = Number(req.headers[PIN_HEADER]);
    const upstream = Number.isInteger(pin) && pin >= 0 && pin < ports.length ? pin : turn++ % ports.length;
    const record: ProxyRecord = { method: req.method ?? "GET", path: req.url ?? "/", upstream, open: true };
    log.push(record);

    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && k !== PIN_HEADER) headers[k] = v;
    const client = req.socket.remoteAddress ?? "127.0.0.1";
    headers["x-forwarded-for"] = req.headers["x-forwarded-for"] ? `${req.headers["x-forwarded-for"]}, ${client}` : client;
    headers["x-forwarded-proto"] = "http";

    const forward = http.request({ host: "127.0.0.1", port: ports[upstream], method: req.method, path: req.url, headers, agent }, (answer) => {
      record.status = answer.statusCode;
      record.contentType = answer.headers["content-type"];
      const raw: string[] = [];
      for (let i = 0; i < answer.rawHeaders.length; i += 2) {
        if (!HOP_BY_HOP.has(answer.rawHeaders[i].toLowerCase())) raw.push(answer.rawHeaders[i], answer.rawHeaders[i + 1]);
      }
      raw.push(UPSTREAM_HEADER, String(upstream));
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, raw);
      // Headers at once: an event stream's first event may be a while coming.
      res.flushHeaders();
      answer.pipe(res);
      answer.on("error", () => res.destroy());
    });
    forward.on("error", () => {
      record.open = false;
      if (!res.headersSent) res.writeHead(502, { [UPSTREAM_HEADER]: String(upstream) }).end();
      else res.destroy();
    });
    // The browser went away (a closed EventSource, a navigation): so does the upstream request.
    res.on("close", () => {
      record.open = false;
      if (!res.writableFinished) forward.destroy();
    });
    req.pipe(forward);
  });
  server.on("close", () => agent.destroy());
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

/** Starts `count` instances (2 by default) and the proxy in front of them. */
export async function startCluster(count = 2): Promise<Cluster> {
  const env = instanceEnv();
  const instances: Instance[] = [];
  let proxy: http.Server | null = null;
  const stop = async () => {
    if (proxy) {
      proxy.closeAllConnections();
      await new Promise((r) => proxy!.close(r));
      proxy = null;
    }
    await Promise.all(instances.map(stopInstance));
  };
  try {
    for (let i = 0; i < count; i++) instances.push(await startInstance(await freePort(), env));
    await Promise.all(instances.map((i) => waitHealthy(i, 180_000)));
    const log: ProxyRecord[] = [];
    proxy = await startProxy(
      instances.map((i) => i.port),
      log,
    );
    const { port } = proxy.address() as AddressInfo;
    // "localhost", as the browser and the app's own links call it.
    return { url: `http://localhost:${port}`, instances: instances.map(({ port: p, output }) => ({ port: p, output })), log, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
