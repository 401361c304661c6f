// The bench's organisation: N departments, M people, deputies with portfolios, then items with
// their departments and timelines, all generated inside PostgreSQL (INSERT … SELECT over
// generate_series, in batches) so that 100,000 items and 1,000,000 events take seconds.
//
// One department (部门1, "the busy department") takes part in every item, as lead or support:
// its inbox is deep enough for a keyset page 500 at 100,000 items. Its liaison is the bench's
// department user.
//
// Timelines are hash chains (migration 0014: a BEFORE INSERT trigger links each event to the
// one before it). Through the trigger, a million events take minutes; so, when the connection
// may (superuser), the events are inserted with the trigger off (session_replication_role =
// replica) and their chain computed here by the same rule — sha256(previous hash ||
// audit_chain_content(row)) — in one recursive query per batch; smoke runs then check every
// chain with db/audit-chain.ts. Otherwise they go through the trigger.
import type postgres from "postgres";
import { documentTokens } from "../lib/domain/search";
import type { Size } from "./options";

const TITLES = [
  "关于做好校园安全检查工作的通知",
  "期末考试组织安排",
  "年度预算执行情况报告",
  "教师培训计划落实",
  "食堂卫生专项整治",
  "学生心理健康教育活动",
  "消防设施维护更新",
  "科研项目申报材料审核",
  "新学期教材征订",
  "Budget review for the science building",
  "校园网络升级改造",
  "家长会组织工作",
  "人事档案数字化整理",
  "实验室危化品管理自查",
  "毕业典礼筹备",
  "暑期值班安排",
];

const EVENT_ACTIONS = ["register", "propose", "approve", "sign_for", "report_progress", "report_progress", "urge", "report_progress", "report_completion", "attach"];
const BATCH = 50_000;
export const BUSY_DEPARTMENT = "部门1";

/** Departments, people (a tenth heads, a tenth liaisons), ten more deputies and their portfolios. */
export async function generateOrganisation(sql: postgres.Sql, size: Size): Promise<void> {
  const [{ hash }] = await sql`select password_hash as hash from users where login = 'admin'`;
  await sql`
    insert into departments (name, kind, sort_order)
    select '部门' || g, 'functional', 100 + g from generate_series(1, ${size.departments}) g`;
  await sql`
    insert into users (login, name, department_id, password_hash)
    select 'bench' || g, '员工' || g, (select id from departments where name = '部门' || (1 + g % ${size.departments})), ${hash}
    from generate_series(1, ${size.users}) g`;
  await sql`
    insert into user_roles (user_id, role)
    select id, case when (id % 10) = 0 then 'dept_head'::role when (id % 10) = 1 then 'dept_liaison'::role else 'dept_staff'::role end
    from users where login like 'bench%'`;
  // Every department needs a liaison and a head for the bench's sign-ins and notifications.
  await sql`
    insert into user_roles (user_id, role)
    select distinct on (u.department_id) u.id, 'dept_liaison'::role from users u
    where u.login like 'bench%' and not exists (
      select 1 from users v join user_roles r on r.user_id = v.id and r.role = 'dept_liaison' where v.department_id = u.department_id)
    order by u.department_id, u.id
    on conflict do nothing`;
  await sql`
    insert into users (login, name, department_id, password_hash)
    select 'benchdeputy' || g, '副职' || g, (select id from departments where kind = 'leadership' limit 1), ${hash}
    from generate_series(1, 10) g`;
  await sql`insert into user_roles (user_id, role) select id, 'deputy' from users where login like 'benchdeputy%'`;
  await sql`
    insert into portfolios (deputy_id, department_id, starts_on)
    select (select id from users where login = 'benchdeputy' || (1 + (d.sort_order % 10))), d.id, date '2020-01-01'
    from departments d where d.name like '部门%'`;
  await sql`create table if not exists bench_titles (i int primary key, title text, tokens text[])`;
  for (const [i, t] of TITLES.entries()) await sql`insert into bench_titles values (${i}, ${t}, ${documentTokens(t)}) on conflict do nothing`;
}

export type EventMode = "computed chain (trigger off)" | "through the chain trigger" | "no chain trigger";

