import "server-only";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { webhookDeliveries, webhooks } from "@/db/schema";
import type { WebhookCreateInput } from "@/lib/domain/api/inputs";
import { generateWebhookSecret, PING_EVENT, type WebhookEvent } from "@/lib/domain/api/webhooks";
import { formatItemNumber, type ItemKind } from "@/lib/domain/items/numbering";
import type { Actor } from "./actor";
import { audit } from "./audit";
import { conflict, DomainError, notFound } from "./errors";

// Outgoing webhooks. A change that has subscribers writes one delivery row per subscribed,
// active webhook in its own transaction (enqueueWebhookEvent); lib/webhooks/dispatcher.ts sends
// them in the background. So a slow or failing endpoint never slows or fails the change, and
// a change that rolls back sends nothing.
//
// Any http(s) URL may be registered, intranet hosts included (the usual targets: the document
// system, DingTalk/WeCom bot relays). Only an admin registers endpoints, and the dispatcher
// follows no redirects.

export type WebhookPayload = Record<string, unknown>;

/**
 * Inside the causing transaction: one pending delivery per active webhook subscribed to the
 * event. With `once`, a webhook that already has a delivery of this event whose payload
 * contains `once` gets none (e.g. "overdue" once per item per due date, however often the
 * sweep runs, on however many instances). Returns the number of deliveries queued.
 */
export async function enqueueWebhookEvent(tx: Tx, event: WebhookEvent, payload: WebhookPayload, opts: { once?: WebhookPayload } = {}): Promise<number> {
  const targets = await tx
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(eq(webhooks.active, true), sql`${event} = any(${webhooks.events})`));
  if (!targets.length) return 0;
  let ids = targets.map((t) => t.id);
  if (opts.once) {
    const once = JSON.stringify(opts.once);
    // Two transactions enqueueing the same once-event queue here; the second then sees the first's row.
    await tx.execute(sql`select pg_advisory_xact_lock(727010, hashtext(${`${event}:${once}`}))`);
    const done = await tx
      .select({ webhookId: webhookDeliveries.webhookId })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.event, event), sql`${webhookDeliveries.payload} @> ${once}::jsonb`));
    const skip = new Set(done.map((d) => d.webhookId));
    ids = ids.filter((id) => !skip.has(id));
    if (!ids.length) return 0;
  }
  await tx.insert(webhookDeliveries).values(ids.map((webhookId) => ({ webhookId, event, payload })));
  return ids.length;
}

/** What a webhook says about an item (the same shape for every item event). */
export function itemPayload(item: {
  id: number;
  kind: ItemKind;
  year: number;
  seq: number;
  title: string;
  state: string;
  urgency: string;
  major: boolean;
  dueOn: string;
  leadDepartmentId: number;
}): WebhookPayload {
  return {
    itemId: item.id,
    number: formatItemNumber(item.kind, item.year, item.seq),
    title: item.title,
    state: item.state,
    urgency: item.urgency,
    major: item.major,
    dueOn: item.dueOn,
    leadDepartmentId: item.leadDepartmentId,
  };
}

// ---------------------------------------------------------------------------------------
// Administration (admins only)

function requireAdmin(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new DomainError("signedOut");
  if (!actor.roles.includes("admin")) throw new DomainError("forbidden");
}

export type WebhookDto = {
  id: number;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  version: number;
  createdAt: Date;
  pending: number;
  delivered: number;
  failed: number;
  lastDeliveredAt: Date | null;
};

const webhookColumns = {
  id: webhooks.id,
  name: webhooks.name,
  url: webhooks.url,
  events: webhooks.events,
  active: webhooks.active,
  version: webhooks.version,
  createdAt: webhooks.createdAt,
  pending: sql<number>`(select count(*)::int from webhook_deliveries d where d.webhook_id = "webhooks"."id" and d.status = 'pending')`,
  delivered: sql<number>`(select count(*)::int from webhook_deliveries d where d.webhook_id = "webhooks"."id" and d.status = 'delivered')`,
  failed: sql<number>`(select count(*)::int from webhook_deliveries d where d.webhook_id = "webhooks"."id" and d.status = 'failed')`,
  lastDeliveredAt: sql<Date | null>`(select max(d.delivered_at) from webhook_deliveries d where d.webhook_id = "webhooks"."id")`.mapWith((v: string | Date | null) => (v ? new Date(v) : null)),
};

