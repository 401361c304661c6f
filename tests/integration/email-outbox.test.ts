// E-mail copies of notifications against a real SMTP server (smtp-server on 127.0.0.1): queued
// in the notifying transaction, sent in the background, retried with back-off when the server
// refuses or is down, never failing the action that caused them, and sent once even when two
// instances drain at the same time.
import { AddressInfo } from "node:net";
import { eq, inArray, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailOutbox, notifications, users } from "@/db/schema";
import type { Actor } from "@/lib/dal/actor";
import { proposeItem, registerItem } from "@/lib/dal/items/commands";
import { notifyAbout } from "@/lib/dal/notify";
import { formatItemNumber } from "@/lib/domain/items/numbering";
import { drainOutbox } from "@/lib/mail/outbox";
import { actorFor, insertUser, unique } from "../support/db";
import { actors, registerForm } from "../support/items";

type Received = { from: string; to: string[]; subject: string; body: string };

/** A local SMTP server that keeps what it receives; `refuse` makes it answer RCPT TO with 451. */
class TestSmtp {
  received: Received[] = [];
  refuse = false;
  private server: SMTPServer | null = null;
  port = 0;

  async start(): Promise<string> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo: (_address, _session, callback) => {
        if (!this.refuse) return callback();
        const error = Object.assign(new Error("Mailbox temporarily unavailable"), { responseCode: 451 });
        callback(error);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const mail = parseMail(Buffer.concat(chunks).toString("utf8"));
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            ...mail,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): Received[] {
    return this.received.filter((m) => m.to.includes(address));
  }
}

/** Headers and text of a single-part message as nodemailer writes it (encoded words, QP or base64). */
function parseMail(raw: string): { subject: string; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, " ");
  const rest = raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const header = (name: string) => head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim() ?? "";
  const subject = header("Subject")
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/(=\?utf-8\?[bq]\?[^?]*\?=)+/gi, (words) =>
      Buffer.concat(
        [...words.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)].map(([, enc, text]) =>
          enc.toLowerCase() === "b" ? Buffer.from(text, "base64") : qpBytes(text.replace(/_/g, " ")),
        ),
      ).toString("utf8"),
    );
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const body =
    encoding === "base64"
      ? Buffer.from(rest.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? qpBytes(rest.replace(/=\r?\n/g, "")).toString("utf8")
        : rest;
  return { subject, body: body.replace(/\r\n/g, "\n") };
}

function qpBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "=" && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i], "utf8"));
  }
  return Buffer.from(bytes);
}

const smtp = new TestSmtp();
const FROM = "zhongshu@school.example.test";
const PUBLIC_URL = "https://zs.example.test";
const MIN = 60_000;

let p: Record<"liufang" | "liminghua", Actor>;
let leaderEmail: string;
let previousLeaderEmail: string | null;

async function outboxFor(address: string) {
  return getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).orderBy(emailOutbox.id);
}

/** A person with an e-mail address, and an item to notify them about. */
async function recipient() {
  const address = `${unique("r")}@school.example.test`;
  const user = await insertUser({ roles: ["dept_staff"] });
  await getDb().update(users).set({ email: address }).where(eq(users.id, user.id));
  return { actor: await actorFor(user.id), address };
}

let itemId: number;

beforeAll(async () => {
  process.env.ZHONGSHU_SMTP_URL = await smtp.start();
  process.env.ZHONGSHU_SMTP_FROM = FROM;
  process.env.ZHONGSHU_PUBLIC_URL = PUBLIC_URL;
  p = await actors("liufang", "liminghua");
  leaderEmail = `${unique("liminghua")}@school.example.test`;
  const [row] = await getDb().select({ email: users.email }).from(users).where(eq(users.id, p.liminghua.id));
  previousLeaderEmail = row.email;
  await getDb().update(users).set({ email: leaderEmail }).where(eq(users.id, p.liminghua.id));
  itemId = (await registerItem(p.liufang, await registerForm({ lead: "教务处" }))).id;
});

