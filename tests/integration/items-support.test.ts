// A support department reports its own part done against its sub-deadline.
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { decideItem, proposeItem, registerItem, reportProgress, signFor } from "@/lib/dal/items/commands";
import { getItem } from "@/lib/dal/items/queries";
import { expectDomainError } from "../support/db";
import { actors, inDays, registerForm } from "../support/items";

let p: Record<"liufang" | "liminghua" | "wuting" | "linxue" | "hejun" | "zhengkai", Actor>;
beforeAll(async () => {
  p = await actors("liufang", "liminghua", "wuting", "linxue", "hejun", "zhengkai");
});

it("marks the support department's part done, and refuses the mark to the lead department", async () => {
  const { id } = await registerItem(p.liufang, await registerForm({ lead: "教务处", support: ["学生处"], supportDue: { 学生处: inDays(3) } }));
  let v = (await proposeItem(p.liufang, id, 1, "拟办")).version;
  v = (await decideItem(p.liminghua, id, v, "approve", null)).version;
  v = (await signFor(p.wuting, id, v)).version;
  await expectDomainError(reportProgress(p.zhengkai, id, v, "主办部门不能用这个", true), "forbidden");
  v = (await reportProgress(p.hejun, id, v, "学生处承办部分已完成", true)).version;
  const item = await getItem(p.liufang, id);
  const support = item.departments.find((d) => d.role === "support")!;
  expect(support.completedAt).not.toBeNull();
  expect(item.departments.find((d) => d.role === "lead")!.completedAt).toBeNull();
  expect(item.events.at(-1)).toMatchObject({ action: "report_progress", data: { partDone: true } });
  const [{ n }] = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from item_departments where item_id = ${id} and completed_at is not null`);
  expect(n).toBe(1);
  expect(v).toBe(5);
});