export async function listWebhooks(actor: Actor | null): Promise<WebhookDto[]> {
  requireAdmin(actor);
  return getDb().select(webhookColumns).from(webhooks).orderBy(desc(webhooks.id));
}

export async function getWebhook(actor: Actor | null, id: number): Promise<WebhookDto> {
  requireAdmin(actor);
  const [row] = await getDb().select(webhookColumns).from(webhooks).where(eq(webhooks.id, id));
  if (!row) throw notFound();
  return row;
}

/** Registers an endpoint; the signing secret is returned here once and never shown again. */
export async function createWebhook(actor: Actor | null, input: WebhookCreateInput): Promise<{ id: number; secret: string }> {
  requireAdmin(actor);
  const secret = generateWebhookSecret();
  return getDb().transaction(async (tx) => {
    const [row] = await tx.insert(webhooks).values({ name: input.name, url: input.url, secret, events: input.events, createdById: actor.id }).returning({ id: webhooks.id });
    await audit(tx, actor, { action: "webhook.create", entity: "webhook", entityId: row.id, data: { name: input.name, url: input.url, events: input.events } });
    return { id: row.id, secret };
  });
}

/** Pauses or resumes an endpoint; deliveries of a paused one wait (pending) until it resumes. */
export async function setWebhookActive(actor: Actor | null, id: number, expectedVersion: number, active: boolean): Promise<void> {
  requireAdmin(actor);
  await getDb().transaction(async (tx) => {
    const [row] = await tx.select({ version: webhooks.version }).from(webhooks).where(eq(webhooks.id, id)).for("update");
    if (!row) throw notFound();
    if (row.version !== expectedVersion) throw conflict();
    await tx
      .update(webhooks)
      .set({ active, version: sql`${webhooks.version} + 1`, updatedAt: new Date() })
      .where(and(eq(webhooks.id, id), eq(webhooks.version, expectedVersion)));
    await audit(tx, actor, { action: active ? "webhook.activate" : "webhook.deactivate", entity: "webhook", entityId: id });
  });
}

/** Queues a "ping" delivery to this one endpoint, whatever it subscribes to. */
export async function sendTestEvent(actor: Actor | null, id: number): Promise<void> {
  requireAdmin(actor);
  await getDb().transaction(async (tx) => {
    const [row] = await tx.select({ active: webhooks.active }).from(webhooks).where(eq(webhooks.id, id)).for("update");
    if (!row) throw notFound();
    if (!row.active) throw new DomainError("wrongState");
    await tx.insert(webhookDeliveries).values({ webhookId: id, event: PING_EVENT, payload: { message: "Zhongshu test event", sentById: actor.id } });
    await audit(tx, actor, { action: "webhook.test", entity: "webhook", entityId: id });
  });
}

export type WebhookDeliveryDto = {
  id: number;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: Date;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
};

export const DELIVERY_PAGE_SIZE = 50;

/** A webhook's deliveries, newest first, keyset-paged by id. */
export async function listWebhookDeliveries(
  actor: Actor | null,
  webhookId: number,
  opts: { before?: number; limit?: number } = {},
): Promise<{ deliveries: WebhookDeliveryDto[]; olderBefore: number | null }> {
  requireAdmin(actor);
  const limit = Math.min(Math.max(opts.limit ?? DELIVERY_PAGE_SIZE, 1), 200);
  const rows = await getDb()
    .select({
      id: webhookDeliveries.id,
      event: webhookDeliveries.event,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, webhookId), opts.before ? lt(webhookDeliveries.id, opts.before) : undefined))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit + 1);
  const deliveries = rows.slice(0, limit);
  return { deliveries, olderBefore: rows.length > limit ? deliveries[deliveries.length - 1].id : null };
}