afterAll(async () => {
  await getDb().update(users).set({ email: previousLeaderEmail }).where(eq(users.id, p.liminghua.id));
  // Nothing of this file's mail may be left for another file's drain.
  await getDb().update(emailOutbox).set({ status: "failed", lastError: "test cleanup" }).where(eq(emailOutbox.status, "pending"));
  await smtp.stop();
  delete process.env.ZHONGSHU_SMTP_URL;
  delete process.env.ZHONGSHU_SMTP_FROM;
  delete process.env.ZHONGSHU_PUBLIC_URL;
});

beforeEach(() => {
  smtp.refuse = false;
});

describe("a notification by e-mail", () => {
  it("is queued by the action and sent by the outbox, in Chinese, with the record and a link", async () => {
    const title = unique("关于期末考试安排的督办");
    const { id } = await registerItem(p.liufang, await registerForm({ lead: "教务处", title }));
    await proposeItem(p.liufang, id, 1, "拟请李副校长阅示。");

    // The action only queued it: nothing was sent yet.
    const [queued] = await outboxFor(leaderEmail);
    expect(queued).toMatchObject({ status: "pending", attempts: 0 });
    expect(smtp.to(leaderEmail)).toHaveLength(0);
    const [note] = await getDb().select().from(notifications).where(eq(notifications.id, queued.notificationId!));
    expect(note).toMatchObject({ userId: p.liminghua.id, itemId: id, kind: "awaiting_decision" });

    const result = await drainOutbox();
    expect(result).toMatchObject({ sent: 1, retried: 0, failed: 0 });
    const [mail] = smtp.to(leaderEmail);
    const [item] = await getDb().execute<{ year: number; seq: number }>(sql`select year, seq from items where id = ${id}`);
    const number = formatItemNumber("assignment", item.year, item.seq);
    expect(mail.from).toBe(FROM);
    expect(mail.to).toEqual([leaderEmail]);
    expect(mail.subject).toBe(`【示范市第一中学】有事项呈报您批示：${number} ${title}`);
    expect(mail.body).toContain(`${p.liminghua.name}：`);
    expect(mail.body).toContain(`${PUBLIC_URL}/notifications/${note.id}`);
    const [sent] = await outboxFor(leaderEmail);
    expect(sent).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);

    // Sent is sent: another drain sends nothing again.
    await drainOutbox({ now: new Date(Date.now() + 24 * 60 * MIN) });
    expect(smtp.to(leaderEmail)).toHaveLength(1);
  });

  it("is not queued for a person without an address, nor when SMTP is not configured", async () => {
    const noAddress = await actorFor((await insertUser({ roles: ["dept_staff"] })).id);
    const { actor, address } = await recipient();
    const before = await getDb().select({ id: emailOutbox.id }).from(emailOutbox);
    await getDb().transaction((tx) => notifyAbout(tx, [noAddress.id], { itemId }, "urged"));
    const url = process.env.ZHONGSHU_SMTP_URL;
    delete process.env.ZHONGSHU_SMTP_URL;
    try {
      await getDb().transaction((tx) => notifyAbout(tx, [actor.id], { itemId }, "urged"));
    } finally {
      process.env.ZHONGSHU_SMTP_URL = url;
    }
    expect(await getDb().select({ id: emailOutbox.id }).from(emailOutbox)).toHaveLength(before.length);
    expect(await outboxFor(address)).toEqual([]);
  });

  it("is not queued when the notifying transaction rolls back", async () => {
    const { actor, address } = await recipient();
    await expect(
      getDb().transaction(async (tx) => {
        await notifyAbout(tx, [actor.id], { itemId }, "urged");
        throw new Error("the change failed");
      }),
    ).rejects.toThrow();
    expect(await outboxFor(address)).toEqual([]);
  });
});