async function eventMode(sql: postgres.Sql): Promise<EventMode> {
  const [{ chained }] = await sql`select exists (select 1 from pg_trigger where tgrelid = 'item_events'::regclass and tgname = 'zz_audit_chain') as chained`;
  if (!chained) return "no chain trigger";
  const [{ superuser }] = await sql`select rolsuper as superuser from pg_roles where rolname = current_user`;
  return superuser ? "computed chain (trigger off)" : "through the chain trigger";
}

/**
 * Items numbered `from`..`to` (督〔2025〕N号), their lead and support departments and
 * `eventsPerItem` timeline events each. Called once, or twice for --growth (the second call
 * adds to the first).
 */
export async function generateItems(
  sql: postgres.Sql,
  size: Size,
  from: number,
  to: number,
  progress: (message: string) => void,
): Promise<{ seconds: number; events: EventMode }> {
  const started = Date.now();
  const leaders = await sql<{ id: number }[]>`select u.id from users u join user_roles r on r.user_id = u.id where r.role in ('principal', 'deputy') order by u.id`;
  const [{ creator }] = await sql`select id as creator from users where login = 'liufang'`;
  const leaderIds = leaders.map((l) => l.id);
  const D = size.departments;
  const mode = await eventMode(sql);
  await sql`set synchronous_commit = off`;
  for (let lo = from; lo <= to; lo += BATCH) {
    const hi = Math.min(to, lo + BATCH - 1);
    await sql.begin(async (tx) => {
      await tx`
        insert into items (kind, year, seq, title, body, source, urgency, major, state, lead_department_id, due_on,
                           routed_leader_id, route_reason, created_by_id, search_tokens, created_at, last_progress_at, routed_at)
        select 'assignment', 2025, g, t.title || ' #' || g, '批量生成的事项正文 ' || g, 'leader',
               (array['extra_urgent','urgent','normal','normal','normal']::item_urgency[])[1 + g % 5],
               g % 23 = 0,
               (array['awaiting_decision','sent','in_progress','in_progress','completion_reported','closed','closed','closed']::item_state[])[1 + g % 8],
               d.id,
               current_date - 60 + (g % 120),
               (${leaderIds}::int[])[1 + g % ${leaderIds.length}],
               'deputy_portfolio', ${creator},
               t.tokens || array[g::text],
               now() - make_interval(mins => g),
               now() - make_interval(hours => g % 500),
               now() - make_interval(mins => g) + interval '1 hour'
        from generate_series(${lo}::int, ${hi}::int) g
        join bench_titles t on t.i = g % ${TITLES.length}
        join departments d on d.sort_order = 100 + 1 + g % ${D}`;
      // The lead; the busy department in support of everything it does not lead; every third
      // item one more support department. Signed once the item is past "sent".
      await tx`
        insert into item_departments (item_id, department_id, role, due_on, signed_at, signed_by_id)
        select i.id, x.department_id, x.role::item_department_role, case when x.role = 'support' then i.due_on end,
               case when i.state in ('in_progress', 'completion_reported', 'closed') then i.created_at + interval '1 day' end,
               case when i.state in ('in_progress', 'completion_reported', 'closed') then ${creator}::int end
        from items i
        cross join lateral (
          select i.lead_department_id as department_id, 'lead' as role
          union all
          select d.id, 'support' from departments d where d.name = ${BUSY_DEPARTMENT} and d.id <> i.lead_department_id
          union all
          select d.id, 'support' from departments d where i.seq % 3 = 0 and d.sort_order = 100 + 1 + (i.seq * 7) % ${D}
        ) x
        where i.kind = 'assignment' and i.year = 2025 and i.seq between ${lo} and ${hi}
        on conflict do nothing`;
      await insertEvents(tx, mode, lo, hi, size.eventsPerItem, creator);
    });
    progress(`items ${hi.toLocaleString("en")} / ${to.toLocaleString("en")}`);
  }
  await sql`
    insert into item_counters (kind, year, last_seq) values ('assignment', 2025, ${to})
    on conflict (kind, year) do update set last_seq = excluded.last_seq`;
  await sql`select setval(pg_get_serial_sequence('item_events', 'id'), (select max(id) from item_events))`;
  await sql`vacuum analyze`;
  return { seconds: (Date.now() - started) / 1000, events: mode };
}

