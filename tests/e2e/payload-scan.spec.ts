// What each person's pages carry, as HTML and as the React Server Components payload (what a
// client-side navigation fetches with `RSC: 1`, where a component's props travel whole): never a
// record the authorization table says they cannot open (its marker title or its number), never a
// password or token hash, a secret of the installation or a webhook's secret, a raw API token
// after it was shown, or another person's e-mail address (only the admin manages those).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { formatItemNumber, type ItemKind } from "../../lib/domain/items/numbering";
import { canOpen, PERSONAS, RESOURCES, refName, SEEDED_LOGINS, type Kind, type Persona, type RecordRef, type Resource } from "../support/authorization-table";
import { apiSignIn, build, PAGE_OF, post, setUpWorld, tokenOf, type Live, type World } from "./support/authorization-http";
import { serverActions } from "./support/actions";
import { e2eSql } from "./support/db";
import { E2E_DB_URL_FILE } from "./support/paths";

const RUN = `机密标记-${Math.random().toString(36).slice(2, 8)}`;

/** Records in the states where the most people see them, and a few only their department sees. */
const SCAN: RecordRef[] = [
  ...RESOURCES.item.map((resource): RecordRef => ({ kind: "item", resource, state: "attached" })),
  { kind: "item", resource: "own", state: "draft" },
  ...RESOURCES.request.flatMap((resource): RecordRef[] => [
    { kind: "request", resource, state: "draft" },
    { kind: "request", resource, state: "countersigning" },
  ]),
  ...RESOURCES.coordination.map((resource): RecordRef => ({ kind: "coordination", resource, state: "escalated" })),
  ...RESOURCES.notice.map((resource): RecordRef => ({ kind: "notice", resource, state: "attached" })),
];

const HOME: Record<Persona, string> = {
  principal: "/leadership",
  deputy: "/leadership",
  otherDeputy: "/leadership",
  delegate: "/leadership",
  officeDirector: "/office",
  officeStaff: "/office",
  head: "/department",
  liaison: "/department",
  staff: "/department",
  otherHead: "/department",
  otherStaff: "/department",
  admin: "/admin",
};

const COMMON_PAGES = [
  "/",
  "/requests",
  "/requests?scope=department",
  "/requests?scope=office",
  "/requests?scope=leader",
  "/coordination",
  "/coordination?scope=all",
  "/notices",
  "/notices?tab=sent",
  "/notices/board",
  "/notifications",
  "/account",
  "/account/tokens",
];
const ADMIN_PAGES = [
  "/admin",
  "/admin/departments",
  "/admin/users",
  "/admin/portfolios",
  "/admin/delegations",
  "/admin/calendar",
  "/admin/audit",
  "/admin/settings",
  "/admin/service-accounts",
  "/admin/webhooks",
];

type Scanned = Live & { number: string | null };

let w: World;
const records: Scanned[] = [];
const rawTokens: string[] = [];
const emails = new Map<Persona, string>();

const NUMBER_KIND: Partial<Record<Kind, ItemKind>> = { item: "assignment", request: "request", coordination: "coordination" };

/** Sets an e-mail address on each seeded persona, through the admin's own form action (roles unchanged: sessions stay valid). */
async function giveEmails(baseURL: string) {
  const admin = await apiSignIn(baseURL, SEEDED_LOGINS.admin);
  const update = serverActions("lib/actions/admin/users.ts").find((a) => a.name === "updateUserAction")!;
  for (const [persona, login] of Object.entries(SEEDED_LOGINS) as [Persona, string][]) {
    const [u] = await w.sql<{ id: number; version: number; name: string; title: string | null; departmentId: number; roles: string[] }[]>`
      select u.id, u.version, u.name, u.title, u.department_id as "departmentId", array(select role::text from user_roles r where r.user_id = u.id order by role) as roles
      from users u where u.login = ${login}`;
    const email = `${login}.${RUN.slice(-6)}@leak-check.example`;
    const res = await post(admin, update.id, { id: String(u.id), version: String(u.version), name: u.name, email, title: u.title ?? "", departmentId: String(u.departmentId), roles: u.roles });
    expect(res.body, `e-mail for ${login}`).not.toContain('"status":"error"');
    emails.set(persona, email);
  }
  await admin.dispose();
}

/** Strings of the installation no page may ever carry. */
function installationSecrets(): string[] {
  const out: string[] = [];
  const key = /TEST_ACTIONS_KEY = "([^"]+)"/.exec(readFileSync(path.join("tests", "e2e", "support", "server.ts"), "utf8"))?.[1];
  if (key) out.push(key);
  const raw = readFileSync(E2E_DB_URL_FILE, "utf8").trim();
  if (raw.startsWith("embedded:")) {
    const secrets = JSON.parse(readFileSync(path.join(raw.split(":")[1], "secrets.json"), "utf8")) as Record<string, string>;
    out.push(...Object.values(secrets).filter((v) => typeof v === "string" && v.length >= 16));
  }
  return out;
}

test.beforeAll(async ({ baseURL }, info) => {
  info.setTimeout(600_000);
  w = { sql: e2eSql() } as World;
  await giveEmails(baseURL!);
  w = await setUpWorld(baseURL!, w.sql, RUN);
  for (const ref of SCAN) {
    const live = await build(w, ref);
    const kind = NUMBER_KIND[ref.kind];
    let number: string | null = null;
    if (kind) {
      const [row] = await w.sql.unsafe<{ year: number; seq: number }[]>(`select year, seq from ${{ item: "items", request: "requests", coordination: "coordination_matters" }[ref.kind as "item"]} where id = $1`, [live.id]);
      number = formatItemNumber(kind, row.year, row.seq);
    }
    records.push({ ...live, number });
  }
  // A token for everyone, shown once when made: never again on any page.
  for (const p of PERSONAS) rawTokens.push(await tokenOf(w, p));
});

