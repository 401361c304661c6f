// The demo organisation: a secondary school with a principal, three deputies with
// portfolios, the general office, eight functional departments and an admin.
// Seeding only ever fills an empty database, so running it twice changes nothing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { count, sql } from "drizzle-orm";
import { parseCalendarFile } from "../lib/domain/calendar";
import type { DepartmentKind, Role } from "../lib/domain/roles";
import { hashPassword } from "../lib/password";
import type { Db } from "./client";
import { auditEvents, calendarDays, departments, portfolios, userRoles, users } from "./schema";

export const DEMO_PASSWORD = "zhongshu-demo";

type DeptSeed = { key: string; name: string; kind: DepartmentKind; parent?: string };
type UserSeed = { login: string; name: string; dept: string; roles: Role[]; title: string };

const DEPARTMENTS: DeptSeed[] = [
  { key: "lead", name: "校领导", kind: "leadership" },
  { key: "office", name: "校长办公室", kind: "office" },
  { key: "academic", name: "教务处", kind: "functional" },
  { key: "students", name: "学生处", kind: "functional" },
  { key: "research", name: "教科研处", kind: "functional" },
  { key: "general", name: "总务处", kind: "functional" },
  { key: "finance", name: "财务处", kind: "functional" },
  { key: "security", name: "保卫处", kind: "functional" },
  { key: "hr", name: "人事处", kind: "functional" },
  { key: "it", name: "信息中心", kind: "functional" },
  { key: "exams", name: "考务科", kind: "functional", parent: "academic" },
];

const FUNCTIONAL_PEOPLE: Record<string, [string, string][]> = {
  // [login, name] for head, liaison, staff
  academic: [["zhoumin", "周敏"], ["wuting", "吴婷"], ["zhengkai", "郑凯"]],
  students: [["huangwei", "黄伟"], ["linxue", "林雪"], ["hejun", "何军"]],
  research: [["guoqiang", "郭强"], ["mali", "马丽"], ["luoyang", "罗阳"]],
  general: [["liangchao", "梁超"], ["songjia", "宋佳"], ["xiehao", "谢浩"]],
  finance: [["hanmei", "韩梅"], ["tangjing", "唐静"], ["fengyu", "冯宇"]],
  security: [["dongpeng", "董鹏"], ["xuyan", "徐燕"], ["caolei", "曹磊"]],
  hr: [["yuanhui", "袁慧"], ["dengfang", "邓芳"], ["xiaobo", "肖波"]],
  it: [["tianyu", "田宇"], ["panli", "潘莉"], ["jiangtao", "蒋涛"]],
};

const USERS: UserSeed[] = [
  { login: "wangjianguo", name: "王建国", dept: "lead", roles: ["principal"], title: "校长" },
  { login: "liminghua", name: "李明华", dept: "lead", roles: ["deputy"], title: "副校长（分管教学）" },
  { login: "zhangweidong", name: "张卫东", dept: "lead", roles: ["deputy"], title: "副校长（分管后勤）" },
  { login: "chenjing", name: "陈静", dept: "lead", roles: ["deputy"], title: "副校长（分管人事）" },
  { login: "liufang", name: "刘芳", dept: "office", roles: ["office_director"], title: "办公室主任" },
  { login: "zhaolei", name: "赵磊", dept: "office", roles: ["office_staff"], title: "办公室干事" },
  { login: "sunli", name: "孙丽", dept: "office", roles: ["office_staff"], title: "秘书" },
  { login: "admin", name: "系统管理员", dept: "it", roles: ["admin"], title: "系统管理员" },
  ...Object.entries(FUNCTIONAL_PEOPLE).flatMap(([dept, [[hl, hn], [ll, ln], [sl, sn]]]) => [
    { login: hl, name: hn, dept, roles: ["dept_head"] as Role[], title: "处长" },
    { login: ll, name: ln, dept, roles: ["dept_liaison"] as Role[], title: "联络员" },
    { login: sl, name: sn, dept, roles: ["dept_staff"] as Role[], title: "干事" },
  ]),
  // One person with two homes, to show role switching: the IT head also administers Zhongshu.
  { login: "qianjun", name: "钱军", dept: "exams", roles: ["dept_staff"], title: "考务员" },
];
// The IT head doubles as a second admin.
USERS.find((u) => u.login === "tianyu")!.roles.push("admin");

const PORTFOLIOS: Record<string, string[]> = {
  liminghua: ["academic", "students", "research", "exams"],
  zhangweidong: ["general", "finance", "security"],
  chenjing: ["hr", "it"],
};

export async function isEmpty(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  return n === 0;
}

/** Seeds the demo organisation into an empty database; returns false when there was data already. */
export async function seedDemo(db: Db, options: { year?: number } = {}): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const startsOn = `${options.year ?? new Date().getFullYear()}-01-01`;

  await db.transaction(async (tx) => {
    // Serialises concurrent first starts of several instances.
    await tx.execute(sql`select pg_advisory_xact_lock(727002)`);
    const [{ n }] = await tx.select({ n: count() }).from(users);
    if (n > 0) return;

    const deptIds = new Map<string, number>();
    for (const [i, d] of DEPARTMENTS.entries()) {
      const [row] = await tx
        .insert(departments)
        .values({ name: d.name, kind: d.kind, parentId: d.parent ? deptIds.get(d.parent) : null, sortOrder: i })
        .returning({ id: departments.id });
      deptIds.set(d.key, row.id);
    }
    const userIds = new Map<string, number>();
    for (const u of USERS) {
      const [row] = await tx
        .insert(users)
        .values({ login: u.login, name: u.name, title: u.title, departmentId: deptIds.get(u.dept)!, passwordHash })
        .returning({ id: users.id });
      userIds.set(u.login, row.id);
      await tx.insert(userRoles).values(u.roles.map((role) => ({ userId: row.id, role })));
    }
    for (const [deputy, depts] of Object.entries(PORTFOLIOS)) {
      await tx.insert(portfolios).values(
        depts.map((d) => ({ deputyId: userIds.get(deputy)!, departmentId: deptIds.get(d)!, startsOn })),
      );
    }
    const file = readFileSync(path.join(process.cwd(), "db", "seed-data", "calendar-cn-2026.csv"), "utf8");
    const { lines } = parseCalendarFile(file);
    if (lines.length) await tx.insert(calendarDays).values(lines).onConflictDoNothing();
    await tx.insert(auditEvents).values({
      action: "seed.demo",
      entity: "organisation",
      data: { departments: DEPARTMENTS.length, users: USERS.length },
    });
  });
  return true;
}

export const DEMO_ACCOUNTS = USERS.map((u) => ({ login: u.login, name: u.name, roles: u.roles }));