async function insertEvents(tx: postgres.TransactionSql, mode: EventMode, lo: number, hi: number, n: number, actor: number) {
  const actions = EVENT_ACTIONS.slice(0, n).concat(Array.from({ length: Math.max(0, n - EVENT_ACTIONS.length) }, () => "report_progress"));
  const batch = tx`
    select i.id as item_id, i.created_at, row_number() over (order by i.id) - 1 as rn
    from items i where i.kind = 'assignment' and i.year = 2025 and i.seq between ${lo} and ${hi}`;
  if (mode !== "computed chain (trigger off)") {
    await tx`
      insert into item_events (item_id, actor_id, action, data, at)
      select b.item_id, ${actor}::int, (${actions}::text[])[1 + e], jsonb_build_object('n', e), b.created_at + make_interval(hours => e)
      from (${batch}) b cross join generate_series(0, ${n - 1}) e
      order by b.item_id, e`;
    return;
  }
  // The trigger's rule, set-based: ids given here so that each row's canonical content (which
  // includes its id) is known before it is stored; chain_seq 1..n per item.
  await tx`set local session_replication_role = replica`;
  await tx`set local timezone = 'UTC'`;
  const [{ base }] = await tx`select coalesce(max(id), 0) + 1 as base from item_events`;
  // (A utility statement takes no parameters: create, then fill.)
  await tx`create temporary table bench_chain (item_id int, e int, id bigint, at timestamptz, hash bytea, created_at timestamptz) on commit drop`;
  await tx`
    insert into bench_chain
    with recursive b as (${batch}),
    ev as (
      select b.item_id, 0 as e, (${base}::bigint + b.rn * ${n}) as id, b.created_at as at,
             sha256(audit_chain_content(jsonb_build_object('id', ${base}::bigint + b.rn * ${n}, 'item_id', b.item_id, 'at', b.created_at,
               'actor_id', ${actor}::int, 'action', (${actions}::text[])[1], 'data', jsonb_build_object('n', 0)))) as hash,
             b.created_at as created_at
      from b
      union all
      select ev.item_id, ev.e + 1, ev.id + 1, ev.created_at + make_interval(hours => ev.e + 1),
             sha256(ev.hash || audit_chain_content(jsonb_build_object('id', ev.id + 1, 'item_id', ev.item_id,
               'at', ev.created_at + make_interval(hours => ev.e + 1), 'actor_id', ${actor}::int,
               'action', (${actions}::text[])[ev.e + 2], 'data', jsonb_build_object('n', ev.e + 1)))),
             ev.created_at
      from ev where ev.e < ${n - 1}
    )
    select * from ev`;
  await tx`
    insert into item_events (id, item_id, at, actor_id, action, data, chain_seq, hash)
    select id, item_id, at, ${actor}::int, (${actions}::text[])[e + 1], jsonb_build_object('n', e), e + 1, hash from bench_chain order by id`;
  await tx`
    insert into audit_chain_heads (chain, record_id, seq, hash)
    select 'item_events', item_id, e + 1, hash from bench_chain where e = ${n - 1}`;
}

/** Who the bench signs in as, and the items it works on. */
export type Cast = {
  busyDepartmentId: number;
  liaison: { id: number; login: string; sv: number };
  deputy: { id: number; login: string; sv: number };
  principal: { id: number; login: string; sv: number };
  office: { id: number; login: string; sv: number };
  admin: { id: number; login: string; sv: number };
};

export async function castOf(sql: postgres.Sql): Promise<Cast> {
  const person = async (where: postgres.PendingQuery<postgres.Row[]>) => {
    const [u] = await sql<{ id: number; login: string; sv: number }[]>`select u.id, u.login, u.session_version as sv from users u ${where} order by u.id limit 1`;
    if (!u) throw new Error("bench: a generated person is missing");
    return u;
  };
  const [{ id: busyDepartmentId }] = await sql`select id from departments where name = ${BUSY_DEPARTMENT}`;
  return {
    busyDepartmentId,
    liaison: await person(sql`join user_roles r on r.user_id = u.id and r.role = 'dept_liaison' where u.department_id = ${busyDepartmentId}`),
    deputy: await person(sql`where u.login = 'benchdeputy1'`),
    principal: await person(sql`join user_roles r on r.user_id = u.id and r.role = 'principal'`),
    office: await person(sql`where u.login = 'liufang'`),
    admin: await person(sql`where u.login = 'admin'`),
  };
}
