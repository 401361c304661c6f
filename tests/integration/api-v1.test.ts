// The integration API against real route handlers and PostgreSQL: tokens (hash only, shown once,
// revoked / expired / disabled owner refused, scopes), the one visibility rule, writes audited
// with the token's id, version conflicts, validation errors, no secrets in answers, cookies
// ignored, and rate limits shared by every instance.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { connect, getDb, getSql } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import { GET as listItems, POST as createItem } from "@/app/api/v1/items/route";
import { GET as readItem } from "@/app/api/v1/items/[id]/route";
import { POST as addProgress } from "@/app/api/v1/items/[id]/progress/route";
import { GET as listDepartments } from "@/app/api/v1/departments/route";
import { GET as listUsers } from "@/app/api/v1/users/route";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { createServiceToken, listMyTokens, revokeToken } from "@/lib/dal/api-tokens";
import { createServiceAccount } from "@/lib/dal/service-accounts";
import { dispatchItem, registerItem, signFor } from "@/lib/dal/items/commands";
import { ledger } from "@/lib/dal/items/queries";
import { hitRateLimit } from "@/lib/dal/rate-limit";
import { hashToken } from "@/lib/domain/api/tokens";
import { API_ENDPOINTS } from "@/lib/api/catalog";
import { actorFor, insertUser, unique } from "../support/db";
import { actors, deptId, eventsOf, inDays, registerForm } from "../support/items";
import { call, freshIp, tokenFor, type ApiAnswer } from "../support/api";

describe("tokens", () => {
  it("stores only the hash, shows the token once, and lists it by prefix", async () => {
    const { zhengkai } = await actors("zhengkai");
    const { id, token } = await tokenFor(zhengkai, ["items:read"]);
    expect(token).toMatch(/^zs_[A-Za-z0-9_-]{43}$/);
    const [row] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row.tokenHash).toBe(hashToken(token));
    expect(row.prefix).toBe(token.slice(3, 11));
    expect(JSON.stringify(row)).not.toContain(token);
    const listed = await listMyTokens(zhengkai);
    const mine = listed.find((t) => t.id === id)!;
    expect(mine).toMatchObject({ prefix: token.slice(3, 11), scopes: ["items:read"], status: "active" });
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(Object.keys(mine)).not.toContain("tokenHash");
    const ok = await call(listItems, "/api/v1/items", { token });
    expect(ok.status).toBe(200);
  });

  it("refuses no token, a malformed or unknown one, a revoked or expired one, and a disabled owner with 401 JSON", async () => {
    const { zhengkai } = await actors("zhengkai");
    const expectInvalid = async (token: string | null) => {
      const r = await call(listItems, "/api/v1/items", { token });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe("invalid_token");
      expect(typeof r.body.error.message).toBe("string");
      expect(r.headers.get("www-authenticate")).toContain("invalid_token");
    };
    await expectInvalid(null);
    await expectInvalid("not-a-token");
    await expectInvalid("zs_" + "A".repeat(43));

    const revoked = await tokenFor(zhengkai);
    expect((await call(listItems, "/api/v1/items", { token: revoked.token })).status).toBe(200);
    await revokeToken(zhengkai, revoked.id, 1);
    await expectInvalid(revoked.token);

    const expired = await tokenFor(zhengkai);
    await getSql()`update api_tokens set expires_at = now() - interval '1 second' where id = ${expired.id}`;
    await expectInvalid(expired.token);

    const person = await insertUser({ roles: ["dept_staff"] });
    const theirs = await tokenFor(await actorFor(person.id));
    expect((await call(listItems, "/api/v1/items", { token: theirs.token })).status).toBe(200);
    await getDb().update(users).set({ active: false }).where(eq(users.id, person.id));
    await expectInvalid(theirs.token);
  });

  it("refuses an endpoint outside the token's scopes with 403 insufficient_scope", async () => {
    const { zhengkai } = await actors("zhengkai");
    const { token } = await tokenFor(zhengkai, ["org:read"]);
    const r = await call(listItems, "/api/v1/items", { token });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("insufficient_scope");
    expect((await call(listDepartments, "/api/v1/departments", { token })).status).toBe(200);
    const readOnly = await tokenFor(zhengkai, ["items:read"]);
    const w = await call(createItem, "/api/v1/items", { token: readOnly.token, body: {} });
    expect(w.status).toBe(403);
    expect(w.body.error.code).toBe("insufficient_scope");
  });

  it("updates lastUsedAt at most once a minute", async () => {
    const { zhengkai } = await actors("zhengkai");
    const { id, token } = await tokenFor(zhengkai);
    await call(listDepartments, "/api/v1/departments", { token });
    const [first] = await getDb().select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, id));
    expect(first.at).not.toBeNull();
    await call(listDepartments, "/api/v1/departments", { token });
    const [second] = await getDb().select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, id));
    expect(second.at!.getTime()).toBe(first.at!.getTime());
  });

  it("ignores session cookies: a cookie without a bearer token gets 401", async () => {
    const r = await call(listItems, "/api/v1/items", {
      headers: { cookie: "authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.x.y.z; __Secure-authjs.session-token=abc" },
    });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe("invalid_token");
  });

  it("lets an admin make tokens only for service accounts, which act with their own department and roles", async () => {
    const admin = await actorFor("admin");
    const login = unique("svc");
    const id = await createServiceAccount(admin, { login, name: "公文系统", title: null, departmentId: await deptId("教务处"), roles: ["dept_staff"] });
    const [row] = await getDb().select({ service: users.service, hash: users.passwordHash }).from(users).where(eq(users.id, id));
    expect(row.service).toBe(true);
    expect(row.hash.startsWith("$argon2")).toBe(false);
    const { token } = await createServiceToken(admin, id, { name: "公文系统接口", scopes: ["items:read"], expiresInDays: 365 });
    const r = await call(listItems, "/api/v1/items?limit=100", { token });
    expect(r.status).toBe(200);
    const zhengkai = await actorFor("zhengkai");
    await expect(createServiceToken(zhengkai, id, { name: "x", scopes: ["items:read"], expiresInDays: 30 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createServiceToken(admin, zhengkai.id, { name: "x", scopes: ["items:read"], expiresInDays: 30 })).rejects.toMatchObject({ code: "notFound" });
  });
});

