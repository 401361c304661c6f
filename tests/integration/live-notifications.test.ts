// Live unread counts: NOTIFY reaches every listening app instance, only once the notifying
// transaction commits (never after a rollback), survives a dropped listening connection, and
// marking read (one or all, only one's own) updates the count live too.
import { and, eq, isNull } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb, getSql } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Actor } from "@/lib/dal/actor";
import { registerItem } from "@/lib/dal/items/commands";
import { markAllRead, markRead, myNotifications, unreadCount, watchUnreadCount } from "@/lib/dal/notifications";
import { notifyAbout } from "@/lib/dal/notify";
import { LiveHub, type LiveListener } from "@/lib/live";
import { actorFor, expectDomainError, insertUser } from "../support/db";
import { actors, registerForm } from "../support/items";

const url = inject("databaseUrl");
const clients: postgres.Sql[] = [];
const hubs: LiveHub[] = [];

/** A hub on its own connection pool, as another app instance would have. */
async function instance(): Promise<LiveHub> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  clients.push(sql);
  const hub = new LiveHub(sql);
  hubs.push(hub);
  await hub.start();
  return hub;
}

function recorder(hub: LiveHub, userId: number) {
  const events: string[] = [];
  const listener: LiveListener = (reason) => events.push(reason);
  const stop = hub.subscribe(userId, listener);
  return { events, stop };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await sleep(20);
  }
}

let p: Record<"liufang" | "zhoumin", Actor>;
let itemId: number;
let person: Actor;
let other: Actor;

beforeAll(async () => {
  p = await actors("liufang", "zhoumin");
  itemId = (await registerItem(p.liufang, await registerForm({ lead: "教务处" }))).id;
  person = await actorFor((await insertUser({ roles: ["dept_staff"] })).id);
  other = await actorFor((await insertUser({ roles: ["dept_staff"] })).id);
});

afterAll(async () => {
  for (const hub of hubs) await hub.stop();
  await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
});

describe("NOTIFY on a new notification", () => {
  it("reaches a listener only after the commit, and only for the people named", async () => {
    const hub = await instance();
    const mine = recorder(hub, person.id);
    const theirs = recorder(hub, other.id);
    let insideTx = -1;
    await getDb().transaction(async (tx) => {
      expect(await notifyAbout(tx, [person.id], { itemId }, "urged", {})).toBe(1);
      await sleep(300);
      insideTx = mine.events.length;
    });
    expect(insideTx).toBe(0);
    await until(() => mine.events.length === 1);
    expect(mine.events).toEqual(["changed"]);
    await sleep(100);
    expect(theirs.events).toEqual([]);
    mine.stop();
    theirs.stop();
  });

  it("never reaches anyone when the transaction rolls back", async () => {
    const hub = await instance();
    const mine = recorder(hub, person.id);
    const before = await unreadCount(person);
    await expect(
      getDb().transaction(async (tx) => {
        await notifyAbout(tx, [person.id], { itemId }, "urged", {});
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await sleep(500);
    expect(mine.events).toEqual([]);
    expect(await unreadCount(person)).toBe(before);
    mine.stop();
  });

  it("reaches every app instance (each on its own connection), not just the one that made the change", async () => {
    const [a, b] = [await instance(), await instance()];
    const onA = recorder(a, person.id);
    const onB = recorder(b, person.id);
    await getDb().transaction((tx) => notifyAbout(tx, [person.id, other.id], { itemId }, "urged", {}));
    await until(() => onA.events.length === 1 && onB.events.length === 1);
    onA.stop();
    onB.stop();
  });

  it("is not sent when a repeated (deduplicated) notification adds nothing", async () => {
    const hub = await instance();
    const key = `live-test-${person.id}-${Date.now()}`;
    const mine = recorder(hub, person.id);
    await getDb().transaction((tx) => notifyAbout(tx, [person.id], { itemId }, "due_soon", {}, () => key));
    await until(() => mine.events.length === 1);
    await getDb().transaction(async (tx) => expect(await notifyAbout(tx, [person.id], { itemId }, "due_soon", {}, () => key)).toBe(0));
    await sleep(400);
    expect(mine.events).toEqual(["changed"]);
    mine.stop();
  });

  it("keeps arriving after the listening connection is dropped (postgres.js listens again by itself)", async () => {
    const hub = await instance();
    const mine = recorder(hub, person.id);
    const killed = await getSql()<{ n: number }[]>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
       where pid <> pg_backend_pid() and query ilike 'listen "zhongshu_notifications"%'`;
    expect(killed[0].n).toBeGreaterThan(0);
    // Re-listening announces a resync: whatever was sent meanwhile is re-read.
    await until(() => mine.events.includes("resync"), 10_000);
    await getDb().transaction((tx) => notifyAbout(tx, [person.id], { itemId }, "urged", {}));
    await until(() => mine.events.includes("changed"), 10_000);
    mine.stop();
  });
});

describe("the live unread count", () => {
  it("starts with the current count and follows new notifications, mark one and mark all", async () => {
    const hub = await instance();
    const fresh = await actorFor((await insertUser({ roles: ["dept_staff"] })).id);
    const counts: number[] = [];
    const stop = await watchUnreadCount(fresh, (n) => counts.push(n), hub);
    expect(counts).toEqual([0]);

    await getDb().transaction((tx) => notifyAbout(tx, [fresh.id], { itemId }, "urged", {}));
    await until(() => counts.at(-1) === 1);
    await getDb().transaction((tx) => notifyAbout(tx, [fresh.id], { itemId }, "sent", {}));
    await until(() => counts.at(-1) === 2);

    const [newest] = await myNotifications(fresh);
    expect(await markRead(fresh, newest.id)).toEqual({ href: `/items/${itemId}` });
    await until(() => counts.at(-1) === 1);
    // Reading it again changes nothing and is harmless.
    expect(await markRead(fresh, newest.id)).toEqual({ href: `/items/${itemId}` });

    expect(await markAllRead(fresh)).toBe(1);
    await until(() => counts.at(-1) === 0);
    expect(counts).toEqual([0, 1, 2, 1, 0]);

    stop();
    await getDb().transaction((tx) => notifyAbout(tx, [fresh.id], { itemId }, "urged", {}));
    await sleep(300);
    expect(counts.at(-1)).toBe(0);
    expect(hub.subscriberCount(fresh.id)).toBe(0);
  });

  it("is refused to the signed-out", async () => {
    await expectDomainError(watchUnreadCount(null, () => {}), "signedOut");
  });
});

describe("marking one notification read", () => {
  it("works only on one's own: anyone else's is not found and stays unread", async () => {
    await getDb().transaction((tx) => notifyAbout(tx, [person.id], { itemId }, "urged", {}));
    const [mine] = await myNotifications(person);
    expect(mine.read).toBe(false);

    await expectDomainError(markRead(other, mine.id), "notFound");
    await expectDomainError(markRead(p.zhoumin, mine.id), "notFound");
    await expectDomainError(markRead(null, mine.id), "signedOut");
    await expectDomainError(markRead(person, 0), "notFound");
    await expectDomainError(markRead(person, 9_000_000_000), "notFound");
    const [row] = await getDb()
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.id, mine.id), isNull(notifications.readAt)));
    expect(row?.id).toBe(mine.id);

    const before = await unreadCount(person);
    await markRead(person, mine.id);
    expect(await unreadCount(person)).toBe(before - 1);
    expect((await myNotifications(person)).find((n) => n.id === mine.id)?.read).toBe(true);
  });
});
