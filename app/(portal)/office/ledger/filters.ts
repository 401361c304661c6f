// The ledger's filters as they travel in the address (?state=…&dept=…), read the same way by
// the page and by the export so that the file holds exactly what the page shows.
import type { LedgerFilter } from "@/lib/dal/items/queries";
import { isIsoDate } from "@/lib/domain/calendar";
import { ITEM_STATES, URGENCIES, type ItemState, type Urgency } from "@/lib/domain/items/lifecycle";

export type LedgerParams = {
  filter: LedgerFilter;
  /** The filters as a query string (no paging), for links and the export. */
  query: string;
  /** Keyset cursor: show items with a smaller id. */
  before?: number;
  /** Keyset cursor when sorted by due date: show items after this (due date, id). */
  after?: { dueOn: string; id: number };
  /** What the form shows back. */
  values: { sort: string; state: string; dept: string; role: string; leader: string; urgency: string; overdue: boolean; major: boolean; due: string; from: string; to: string; q: string };
};

type Raw = Record<string, string | string[] | undefined> | URLSearchParams;

// Ids are PostgreSQL integers; anything else is ignored rather than sent to the database.
const id = (v: string) => (/^\d{1,10}$/.test(v) && Number(v) > 0 && Number(v) <= 2_147_483_647 ? Number(v) : undefined);

export function parseLedgerParams(raw: Raw): LedgerParams {
  const get = (k: string): string => {
    const v = raw instanceof URLSearchParams ? raw.get(k) : raw[k];
    return (Array.isArray(v) ? v[0] : v ?? "").trim();
  };
  const filter: LedgerFilter = {};
  const q = new URLSearchParams();
  const keep = (k: string, v: string) => q.set(k, v);

  const state = get("state");
  if (state === "open") {
    filter.open = true;
    keep("state", state);
  } else if ((ITEM_STATES as readonly string[]).includes(state)) {
    filter.state = state as ItemState;
    keep("state", state);
  }
  const dept = id(get("dept"));
  const leadOnly = get("role") === "lead";
  if (dept) {
    filter.departmentId = dept;
    keep("dept", String(dept));
    if (leadOnly) {
      filter.leadOnly = true;
      keep("role", "lead");
    }
  }
  const leader = id(get("leader"));
  if (leader) {
    filter.leaderId = leader;
    keep("leader", String(leader));
  }
  const urgency = get("urgency");
  if ((URGENCIES as readonly string[]).includes(urgency)) {
    filter.urgency = urgency as Urgency;
    keep("urgency", urgency);
  }
  const overdue = get("overdue") === "1";
  if (overdue) {
    filter.overdue = true;
    keep("overdue", "1");
  }
  const major = get("major") === "1";
  if (major) {
    filter.major = true;
    keep("major", "1");
  }
  const due = get("due");
  if (/^\d{1,3}$/.test(due) && Number(due) <= 366) {
    filter.dueWithinDays = Number(due);
    keep("due", String(Number(due)));
  }
  const from = get("from");
  if (isIsoDate(from)) {
    filter.from = from;
    keep("from", from);
  }
  const to = get("to");
  if (isIsoDate(to)) {
    filter.to = to;
    keep("to", to);
  }
  const text = get("q").slice(0, 100);
  if (text) {
    filter.q = text;
    keep("q", text);
  }
  if (get("sort") === "due") {
    filter.sort = "due";
    keep("sort", "due");
  }
  const before = id(get("before"));
  const afterMatch = /^(\d{4}-\d{2}-\d{2})_(\d{1,10})$/.exec(get("after"));
  const after = afterMatch && isIsoDate(afterMatch[1]) && id(afterMatch[2]) ? { dueOn: afterMatch[1], id: Number(afterMatch[2]) } : undefined;
  return {
    filter,
    query: q.toString(),
    before: filter.sort === "due" ? undefined : before,
    after: filter.sort === "due" ? after : undefined,
    values: {
      sort: filter.sort ?? "",
      state: filter.open ? "open" : (filter.state ?? ""),
      dept: dept ? String(dept) : "",
      role: leadOnly ? "lead" : "",
      leader: leader ? String(leader) : "",
      urgency: filter.urgency ?? "",
      overdue,
      major,
      due: filter.dueWithinDays !== undefined ? String(filter.dueWithinDays) : "",
      from: filter.from ?? "",
      to: filter.to ?? "",
      q: text,
    },
  };
}