describe("items", () => {
  it("lists exactly the items the token's owner can open in the portal, and 404s another department's item", async () => {
    const { liufang, zhengkai } = await actors("liufang", "zhengkai");
    const mine = await registerItem(liufang, await registerForm({ lead: "教务处" }));
    const theirs = await registerItem(liufang, await registerForm({ lead: "财务处" }));
    const { token } = await tokenFor(zhengkai, ["items:read"]);
    const seen: number[] = [];
    let cursor: string | null = null;
    const ip = freshIp();
    do {
      const page: ApiAnswer = await call(listItems, `/api/v1/items?limit=7${cursor ? `&cursor=${cursor}` : ""}`, { token, ip });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((i: { id: number }) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const portal = (await ledger(zhengkai, {}, { limit: 500 })).map((i) => i.id);
    expect(seen).toEqual(portal);
    expect(seen).toContain(mine.id);
    expect(seen).not.toContain(theirs.id);

    const detail = await call(readItem, `/api/v1/items/${mine.id}`, { token, params: { id: String(mine.id) } });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: mine.id, number: mine.number, state: "draft" });
    expect(detail.body.timeline[0].action).toBe("register");
    const hidden = await call(readItem, `/api/v1/items/${theirs.id}`, { token, params: { id: String(theirs.id) } });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe("not_found");
    const missing = await call(readItem, `/api/v1/items/999999999`, { token, params: { id: "999999999" } });
    expect(missing.status).toBe(404);
    const bad = await call(readItem, `/api/v1/items/abc`, { token, params: { id: "abc" } });
    expect(bad.status).toBe(400);
  });

  it("filters by state, overdue and q", async () => {
    const { liufang } = await actors("liufang");
    const title = unique("接口筛选");
    const item = await registerItem(liufang, await registerForm({ lead: "教务处", title }));
    const { token } = await tokenFor(liufang, ["items:read"]);
    const byQ = await call(listItems, `/api/v1/items?q=${encodeURIComponent(title)}`, { token });
    expect(byQ.body.data.map((i: { id: number }) => i.id)).toEqual([item.id]);
    const byState = await call(listItems, `/api/v1/items?state=closed&q=${encodeURIComponent(title)}`, { token });
    expect(byState.body.data).toEqual([]);
    const overdue = await call(listItems, `/api/v1/items?overdue=true&limit=100`, { token });
    expect(overdue.status).toBe(200);
    expect(overdue.body.data.every((i: { overdue: boolean; dueOn: string }) => i.dueOn < inDays(0))).toBe(true);
    const wrong = await call(listItems, `/api/v1/items?state=nope&limit=0&extra=1`, { token });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("invalid_request");
    expect(Object.keys(wrong.body.error.fields).sort()).toEqual(["extra", "limit", "state"]);
  });

  it("creates an item as an office token, audited with the token id in the timeline, with a proposal put before the leader", async () => {
    const { zhaolei } = await actors("zhaolei");
    const { id: tokenId, token } = await tokenFor(zhaolei, ["items:write", "items:read"]);
    const lead = await deptId("教务处");
    const support = await deptId("学生处");
    const r = await call(createItem, "/api/v1/items", {
      token,
      body: { title: unique("接口登记"), body: "正文", source: "superior_document", urgency: "urgent", major: false, leadDepartmentId: lead, supportDepartmentIds: [support], supportDue: { [support]: inDays(5) }, dueOn: inDays(10), proposal: "拟请分管领导阅示" },
    });
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBe(`/api/v1/items/${r.body.item.id}`);
    expect(r.body.proposal).toEqual({ status: "proposed" });
    expect(r.body.item).toMatchObject({ state: "awaiting_decision", urgency: "urgent", dueOn: inDays(10) });
    expect(r.body.item.departments.find((d: { id: number }) => d.id === support)).toMatchObject({ role: "support", dueOn: inDays(5) });
    const events = await eventsOf(r.body.item.id);
    expect(events.map((e) => e.action)).toEqual(["register", "propose"]);
    for (const e of events) expect(e).toMatchObject({ actorId: zhaolei.id, data: { tokenId } });
  });

  it("answers validation errors with 400 and field errors, and refusals of the rules with their code", async () => {
    const { zhaolei, zhengkai } = await actors("zhaolei", "zhengkai");
    const { token } = await tokenFor(zhaolei);
    const r = await call(createItem, "/api/v1/items", { token, body: { title: "", source: "nope", leadDepartmentId: "3", major: "on", surprise: 1 } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_request");
    expect(r.body.error.fields).toMatchObject({ title: "Required.", source: "Choose one.", leadDepartmentId: expect.any(String), major: expect.any(String), surprise: expect.any(String) });
    const zh = await call(createItem, "/api/v1/items", { token, body: { title: "" }, headers: { "accept-language": "zh-CN,zh;q=0.9" } });
    expect(zh.body.error.fields.title).toBe("此项必填。");
    const noJson = await call(createItem, "/api/v1/items", { token, rawBody: "{oops", headers: { "content-type": "application/json" } });
    expect(noJson.status).toBe(400);
    expect(noJson.body.error.code).toBe("invalid_json");
    const notJson = await call(createItem, "/api/v1/items", { token, rawBody: "title=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(notJson.status).toBe(415);
    const tooBig = await call(createItem, "/api/v1/items", { token, body: { title: "x".repeat(70_000) } });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe("payload_too_large");
    const past = await call(createItem, "/api/v1/items", { token, body: { title: "过去", source: "leader", leadDepartmentId: await deptId("教务处"), dueOn: inDays(-3) } });
    expect(past.status).toBe(422);
    expect(past.body.error).toMatchObject({ code: "dueInPast", fields: { dueOn: expect.any(String) } });
    // A department member may not register items: the data layer refuses.
    const dept = await tokenFor(zhengkai);
    const refused = await call(createItem, "/api/v1/items", { token: dept.token, body: { title: "部门登记", source: "leader", leadDepartmentId: await deptId("教务处"), dueInWorkingDays: 3 } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
  });

  it("adds progress against the version read, 409 when it changed, audited with the token id", async () => {
    const { liufang, wuting } = await actors("liufang", "wuting");
    const { id } = await registerItem(liufang, await registerForm({ lead: "教务处" }));
    await dispatchItem(liufang, id, 1);
    await signFor(wuting, id, 2);
    const { id: tokenId, token } = await tokenFor(wuting, ["items:write"]);
    const ok = await call(addProgress, `/api/v1/items/${id}/progress`, { token, params: { id: String(id) }, body: { version: 3, note: "已部署" } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ id, state: "in_progress", version: 4 });
    const stale = await call(addProgress, `/api/v1/items/${id}/progress`, { token, params: { id: String(id) }, body: { version: 3, note: "再报" } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict");
    const events = await eventsOf(id);
    expect(events.at(-1)).toMatchObject({ action: "report_progress", actorId: wuting.id, data: { tokenId, note: "已部署" } });
    const invalid = await call(addProgress, `/api/v1/items/${id}/progress`, { token, params: { id: String(id) }, body: { note: "" } });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.error.fields).sort()).toEqual(["note", "version"]);
  });
});

describe("organisation", () => {
  it("lists departments and people without hashes, and without e-mails unless the owner is an admin", async () => {
    const { zhengkai } = await actors("zhengkai");
    const admin = await actorFor("admin");
    await getDb().update(users).set({ email: "zhengkai@example.edu.cn" }).where(eq(users.id, zhengkai.id));
    const staff = await tokenFor(zhengkai, ["org:read"]);
    const depts = await call(listDepartments, "/api/v1/departments", { token: staff.token });
    expect(depts.status).toBe(200);
    expect(depts.body.data.find((d: { name: string }) => d.name === "教务处")).toMatchObject({ kind: "functional" });
    const people = await call(listUsers, "/api/v1/users", { token: staff.token });
    expect(people.status).toBe(200);
    expect(people.body.data.length).toBeGreaterThan(10);
    expect(people.text).not.toMatch(/argon2|password|passwordHash|sessionVersion|@example/i);
    for (const u of people.body.data) expect(Object.keys(u).sort()).toEqual(["departmentId", "departmentName", "id", "login", "name", "roles", "title"]);
    const asAdmin = await call(listUsers, `/api/v1/users?departmentId=${zhengkai.departmentId}`, { token: (await tokenFor(admin, ["org:read"])).token });
    expect(asAdmin.body.data.find((u: { id: number }) => u.id === zhengkai.id).email).toBe("zhengkai@example.edu.cn");
    expect(asAdmin.text).not.toMatch(/argon2/);
  });
});

describe("rate limits", () => {
  it("answers the N+1th request in a window with 429 and Retry-After, per token", async () => {
    const { zhengkai } = await actors("zhengkai");
    const { token } = await tokenFor(zhengkai, ["org:read"]);
    process.env.ZHONGSHU_API_RATE_PER_TOKEN = "5";
    try {
      // Spread over addresses, so only the token's limit applies.
      for (let i = 0; i < 5; i++) expect((await call(listDepartments, "/api/v1/departments", { token })).status).toBe(200);
      const r = await call(listDepartments, "/api/v1/departments", { token });
      if (r.status === 200) {
        // The window turned over between the calls (a minute boundary): the next five fill it again.
        for (let i = 0; i < 4; i++) await call(listDepartments, "/api/v1/departments", { token });
      }
      const limited = r.status === 429 ? r : await call(listDepartments, "/api/v1/departments", { token });
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe("rate_limited");
      const after = Number(limited.headers.get("retry-after"));
      expect(after).toBeGreaterThanOrEqual(1);
      expect(after).toBeLessThanOrEqual(60);
    } finally {
      delete process.env.ZHONGSHU_API_RATE_PER_TOKEN;
    }
  });

  it("limits per address before looking at the token", async () => {
    process.env.ZHONGSHU_API_RATE_PER_ADDRESS = "3";
    try {
      const ip = freshIp();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(listItems, "/api/v1/items", { ip, token: "zs_guess" })).status);
      // The window may turn over once in between; either way the fourth in one window is refused.
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect([401, 429]).toContain(statuses[3]);
    } finally {
      delete process.env.ZHONGSHU_API_RATE_PER_ADDRESS;
    }
  });

  it("shares one count between instances (separate connection pools)", async () => {
    const other = connect(process.env.DATABASE_URL!, 2);
    try {
      const key = unique("token:shared");
      const at = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 30_000);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => hitRateLimit(key, 6, 60, { now: at, db: i % 2 ? other.db : undefined })),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(6);
      expect(results.filter((r) => !r.allowed)).toHaveLength(4);
      expect(results.map((r) => r.remaining).sort()).toEqual([0, 0, 0, 0, 0, 1, 2, 3, 4, 5]);
      for (const r of results) expect(r.retryAfterSeconds).toBe(30);
      // The next window starts afresh.
      const next = await hitRateLimit(key, 6, 60, { now: new Date(at.getTime() + 60_000), db: other.db });
      expect(next).toMatchObject({ allowed: true, remaining: 5 });
    } finally {
      await other.sql.end({ timeout: 5 });
    }
  });
});

describe("OpenAPI", () => {
  it("serves a 3.1 document with every route, the bearer scheme, parameters, bodies and the error shape", async () => {
    const r = await call(openapi, "/api/v1/openapi.json");
    expect(r.status).toBe(200);
    const doc = r.body;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    for (const e of API_ENDPOINTS) {
      const op = doc.paths[e.path]?.[e.method.toLowerCase()];
      expect(op, `${e.method} ${e.path}`).toBeDefined();
      expect(op.security).toEqual([{ bearer: [e.scope] }]);
      expect(op.responses["401"].content["application/json"].schema.$ref).toBe("#/components/schemas/Error");
      expect(op.responses["429"].headers["Retry-After"]).toBeDefined();
      const ok = op.responses[String(e.response.status)].content["application/json"].schema.$ref;
      expect(doc.components.schemas[ok.split("/").pop()]).toBeDefined();
      if (e.body) expect(op.requestBody.content["application/json"].schema.type).toBe("object");
    }
    for (const path of ["/api/v1/items", "/api/v1/items/{id}", "/api/v1/items/{id}/progress", "/api/v1/notices", "/api/v1/notices/{id}", "/api/v1/departments", "/api/v1/users"]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths["/api/v1/items"].get.parameters.map((p: { name: string }) => p.name)).toEqual(["state", "overdue", "q", "cursor", "limit"]);
    expect(doc.paths["/api/v1/items"].post.requestBody.content["application/json"].schema.required).toEqual(expect.arrayContaining(["title", "source", "leadDepartmentId"]));
    expect(doc.components.schemas.Error.properties.error.required).toEqual(["code", "message"]);
    expect(doc.components.schemas.ItemList.properties.data.items.$ref).toBe("#/components/schemas/ItemSummary");
    // Every $ref points at a schema that exists.
    const refs = [...r.text.matchAll(/"\$ref":"#\/components\/schemas\/([A-Za-z]+)"/g)].map((m) => m[1]);
    for (const name of refs) expect(doc.components.schemas[name], name).toBeDefined();
  });
});
