import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { listAuditEvents } from "@/lib/dal/audit";
import { createDepartment, getDepartment } from "@/lib/dal/departments";
import { createUser } from "@/lib/dal/users";
import { actorFor, auditAfter, expectDomainError, insertDepartment, lastAuditId, snapshot, unique } from "../support/db";

let admin: Actor;

beforeAll(async () => {
  admin = await actorFor("admin");
  await createDepartment(admin, { name: unique("审计"), kind: "functional", parentId: null, sortOrder: 0 });
});

describe("the audit trail is append-only", () => {
  it.each([
    ["UPDATE", (id: number) => getSql()`update audit_events set action = 'tampered' where id = ${id}`],
    ["DELETE", (id: number) => getSql()`delete from audit_events where id = ${id}`],
    ["TRUNCATE", () => getSql()`truncate audit_events`],
    ["TRUNCATE ... CASCADE", () => getSql()`truncate audit_events cascade`],
  ])("refuses %s with the trigger's error", async (_, statement) => {
    const id = await lastAuditId();
    const before = await snapshot();
    await expect(statement(id)).rejects.toThrow(/audit_events is append-only/);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an UPDATE that matches every row", async () => {
    await expect(getSql()`update audit_events set data = '{}'`).rejects.toThrow(/append-only/);
  });
});

describe("audit events and their changes", () => {
  it("records who did what, on which record", async () => {
    const since = await lastAuditId();
    const name = unique("记录");
    const id = await createDepartment(admin, { name, kind: "office", parentId: null, sortOrder: 3 });
    const [event] = await auditAfter(since);
    expect(event).toMatchObject({ action: "department.create", entity: "department", entityId: String(id), actorId: admin.id });
    const { events } = await listAuditEvents(admin, { entity: "department", limit: 1 });
    expect(events[0]).toMatchObject({ id: event.id, actorName: admin.name, data: { name, kind: "office", sortOrder: 3 } });
  });

  it("a refused mutation writes no event and changes nothing", async () => {
    const departmentId = (await insertDepartment()).id;
    const before = await snapshot();
    await expectDomainError(
      createUser(admin, { login: "admin", name: "重名", email: null, title: null, departmentId, roles: ["dept_staff"], password: "a long enough password" }),
      "loginTaken",
      "login",
    );
    expect(await snapshot()).toEqual(before);
  });

  it("a change whose event cannot be written is rolled back with it", async () => {
    const name = unique("回滚");
    // A temporary trigger makes the audit insert for this one department fail.
    await getSql().unsafe(`
      create or replace function zs_test_refuse_audit() returns trigger language plpgsql as $$
      begin
        if new.data->>'name' = '${name}' then raise exception 'audit refused for the test'; end if;
        return new;
      end $$;
      create trigger zs_test_refuse_audit before insert on audit_events for each row execute function zs_test_refuse_audit();
    `);
    try {
      const before = await snapshot();
      await expect(createDepartment(admin, { name, kind: "functional", parentId: null, sortOrder: 0 })).rejects.toThrow();
      expect(await snapshot()).toEqual(before);
      expect(await getSql()`select 1 from departments where name = ${name}`).toHaveLength(0);
    } finally {
      await getSql().unsafe(`drop trigger zs_test_refuse_audit on audit_events; drop function zs_test_refuse_audit();`);
    }
    // Without the trigger the same change goes through.
    const id = await createDepartment(admin, { name, kind: "functional", parentId: null, sortOrder: 0 });
    expect((await getDepartment(admin, id)).name).toBe(name);
  });

  it("pages through the log newest first", async () => {
    const first = await listAuditEvents(admin, { limit: 2 });
    expect(first.events).toHaveLength(2);
    expect(first.events[0].id).toBeGreaterThan(first.events[1].id);
    expect(first.olderBefore).toBe(first.events[1].id);
    const next = await listAuditEvents(admin, { limit: 2, before: first.olderBefore! });
    expect(next.events[0].id).toBeLessThan(first.events[1].id);
  });
});
