// The authorization table (tests/support/authorization-table.ts) as raw HTTP, person by person,
// against records of every kind, department and state built by the table's recipes: every server
// action a cell refuses, posted straight to the server, answers with the table's refusal and
// changes nothing; every detail page, file, receipt-board and ledger export, API read and list,
// notification link and the live unread stream answers 200 with the record only where the table
// allows it, and 404/403 without it elsewhere; and one allowed cell per action goes through.
import { expect, test } from "@playwright/test";
import {
  ACTIONS,
  actionKey,
  canOpen,
  CELLS,
  GALLERY,
  LISTS,
  PERSONAS,
  REFUSAL_TEXT,
  refName,
  ROUTES,
  type Kind,
  type Persona,
  type RecordRef,
} from "../support/authorization-table";
import { serverActions } from "./support/actions";
import {
  apiGet,
  attachmentOf,
  build,
  HTTP_ACTIONS,
  HTTP_CREATE,
  NOT_RECORD_ACTIONS,
  PAGE_OF,
  PDF_BYTES,
  postCreate,
  postRecordAction,
  RECORD_ACTION_FILES,
  recordsDigest,
  setUpWorld,
  titleFor,
  tokenOf,
  versionOf,
  zipText,
  type Live,
  type World,
} from "./support/authorization-http";
import { e2eSql } from "./support/db";

const RUN = `机密标记-${Math.random().toString(36).slice(2, 8)}`;

let w: World;
const gallery = new Map<string, Live>();
const tokens = {} as Record<Persona, string>;

const galleryRecord = (r: RecordRef) => {
  const live = gallery.get(refName(r));
  if (!live) throw new Error(`no gallery record ${refName(r)}`);
  return live;
};

test.beforeAll(async ({ baseURL }, info) => {
  info.setTimeout(900_000);
  w = await setUpWorld(baseURL!, e2eSql(), RUN);
  for (const r of GALLERY) gallery.set(refName(r), await build(w, r));
  for (const p of PERSONAS) tokens[p] = await tokenOf(w, p);
});

test.afterAll(async () => {
  for (const s of Object.values(w?.sessions ?? {})) await s.dispose();
  await w?.sql.end();
});

test("every record server action in the build is a cell of the table, and every cell has its request", () => {
  const known = new Set([...Object.values(HTTP_ACTIONS), ...Object.values(HTTP_CREATE)].map((a) => a.name));
  const built = RECORD_ACTION_FILES.flatMap((f) => serverActions(f)).map((a) => a.name);
  expect(built.filter((n) => !known.has(n) && !NOT_RECORD_ACTIONS[n]), "server actions without a cell in the authorization table").toEqual([]);
  const posted = ACTIONS.filter((a) => a.type !== "read").map(actionKey);
  expect(posted.filter((k) => !HTTP_ACTIONS[k] && !HTTP_CREATE[k])).toEqual([]);
});