describe("when the mail server refuses or is down", () => {
  it("the action still succeeds, the message is retried with back-off and sent once the server is back", async () => {
    const { actor, address } = await recipient();
    smtp.refuse = true;
    const started = Date.now();
    await getDb().transaction((tx) => notifyAbout(tx, [actor.id], { itemId }, "urged"));
    expect(Date.now() - started).toBeLessThan(2_000);

    const t0 = new Date();
    expect(await drainOutbox({ now: t0 })).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
    let [row] = await outboxFor(address);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/451|unavailable/i);
    expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + 1 * MIN);

    // Not due yet: nothing is tried.
    expect(await drainOutbox({ now: new Date(t0.getTime() + 30_000) })).toMatchObject({ claimed: 0 });

    // Still refused a minute later: the wait doubles.
    const t1 = new Date(t0.getTime() + 1 * MIN);
    expect(await drainOutbox({ now: t1 })).toMatchObject({ claimed: 1, retried: 1 });
    [row] = await outboxFor(address);
    expect(row).toMatchObject({ status: "pending", attempts: 2 });
    expect(row.nextAttemptAt.getTime()).toBe(t1.getTime() + 2 * MIN);

    // The server is stopped altogether: connection refused, retried again.
    await smtp.stop();
    const t2 = new Date(t1.getTime() + 2 * MIN);
    expect(await drainOutbox({ now: t2 })).toMatchObject({ claimed: 1, retried: 1 });
    [row] = await outboxFor(address);
    expect(row).toMatchObject({ status: "pending", attempts: 3 });
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(row.nextAttemptAt.getTime()).toBe(t2.getTime() + 4 * MIN);

    // Back (on a new port, as after a move): sent exactly once.
    smtp.refuse = false;
    process.env.ZHONGSHU_SMTP_URL = await smtp.start();
    expect(await drainOutbox({ now: new Date(t2.getTime() + 4 * MIN) })).toMatchObject({ claimed: 1, sent: 1 });
    [row] = await outboxFor(address);
    expect(row).toMatchObject({ status: "sent", attempts: 4, lastError: null });
    expect(smtp.to(address)).toHaveLength(1);
    await drainOutbox({ now: new Date(t2.getTime() + 24 * 60 * MIN) });
    expect(smtp.to(address)).toHaveLength(1);
  });

  it("gives up after 8 attempts and keeps the last error", async () => {
    const { actor, address } = await recipient();
    smtp.refuse = true;
    await getDb().transaction((tx) => notifyAbout(tx, [actor.id], { itemId }, "urged"));
    let now = Date.now();
    for (let attempt = 1; attempt <= 8; attempt++) {
      await drainOutbox({ now: new Date(now) });
      const [row] = await outboxFor(address);
      expect(row.attempts).toBe(attempt);
      expect(row.status).toBe(attempt < 8 ? "pending" : "failed");
      now = row.nextAttemptAt.getTime();
    }
    const [row] = await outboxFor(address);
    expect(row.lastError).toMatch(/451|unavailable/i);
    expect(await drainOutbox({ now: new Date(now + 24 * 60 * MIN) })).toMatchObject({ claimed: 0 });
    expect(smtp.to(address)).toHaveLength(0);
  });
});

describe("several instances", () => {
  it("send each message once when they drain at the same time (SKIP LOCKED)", async () => {
    const people = await Promise.all(Array.from({ length: 6 }, () => recipient()));
    await getDb().transaction((tx) =>
      notifyAbout(
        tx,
        people.map((x) => x.actor.id),
        { itemId },
        "urged",
      ),
    );
    const addresses = people.map((x) => x.address);
    const results = await Promise.all([drainOutbox({ limit: 3 }), drainOutbox({ limit: 3 }), drainOutbox({ limit: 3 }), drainOutbox({ limit: 3 })]);
    const sent = results.reduce((n, r) => n + r.sent, 0);
    // Whatever one round left is sent by the next; never twice.
    const more = await drainOutbox();
    expect(sent + more.sent).toBe(6);
    for (const a of addresses) expect(smtp.to(a), a).toHaveLength(1);
    const rows = await getDb().select().from(emailOutbox).where(inArray(emailOutbox.toAddress, addresses));
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(addresses.map(() => ["sent", 1]));
  });
});
