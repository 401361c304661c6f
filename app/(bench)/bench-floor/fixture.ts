// BENCH ONLY. The benchmark's floors (`npm run bench`) render real page components from rows
// the bench read once from the database and wrote to a JSON file; this reads that file. Every
// floor answers 404 unless ZHONGSHU_BENCH_FLOOR=1, so a normal start never serves them.
import "server-only";
import { readFileSync, statSync } from "node:fs";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import type { Role } from "@/lib/domain/roles";
import type { Home } from "@/lib/domain/roles";
import type { InboxEntry, ItemDetail } from "@/lib/dal/items/queries";
import type { UserDto } from "@/lib/dal/users";
import type { DepartmentDto } from "@/lib/dal/departments";
import type { LeaderOption } from "@/lib/dal/items/leaders";
import type { RequestListEntry } from "@/lib/dal/requests/queries";
import type { ListedFile } from "@/components/attachments/attachments-card";

/** What the floors show; bench/fixture.ts writes it (keep the two in step). */
export type FloorFixture = {
  /** The signed-in person as the portal's header shows them. */
  actor: { name: string; departmentName: string; departmentId: number; roles: Role[]; home: Home; homes: Home[] };
  unread: number;
  today: string;
  inbox: {
    greeting: { workingDay: boolean };
    deputies: string[];
    after?: { dueOn: string; id: number };
    rows: InboxEntry[];
    members: UserDto[];
    requests: RequestListEntry[];
  };
  item: {
    detail: ItemDetail;
    departments: DepartmentDto[];
    names: [number, string][];
    leaders: LeaderOption[];
    files: ListedFile[];
  };
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
let cached: { key: string; fixture: FloorFixture } | undefined;

/** The fixture, read once per file version; 404 unless the floors are switched on. */
export async function floorFixture(): Promise<FloorFixture> {
  await connection();
  const file = process.env.ZHONGSHU_BENCH_FIXTURE;
  if (process.env.ZHONGSHU_BENCH_FLOOR !== "1" || !file) notFound();
  const key = `${file}:${statSync(file).mtimeMs}`;
  if (cached?.key !== key) {
    // Timestamps come back as Dates, as the data layer returns them; plain dates stay strings.
    const fixture = JSON.parse(readFileSync(file, "utf8"), (_k, v) => (typeof v === "string" && ISO_TIME.test(v) ? new Date(v) : v)) as FloorFixture;
    cached = { key, fixture };
  }
  return cached.fixture;
}
