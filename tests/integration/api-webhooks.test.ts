// Outgoing webhooks against a real HTTP server on 127.0.0.1: deliveries written in the causing
// transaction, signed (HMAC over "<timestamp>.<body>"), retried with back-off when the endpoint
// fails or is down, given up after 8 attempts, sent once by concurrent dispatchers, "overdue"
// once per item per due date — and never slowing the action that caused them.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "@/db/client";
import { webhookDeliveries, webhooks } from "@/db/schema";
import { closeItem, decideItem, dispatchItem, proposeItem, registerItem, reportCompletion, signFor } from "@/lib/dal/items/commands";
import { sweepItems } from "@/lib/dal/items/sweep";
import { createWebhook, listWebhookDeliveries, sendTestEvent, setWebhookActive } from "@/lib/dal/webhooks";
import { verifySignature, type WebhookEvent } from "@/lib/domain/api/webhooks";
import { today } from "@/lib/clock";
import { dispatchDue } from "@/lib/webhooks/dispatcher";
import { actorFor, unique } from "../support/db";
import { actors, inDays, itemRow, registerForm } from "../support/items";
import { publish } from "../support/notices";

type Received = { headers: IncomingHttpHeaders; body: string };

class Receiver {
  received: Received[] = [];
  status = 200;
  private server: Server | null = null;
  url = "";

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        res.writeHead(this.status, { "content-type": "text/plain" }).end("ok");
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const receivers: Receiver[] = [];
const hooks: number[] = [];

async function receiver(status = 200): Promise<Receiver> {
  const r = new Receiver();
  r.status = status;
  await r.start();
  receivers.push(r);
  return r;
}

async function webhook(url: string, events: WebhookEvent[] = ["item.created", "item.decided", "item.overdue", "item.closed"]) {
  const admin = await actorFor("admin");
  const created = await createWebhook(admin, { name: unique("hook"), url, events });
  hooks.push(created.id);
  return created;
}

async function deliveriesOf(webhookId: number) {
  return getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)).orderBy(webhookDeliveries.id);
}

// Earlier tests' endpoints are paused after each test, so a later dispatch does not pick them up.
afterEach(async () => {
  await getSql()`update webhooks set active = false where id = any(${hooks})`;
});

afterAll(async () => {
  for (const r of receivers) await r.stop();
});