for (const persona of PERSONAS) {
  test(`${persona}: every refused server action and API write answers with the table's refusal and changes nothing`, async () => {
    test.setTimeout(600_000);
    const session = w.sessions[persona];
    expect(session).toBeDefined();
    const before = await recordsDigest(w.sql);
    const wrong: string[] = [];
    for (const cell of CELLS.filter((c) => c.persona === persona && c.outcome !== "allowed" && c.spec.type !== "read")) {
      const { spec, resource } = cell;
      const outcome = cell.outcome as keyof typeof REFUSAL_TEXT;
      const label = `${actionKey(spec)} on ${resource}`;
      if (spec.type === "create") {
        const title = titleFor(w, { kind: spec.kind, resource });
        const res = await postCreate(w, persona, spec.kind, spec.action, resource, title);
        if (!REFUSAL_TEXT[outcome].test(res.body) || res.id !== null) wrong.push(`${label}: expected ${outcome}, got ${res.status} ${res.body.slice(0, 200)}`);
        continue;
      }
      const rec = galleryRecord({ kind: spec.kind, resource, state: spec.state as never });
      const res = await postRecordAction(w, persona, rec, spec.action);
      if (res.status !== 200 || !REFUSAL_TEXT[outcome].test(res.body)) wrong.push(`${label}: expected ${outcome}, got ${res.status} ${res.body.slice(0, 200)}`);
      // Someone who may not see the record learns nothing of it (beyond what they sent).
      if (outcome === "notFound" && !JSON.stringify(res.fields).includes(rec.title) && res.body.includes(rec.title)) wrong.push(`${label}: the refusal shows the title`);
    }
    // The API's one write: progress on an item, with a token of this person.
    for (const cell of CELLS.filter((c) => c.persona === persona && c.key === "item.report_progress" && c.outcome !== "allowed")) {
      const rec = galleryRecord({ kind: "item", resource: cell.resource, state: "inProgress" });
      const res = await apiGet(w, tokens[persona], `/api/v1/items/${rec.id}/progress`, { method: "POST", data: { version: await versionOf(w, "item", rec.id), note: "越权" } });
      const status = cell.outcome === "notFound" ? 404 : 403;
      if (res.status !== status || res.text.includes(rec.title)) wrong.push(`API progress on ${cell.resource}: expected ${status}, got ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    expect(await recordsDigest(w.sql)).toEqual(before);
  });

  test(`${persona}: pages, files, exports, the API, notification links and the live count show only what the table allows`, async () => {
    test.setTimeout(600_000);
    const session = w.sessions[persona];
    const wrong: string[] = [];

    // Every record's detail page, in every state.
    for (const rec of gallery.values()) {
      const res = await session.get(`${PAGE_OF[rec.kind]}/${rec.id}`, { maxRedirects: 0 });
      const body = await res.text();
      const open = canOpen(persona, rec.kind, rec.resource, rec.state);
      if (open && (res.status() !== 200 || !body.includes(rec.title))) wrong.push(`page ${refName(rec)}: expected 200 with the record, got ${res.status()}`);
      if (!open && (res.status() !== 404 || body.includes(rec.title))) wrong.push(`page ${refName(rec)}: expected 404 without the record, got ${res.status()}`);
    }

    // Files and the receipt board's export.
    for (const cell of CELLS.filter((c) => c.persona === persona && (c.spec.action === "download" || c.spec.action === "board"))) {
      const rec = galleryRecord({ kind: cell.spec.kind, resource: cell.resource, state: cell.spec.state as never });
      const path = cell.spec.action === "download" ? `${PAGE_OF[rec.kind]}/${rec.id}/attachments/${await attachmentOf(w, rec)}` : `/notices/${rec.id}/board/export`;
      const res = await session.get(path, { maxRedirects: 0 });
      const body = await res.body();
      const status = { allowed: 200, notFound: 404, forbidden: 403 }[cell.outcome];
      if (res.status() !== status) wrong.push(`${actionKey(cell.spec)} on ${cell.resource}: expected ${status}, got ${res.status()}`);
      else if (cell.outcome === "allowed" && cell.spec.action === "download" && !body.equals(PDF_BYTES)) wrong.push(`${actionKey(cell.spec)} on ${cell.resource}: not the file`);
      else if (cell.outcome === "allowed" && cell.spec.action === "board" && (!zipText(body).includes("<sheetData") || !(res.headers()["content-disposition"] ?? "").includes(`receipts-${rec.id}-`)))
        wrong.push(`board export of ${cell.resource}: not the notice's .xlsx`);
      else if (cell.outcome !== "allowed" && body.toString("utf8").includes(rec.title)) wrong.push(`${actionKey(cell.spec)} on ${cell.resource}: the refusal shows the title`);
    }

    // The ledger's export: the office's, with exactly the items it can open.
    const exported = await session.get(`/office/ledger/export?q=${encodeURIComponent(RUN)}`, { maxRedirects: 0 });
    if (ROUTES.ledgerExport.includes(persona)) {
      expect(exported.status()).toBe(200);
      const text = zipText(await exported.body());
      for (const rec of [...gallery.values()].filter((r) => r.kind === "item"))
        if (text.includes(rec.title) !== canOpen(persona, "item", rec.resource, rec.state)) wrong.push(`ledger export: ${refName(rec)}`);
    } else if (exported.status() !== 403) wrong.push(`ledger export: expected 403, got ${exported.status()}`);

    // The API with a token of this person: each record, and the lists.
    for (const rec of [...gallery.values()].filter((r) => r.kind === "item" || r.kind === "notice")) {
      const res = await apiGet(w, tokens[persona], `/api/v1/${rec.kind === "item" ? "items" : "notices"}/${rec.id}`);
      const open = canOpen(persona, rec.kind, rec.resource, rec.state);
      if (res.status !== (open ? 200 : 404) || res.text.includes(rec.title) !== open) wrong.push(`API ${refName(rec)}: got ${res.status}`);
    }
    const listed = async (path: string, kind: Kind) => {
      const res = await apiGet(w, tokens[persona], path);
      expect(res.status, path).toBe(200);
      const ids = new Set((JSON.parse(res.text).data as { id: number }[]).map((x) => x.id));
      return [...gallery.values()].filter((r) => r.kind === kind && ids.has(r.id)).map(refName).sort();
    };
    const expected = (list: string, kind: Kind) =>
      [...gallery.values()].filter((r) => r.kind === kind && canOpen(persona, r.kind, r.resource, r.state) && LISTS[list].includes(persona, r)).map(refName).sort();
    expect(await listed(`/api/v1/items?q=${encodeURIComponent(RUN)}&limit=100`, "item"), "API items").toEqual(expected("item.ledger", "item"));
    expect(await listed(`/api/v1/notices?box=received&limit=200`, "notice"), "API received notices").toEqual(expected("notice.received", "notice"));
    expect(await listed(`/api/v1/notices?box=sent&limit=200`, "notice"), "API sent notices").toEqual(expected("notice.sent", "notice"));

    // Notification links: one's own lead to the record (which opens); anyone else's is not found.
    const ids = [...gallery.values()].map((r) => r.id);
    const own = await w.sql<{ id: number; href: string }[]>`
      select id, coalesce('/items/' || item_id, '/requests/' || request_id, '/coordination/' || coordination_id, '/notices/' || notice_id) as href
      from notifications where user_id = ${w.userIds[persona]}
        and (item_id = any(${ids}) or request_id = any(${ids}) or coordination_id = any(${ids}) or notice_id = any(${ids})) order by id desc limit 3`;
    for (const n of own) {
      const res = await session.get(`/notifications/${n.id}`, { maxRedirects: 0 });
      if (![303, 307].includes(res.status()) || !(res.headers().location ?? "").endsWith(n.href)) wrong.push(`own notification ${n.id}: got ${res.status()} → ${res.headers().location}`);
    }
    const [theirs] = await w.sql<{ id: number; read: boolean }[]>`
      select id, read_at is not null as read from notifications where user_id <> ${w.userIds[persona]} and item_id = any(${ids}) order by id limit 1`;
    const foreign = await session.get(`/notifications/${theirs.id}`, { maxRedirects: 0 });
    if (foreign.status() !== 404) wrong.push(`someone else's notification: expected 404, got ${foreign.status()}`);
    const [after] = await w.sql<{ read: boolean }[]>`select read_at is not null as read from notifications where id = ${theirs.id}`;
    expect(after.read, "someone else's notification stays as it was").toBe(theirs.read);

    // The live unread count: this person's own, nobody else's.
    const cookie = (await session.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const [{ n: unread }] = await w.sql<{ n: number }[]>`select count(*)::int as n from notifications where user_id = ${w.userIds[persona]} and read_at is null`;
    expect(await firstUnreadEvent(`${w.baseURL}/api/notifications/stream`, cookie)).toBe(unread);

    expect(wrong).toEqual([]);
  });
}

test("the live unread count is refused without a session", async () => {
  const res = await fetch(`${w.baseURL}/api/notifications/stream`);
  expect(res.status).toBe(401);
  await res.body?.cancel();
});

test("one allowed cell of every action goes through over HTTP (the refusals above are told apart from failures)", async () => {
  test.setTimeout(900_000);
  const wrong: string[] = [];
  for (const spec of ACTIONS.filter((a) => a.type !== "read")) {
    const cell = CELLS.filter((c) => c.spec === spec && c.outcome === "allowed").sort((a, b) => Number(b.persona === "delegate") - Number(a.persona === "delegate"))[0];
    if (!cell) continue;
    const label = `${cell.persona}: ${actionKey(spec)} on ${cell.resource}`;
    if (spec.type === "create") {
      const res = await postCreate(w, cell.persona, spec.kind, spec.action, cell.resource, titleFor(w, { kind: spec.kind, resource: cell.resource }));
      if (res.id === null) wrong.push(`${label}: nothing created — ${res.body.slice(0, 200)}`);
      continue;
    }
    const rec = await build(w, { kind: spec.kind, resource: cell.resource, state: spec.state as never });
    const res = await postRecordAction(w, cell.persona, rec, spec.action);
    if (res.status !== 200 || !res.body.includes('"status":"ok"')) wrong.push(`${label}: ${res.status} ${res.body.slice(0, 200)}`);
  }
  expect(wrong).toEqual([]);
});

/** Reads the stream until its first `unread` event and returns the count it carries. */
async function firstUnreadEvent(url: string, cookie: string): Promise<number> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { cookie }, signal: abort.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  let text = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended: ${text}`);
      text += new TextDecoder().decode(value);
      const m = /event: unread\ndata: (\d+)/.exec(text);
      if (m) return Number(m[1]);
    }
  } finally {
    abort.abort();
  }
}