test.afterAll(async () => {
  if (!w?.sessions) return;
  // The addresses go again, so that later specs see the seeded people as they were.
  const update = serverActions("lib/actions/admin/users.ts").find((a) => a.name === "updateUserAction")!;
  for (const login of Object.values(SEEDED_LOGINS)) {
    const [u] = await w.sql<{ id: number; version: number; name: string; title: string | null; departmentId: number; roles: string[] }[]>`
      select u.id, u.version, u.name, u.title, u.department_id as "departmentId", array(select role::text from user_roles r where r.user_id = u.id order by role) as roles
      from users u where u.login = ${login}`;
    await post(w.sessions.admin, update.id, { id: String(u.id), version: String(u.version), name: u.name, email: "", title: u.title ?? "", departmentId: String(u.departmentId), roles: u.roles });
  }
  for (const s of Object.values(w.sessions)) await s.dispose();
  await w.sql.end();
});

/** The message catalogs (shipped to the browser whole): an example number in them is no record's. */
function catalogText(): string {
  const dirs = ["zh-CN", "en"].map((l) => path.join("messages", l));
  return dirs.flatMap((d) => readdirSync(d).map((f) => readFileSync(path.join(d, f), "utf8"))).join("\n");
}

/** What must not appear on any page of this person, each with why. */
async function forbiddenStrings(persona: Persona): Promise<[string, string][]> {
  const out: [string, string][] = [];
  const catalogs = catalogText();
  for (const r of records) {
    if (canOpen(persona, r.kind, r.resource as Resource, r.state)) continue;
    out.push([r.title, `the title of ${refName(r)}`]);
    if (r.number && !catalogs.includes(r.number)) out.push([r.number, `the number of ${refName(r)}`]);
  }
  out.push(["$argon2", "a password hash"]);
  for (const { tokenHash } of await w.sql<{ tokenHash: string }[]>`select token_hash as "tokenHash" from api_tokens`) out.push([tokenHash, "an API token's hash"]);
  for (const t of rawTokens) out.push([t, "an API token after it was shown"]);
  for (const { secret } of await w.sql<{ secret: string }[]>`select secret from webhooks`) out.push([secret, "a webhook's secret"]);
  for (const s of installationSecrets()) out.push([s, "a secret of the installation"]);
  if (persona !== "admin") for (const [who, email] of emails) if (who !== persona) out.push([email, `${who}'s e-mail address`]);
  return out;
}

/** The first record of each kind this person can open: its detail page is scanned too. */
function ownDetails(persona: Persona): string[] {
  const out: string[] = [];
  for (const kind of ["item", "request", "coordination", "notice"] as Kind[]) {
    const r = records.find((x) => x.kind === kind && canOpen(persona, x.kind, x.resource as Resource, x.state));
    if (r) out.push(`${PAGE_OF[kind]}/${r.id}`);
  }
  return out;
}

for (const persona of PERSONAS) {
  test(`${persona}: no page, as HTML or as its RSC payload, carries what they may not see`, async () => {
    test.setTimeout(300_000);
    const session = w.sessions[persona];
    const pages = [HOME[persona], ...COMMON_PAGES, `/office/ledger?q=${encodeURIComponent(RUN)}`, ...ownDetails(persona), ...(persona === "admin" ? ADMIN_PAGES : [])];
    const needles = await forbiddenStrings(persona);
    const leaks: string[] = [];
    let scanned = 0;
    for (const page of pages) {
      for (const rsc of [false, true]) {
        const res = await session.get(page, { headers: rsc ? { RSC: "1" } : {}, maxRedirects: 5 });
        const body = await res.text();
        expect(res.status(), `${page}${rsc ? " (RSC)" : ""}`).toBeLessThan(500);
        scanned += body.length;
        for (const [needle, what] of needles) {
          const at = body.indexOf(needle);
          if (at >= 0) leaks.push(`${page}${rsc ? " (RSC)" : ""}: ${what} — …${body.slice(Math.max(0, at - 120), at + needle.length + 40)}…`);
        }
        for (const field of ["passwordHash", "password_hash", "tokenHash", "token_hash"]) if (body.includes(`"${field}"`)) leaks.push(`${page}${rsc ? " (RSC)" : ""}: a field named ${field}`);
      }
    }
    // The scan saw real pages: the person's own records are on them.
    const mine = records.filter((r) => canOpen(persona, r.kind, r.resource as Resource, r.state));
    expect(scanned).toBeGreaterThan(10_000);
    if (mine.length) {
      const home = await (await session.get(ownDetails(persona)[0])).text();
      expect(mine.some((r) => home.includes(r.title)), "an own record's page shows the record").toBe(true);
    }
    expect(leaks).toEqual([]);
  });
}

test("the scan would notice: a person's page on the admin's side carries the e-mail address it manages", async () => {
  const body = await (await w.sessions.admin.get(`/admin/users/${w.userIds.otherHead}`, { headers: { RSC: "1" } })).text();
  expect(body).toContain(emails.get("otherHead"));
});
