// Notifications are private to their addressee.
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/lib/dal/actor";
import { proposeItem, registerItem } from "@/lib/dal/items/commands";
import { markAllRead, myNotifications, unreadCount } from "@/lib/dal/notifications";
import { actors, registerForm } from "../support/items";

let p: Record<"liufang" | "liminghua" | "zhangweidong", Actor>;
beforeAll(async () => {
  p = await actors("liufang", "liminghua", "zhangweidong");
});

it("the routed leader is told, others are not; marking read touches only one's own", async () => {
  const { id } = await registerItem(p.liufang, await registerForm({ lead: "教务处" }));
  await proposeItem(p.liufang, id, 1, "拟办");
  const mine = await myNotifications(p.liminghua);
  expect(mine.find((n) => n.itemId === id)).toMatchObject({ kind: "awaiting_decision", read: false });
  expect((await myNotifications(p.zhangweidong)).some((n) => n.itemId === id)).toBe(false);
  const othersUnread = await unreadCount(p.zhangweidong);
  expect(await markAllRead(p.liminghua)).toBeGreaterThan(0);
  expect(await unreadCount(p.liminghua)).toBe(0);
  expect(await unreadCount(p.zhangweidong)).toBe(othersUnread);
});