describe("webhooks", () => {
  it("delivers a signed item.created message that the receiver can verify", async () => {
    const r = await receiver();
    const { id: hookId, secret } = await webhook(r.url);
    const { liufang } = await actors("liufang");
    const item = await registerItem(liufang, await registerForm({ lead: "教务处" }));
    const [queued] = await deliveriesOf(hookId);
    expect(queued).toMatchObject({ event: "item.created", status: "pending", attempts: 0, payload: { itemId: item.id, number: item.number, state: "draft" } });

    const result = await dispatchDue();
    expect(result.delivered).toBeGreaterThanOrEqual(1);
    expect(r.received).toHaveLength(1);
    const [got] = r.received;
    expect(got.headers["content-type"]).toContain("application/json");
    expect(got.headers["x-zhongshu-event"]).toBe("item.created");
    expect(got.headers["x-zhongshu-delivery"]).toBe(String(queued.id));
    const timestamp = Number(got.headers["x-zhongshu-timestamp"]);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(30);
    const signature = String(got.headers["x-zhongshu-signature"]);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(secret, timestamp, got.body, signature)).toBe(true);
    expect(verifySignature("whsec_wrong", timestamp, got.body, signature)).toBe(false);
    expect(verifySignature(secret, timestamp, got.body.replace("draft", "closed"), signature)).toBe(false);
    expect(JSON.parse(got.body)).toMatchObject({ id: queued.id, event: "item.created", data: { itemId: item.id, number: item.number } });

    const [done] = await deliveriesOf(hookId);
    expect(done).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200, lastError: null });
    expect(done.deliveredAt).not.toBeNull();
    // A second dispatch has nothing left to send.
    await dispatchDue();
    expect(r.received).toHaveLength(1);
  });

  it("queues item.decided and item.closed in the causing transactions, only for subscribed, active endpoints", async () => {
    const r = await receiver();
    const { id: all } = await webhook(r.url);
    const { id: onlyClosed } = await webhook(r.url, ["item.closed"]);
    const { id: paused } = await webhook(r.url);
    const admin = await actorFor("admin");
    await setWebhookActive(admin, paused, 1, false);
    const { liufang, wuting } = await actors("liufang", "wuting");
    const { id } = await registerItem(liufang, await registerForm({ lead: "教务处" }));
    await proposeItem(liufang, id, 1, "拟请阅示");
    const leader = await actorFor((await itemRow(id)).routedLeaderId!);
    await decideItem(leader, id, 2, "approve", null);
    await signFor(wuting, id, 3);
    await reportCompletion(wuting, id, 4, "已完成");
    await closeItem(liufang, id, 5, null);
    const events = (await deliveriesOf(all)).filter((d) => d.payload.itemId === id).map((d) => d.event);
    expect(events).toEqual(["item.created", "item.decided", "item.closed"]);
    const decided = (await deliveriesOf(all)).find((d) => d.event === "item.decided")!;
    expect(decided.payload).toMatchObject({ itemId: id, state: "sent", decision: "approve" });
    expect((await deliveriesOf(onlyClosed)).map((d) => d.event)).toEqual(["item.closed"]);
    expect(await deliveriesOf(paused)).toEqual([]);
  });

  it("queues notice.published with the notice, in the publishing transaction", async () => {
    const r = await receiver();
    const { id: hookId } = await webhook(r.url, ["notice.published"]);
    const { liufang, zhoumin } = await actors("liufang", "zhoumin");
    const { id } = await publish(liufang, { userIds: [zhoumin.id], title: unique("关于报送课表的通知") });
    const [queued] = await deliveriesOf(hookId);
    expect(queued).toMatchObject({ event: "notice.published", status: "pending", payload: { noticeId: id, kind: "notice", revision: 1 } });
    await dispatchDue();
    expect(r.received.map((x) => x.headers["x-zhongshu-event"])).toEqual(["notice.published"]);
  });

  it("retries a failing endpoint with back-off, gives up after 8 attempts, and never slows the action", async () => {
    const r = await receiver(500);
    const { id: hookId } = await webhook(r.url, ["item.created"]);
    const { liufang } = await actors("liufang");
    const started = performance.now();
    const item = await registerItem(liufang, await registerForm({ lead: "教务处" }));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(item.id).toBeGreaterThan(0);
    expect(r.received).toHaveLength(0);

    let now = new Date();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      await dispatchDue({ now });
      const [d] = await deliveriesOf(hookId);
      expect(d.attempts).toBe(attempt);
      expect(d.lastStatusCode).toBe(500);
      expect(d.lastError).toBe("HTTP 500");
      if (attempt < 8) {
        expect(d.status).toBe("pending");
        waits.push(Math.round((d.nextAttemptAt.getTime() - now.getTime()) / 60_000));
        // Not due before its time.
        await dispatchDue({ now: new Date(d.nextAttemptAt.getTime() - 1_000) });
        expect((await deliveriesOf(hookId))[0].attempts).toBe(attempt);
        now = d.nextAttemptAt;
      } else {
        expect(d.status).toBe("failed");
      }
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60]);
    expect(r.received).toHaveLength(8);
    const { deliveries } = await listWebhookDeliveries(await actorFor("admin"), hookId);
    expect(deliveries[0]).toMatchObject({ status: "failed", attempts: 8, lastStatusCode: 500 });
  });

  it("records a closed port as an error and retries it", async () => {
    const r = await receiver();
    const url = r.url;
    await r.stop();
    const { id: hookId } = await webhook(url, ["item.created"]);
    const { liufang } = await actors("liufang");
    const started = performance.now();
    await registerItem(liufang, await registerForm({ lead: "教务处" }));
    expect(performance.now() - started).toBeLessThan(2_000);
    const now = new Date();
    await dispatchDue({ now });
    const [d] = await deliveriesOf(hookId);
    expect(d).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
    expect(d.lastError).toMatch(/ECONNREFUSED|fetch failed|connect/i);
    expect(d.nextAttemptAt.getTime() - now.getTime()).toBe(60_000);
  });

  it("gives each delivery to exactly one of several concurrent dispatchers", async () => {
    const r = await receiver();
    const { id: hookId } = await webhook(r.url, ["item.created"]);
    const { liufang } = await actors("liufang");
    for (let i = 0; i < 12; i++) await registerItem(liufang, await registerForm({ lead: "教务处" }));
    const results = await Promise.all([dispatchDue({ limit: 5 }), dispatchDue({ limit: 5 }), dispatchDue({ limit: 5 }), dispatchDue({ limit: 5 })]);
    expect(results.reduce((n, x) => n + x.delivered, 0)).toBe(12);
    const ids = r.received.map((x) => x.headers["x-zhongshu-delivery"]);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect((await deliveriesOf(hookId)).every((d) => d.status === "delivered" && d.attempts === 1)).toBe(true);
  });

  it("queues item.overdue once per item per due date, however often the sweep runs", async () => {
    const r = await receiver();
    const { id: hookId } = await webhook(r.url, ["item.overdue"]);
    const { liufang } = await actors("liufang");
    const { id } = await registerItem(liufang, await registerForm({ lead: "教务处" }));
    await dispatchItem(liufang, id, 1);
    await getSql()`update items set due_on = ${inDays(-2)}::date where id = ${id}`;
    await sweepItems(today());
    await sweepItems(today());
    const overdue = (await deliveriesOf(hookId)).filter((d) => d.payload.itemId === id);
    expect(overdue).toHaveLength(1);
    expect(overdue[0].payload).toMatchObject({ itemId: id, dueOn: inDays(-2), state: "sent" });
    // A new due date (an extension, later missed too) is a new overdue event.
    await getSql()`update items set due_on = ${inDays(-1)}::date where id = ${id}`;
    await sweepItems(today());
    await sweepItems(today());
    expect((await deliveriesOf(hookId)).filter((d) => d.payload.itemId === id)).toHaveLength(2);
  });

  it("sends a test event to one active endpoint on request (admins only)", async () => {
    const r = await receiver();
    const { id: hookId, secret } = await webhook(r.url, ["notice.published"]);
    const admin = await actorFor("admin");
    const { liufang } = await actors("liufang");
    await expect(sendTestEvent(liufang, hookId)).rejects.toMatchObject({ code: "forbidden" });
    await sendTestEvent(admin, hookId);
    await dispatchDue();
    expect(r.received).toHaveLength(1);
    const got = r.received[0];
    expect(got.headers["x-zhongshu-event"]).toBe("ping");
    expect(verifySignature(secret, Number(got.headers["x-zhongshu-timestamp"]), got.body, String(got.headers["x-zhongshu-signature"]))).toBe(true);
    const [row] = await getDb().select({ version: webhooks.version }).from(webhooks).where(eq(webhooks.id, hookId));
    await setWebhookActive(admin, hookId, row.version, false);
    await expect(sendTestEvent(admin, hookId)).rejects.toMatchObject({ code: "wrongState" });
  });
});
