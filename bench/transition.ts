// One transition as the portal does it: the office urges (催办) an item through the server
// action, over HTTP, the way a browser posts the form (Next-Action header, React's multipart
// encoding, the page re-rendered in the answer). Its floor: a raw postgres.js transaction doing
// the same reads and writes (lock the row, bump the version, the timeline event through its
// chain trigger, the notifications and their NOTIFY). Each urge goes to a different item.
import { readFileSync } from "node:fs";
import path from "node:path";
import type autocannon from "autocannon";
import postgres from "postgres";
import { load, type LoadResult } from "./http";
import { time, type Timing } from "./queries";

const BOUNDARY = "----zhongshubench";

export function actionId(file: string, name: string): string {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, e]) => e.filename === file && e.exportedName === name);
  if (!found) throw new Error(`bench: server action ${file}#${name} is not in the build`);
  return found[0];
}

/** (previousState, formData) as React's encodeReply sends a useActionState form: fields "_1_*", then "0". */
export function actionBody(fields: Record<string, string>): string {
  const part = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return Object.entries(fields).map(([k, v]) => part(`_1_${k}`, v)).join("") + part("0", JSON.stringify([{ status: "idle" }, "$K1"])) + `--${BOUNDARY}--\r\n`;
}

export function actionHeaders(baseUrl: string, id: string, cookie: Record<string, string>): Record<string, string> {
  return { ...cookie, "next-action": id, accept: "text/x-component", "content-type": `multipart/form-data; boundary=${BOUNDARY}`, origin: baseUrl };
}

/** Items the office may urge, untouched so far (version 1), not among `exclude`. */
export async function urgeableItems(sql: postgres.Sql, count: number, exclude: Set<number>): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    select id from items where state = 'in_progress' and version = 1 and kind = 'assignment'
    order by id desc limit ${count + exclude.size}`;
  return rows.map((r) => r.id).filter((id) => !exclude.has(id)).slice(0, count);
}

/** Requests that urge the next item of `queue` each time (autocannon asks per request). */
export function urgeRequests(queue: number[], headers: Record<string, string>): autocannon.Request[] {
  return [
    {
      method: "POST",
      headers,
      setupRequest: (req) => {
        const id = queue.shift();
        if (id === undefined) throw new Error("bench: ran out of items to urge");
        return { ...req, path: `/items/${id}`, body: actionBody({ id: String(id), version: "1", note: "bench" }) };
      },
    },
  ];
}

export type TransitionResult = { serial: LoadResult; concurrent: LoadResult; rawSerial: Timing; rawPerSecond: number; verified: number; expected: number };

export async function transitions(opts: {
  sql: postgres.Sql;
  url: string;
  baseUrl: string;
  headers: Record<string, string>;
  officeId: number;
  serial: number;
  concurrent: number;
  exclude: Set<number>;
}): Promise<TransitionResult> {
  const total = opts.serial + opts.concurrent;
  // HTTP warm-up, the HTTP runs, then as many again for the raw transactions (+10 warm-up).
  const warmCount = Math.min(20, Math.ceil(opts.serial / 4));
  const needed = 2 * total + warmCount + 10;
  const ids = await urgeableItems(opts.sql, needed, opts.exclude);
  if (ids.length < needed) throw new Error(`bench: only ${ids.length} items to urge, ${needed} needed`);
  const warm = ids.splice(0, warmCount);
  const sent = total + warm.length; // the queues below are consumed as the requests go out
  const httpIds = ids.splice(0, total);
  const rawIds = ids;
  const [{ before }] = await opts.sql`select count(*)::int as before from item_events where action = 'urge'`;
  await load({ baseUrl: opts.baseUrl, connections: 1, amount: warm.length, requests: urgeRequests(warm, opts.headers) });
  const serialQueue = httpIds.slice(0, opts.serial);
  const serial = await load({ baseUrl: opts.baseUrl, connections: 1, amount: opts.serial, requests: urgeRequests(serialQueue, opts.headers) });
  const concurrentQueue = httpIds.slice(opts.serial);
  const concurrent = await load({ baseUrl: opts.baseUrl, connections: 16, amount: opts.concurrent, requests: urgeRequests(concurrentQueue, opts.headers) });
  const [{ after }] = await opts.sql`select count(*)::int as after from item_events where action = 'urge'`;

  const raw = postgres(opts.url, { max: 16, onnotice: () => {} });
  try {
    const one = (id: number) =>
      raw.begin(async (tx) => {
        const [item] = await tx<{ version: number; state: string; lead_department_id: number; title: string }[]>`select * from items where id = ${id} for update`;
        await tx`select * from item_departments where item_id = ${id}`;
        const [updated] = await tx`update items set version = version + 1, updated_at = now() where id = ${id} and version = ${item.version} returning version, state`;
        if (!updated) throw new Error("bench: raw transition lost its version check");
        await tx`insert into item_events (item_id, actor_id, action, data) values (${id}, ${opts.officeId}, 'urge', ${tx.json({ note: "bench", from: item.state, to: item.state })})`;
        const signers = await tx<{ id: number }[]>`
          select distinct u.id from users u join user_roles r on r.user_id = u.id
          where u.department_id = ${item.lead_department_id} and u.active and r.role in ('dept_head', 'dept_liaison')`;
        if (signers.length) {
          const rows = signers.map((s) => ({ user_id: s.id, item_id: id, kind: "urged", data: tx.json({ title: item.title, note: "bench" }) }));
          const inserted = await tx<{ user_id: number }[]>`insert into notifications ${tx(rows)} on conflict do nothing returning user_id`;
          await tx`select pg_notify('zhongshu_notifications', ${JSON.stringify(inserted.map((r) => r.user_id).sort((a, b) => a - b))})`;
        }
      });
    const rawQueue = [...rawIds];
    const rawSerial = await time(opts.serial, () => one(rawQueue.shift()!));
    const started = performance.now();
    const rest = rawQueue.splice(0, opts.concurrent);
    await Promise.all(Array.from({ length: 16 }, async () => {
      for (let id = rest.shift(); id !== undefined; id = rest.shift()) await one(id);
    }));
    const rawPerSecond = opts.concurrent / ((performance.now() - started) / 1000);
    return { serial, concurrent, rawSerial, rawPerSecond, verified: after - before, expected: sent };
  } finally {
    await raw.end();
  }
}

