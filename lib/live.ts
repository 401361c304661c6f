// Live unread counts across app instances: each process keeps ONE dedicated PostgreSQL
// connection listening on the notifications channel (postgres.js `listen`, which reconnects
// and listens again by itself after a dropped connection) and fans each NOTIFY out to the
// streams open in this process for the people it names. Nothing is shared through process
// memory between instances: every instance hears every NOTIFY from PostgreSQL.
import "server-only";
import type postgres from "postgres";
import { getSql } from "@/db/client";
import { NOTIFY_CHANNEL, parseUnreadPayload } from "@/lib/domain/notifications/live";

/** Called when the person's unread count may have changed ("changed"), or when notifications
 * may have been missed while the listening connection was down ("resync"). */
export type LiveListener = (reason: "changed" | "resync") => void;

export class LiveHub {
  private readonly subscribers = new Map<number, Set<LiveListener>>();
  private listening: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private listens = 0;

  constructor(private readonly sql: postgres.Sql) {}

  /** Starts listening (once); resolves when the LISTEN is in place. A failure is retried on the next call. */
  start(): Promise<void> {
    this.listening ??= this.sql
      .listen(
        NOTIFY_CHANNEL,
        (payload) => this.deliver(parseUnreadPayload(payload)),
        () => {
          // Called after the first LISTEN and after every re-LISTEN that follows a reconnect:
          // anything sent in between was lost, so every open stream re-reads its count.
          if (this.listens++ > 0) this.broadcast("resync");
        },
      )
      .then(
        (result) => {
          this.unlisten = result.unlisten;
        },
        (error: unknown) => {
          this.listening = null;
          throw error;
        },
      );
    return this.listening;
  }

  /** Calls `listener` whenever a NOTIFY names this person; returns the unsubscribe function. */
  subscribe(userId: number, listener: LiveListener): () => void {
    let set = this.subscribers.get(userId);
    if (!set) this.subscribers.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      const current = this.subscribers.get(userId);
      if (!current) return;
      current.delete(listener);
      if (!current.size) this.subscribers.delete(userId);
    };
  }

  /** How many streams of this process follow the person (for tests and diagnostics). */
  subscriberCount(userId?: number): number {
    if (userId !== undefined) return this.subscribers.get(userId)?.size ?? 0;
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  async stop(): Promise<void> {
    const unlisten = this.unlisten;
    this.unlisten = null;
    this.listening = null;
    this.subscribers.clear();
    await unlisten?.().catch(() => {});
  }

  private deliver(userIds: number[]): void {
    for (const id of userIds) {
      for (const listener of this.subscribers.get(id) ?? []) this.safely(listener, "changed");
    }
  }

  private broadcast(reason: "resync"): void {
    for (const set of this.subscribers.values()) for (const listener of set) this.safely(listener, reason);
  }

  private safely(listener: LiveListener, reason: "changed" | "resync"): void {
    try {
      listener(reason);
    } catch (e) {
      console.error("[zhongshu] live listener failed", e);
    }
  }
}

const globalForLive = globalThis as unknown as { __zhongshuLive?: { sql: postgres.Sql; hub: LiveHub } };

/** This process's hub, listening on the app's database (created on first use). */
export function liveHub(): LiveHub {
  const sql = getSql();
  const existing = globalForLive.__zhongshuLive;
  if (existing && existing.sql === sql) return existing.hub;
  const hub = new LiveHub(sql);
  globalForLive.__zhongshuLive = { sql, hub };
  return hub;
}
