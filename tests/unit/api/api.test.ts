// The pure parts of the integration API: token format and parsing, scopes, webhook signatures
// and back-off, URL and form validation, and the mapping of refusals to HTTP.
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { httpStatusOf } from "@/lib/api/status";
import { serviceAccountInput, tokenCreateInput, webhookCreateInput } from "@/lib/domain/api/inputs";
import { hasScope, normalizeScopes, SCOPES } from "@/lib/domain/api/scopes";
import { bearerToken, generateToken, hashToken, looksLikeToken, shouldTouch, tokenPrefix, tokenStatus } from "@/lib/domain/api/tokens";
import { afterWebhookFailure, isWebhookUrl, MAX_WEBHOOK_ATTEMPTS, signPayload, verifySignature, webhookRetryDelayMs } from "@/lib/domain/api/webhooks";

describe("tokens", () => {
  it("are zs_ and 32 random bytes in base64url, stored as hex SHA-256, listed by 8 characters", () => {
    const a = generateToken();
    const b = generateToken();
    expect(a.token).toMatch(/^zs_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.token.slice(3), "base64url")).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(createHash("sha256").update(a.token).digest("hex"));
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.prefix).toBe(a.token.slice(3, 11));
    expect(tokenPrefix("zs_abcdefghijk")).toBe("abcdefgh");
    expect(looksLikeToken(a.token)).toBe(true);
    for (const bad of ["", "zs_", "zs_short", `xx_${a.token.slice(3)}`, `${a.token}=`, `${a.token} `]) expect(looksLikeToken(bad)).toBe(false);
  });

  it("are read from a Bearer header only", () => {
    expect(bearerToken("Bearer zs_abc")).toBe("zs_abc");
    expect(bearerToken("bearer   zs_abc ")).toBe("zs_abc");
    expect(bearerToken("Basic dXNlcjpwYXNz")).toBeNull();
    expect(bearerToken("Bearer")).toBeNull();
    expect(bearerToken("Bearer a b")).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });

  it("are active until they expire or are revoked; lastUsedAt is written at most once a minute", () => {
    const now = new Date("2026-03-01T08:00:00Z");
    expect(tokenStatus({ expiresAt: new Date("2026-03-01T08:00:01Z"), revokedAt: null }, now)).toBe("active");
    expect(tokenStatus({ expiresAt: now, revokedAt: null }, now)).toBe("expired");
    expect(tokenStatus({ expiresAt: new Date("2027-01-01"), revokedAt: new Date("2026-02-01") }, now)).toBe("revoked");
    expect(shouldTouch(null, now)).toBe(true);
    expect(shouldTouch(new Date(now.getTime() - 59_999), now)).toBe(false);
    expect(shouldTouch(new Date(now.getTime() - 60_000), now)).toBe(true);
  });
});

describe("scopes", () => {
  it("grant only what is listed", () => {
    expect(SCOPES).toEqual(["items:read", "items:write", "notices:read", "org:read"]);
    expect(hasScope(["items:read"], "items:read")).toBe(true);
    expect(hasScope(["items:read"], "items:write")).toBe(false);
    expect(hasScope([], "org:read")).toBe(false);
    expect(hasScope(undefined, "org:read")).toBe(false);
    expect(normalizeScopes(["org:read", "admin", "items:read", "org:read"])).toEqual(["items:read", "org:read"]);
  });
});

describe("webhook signatures and retries", () => {
  it("sign HMAC-SHA256 of <timestamp>.<body> in hex, and verify it", () => {
    const body = JSON.stringify({ id: 1, event: "item.created", data: { title: "测试" } });
    const expected = "sha256=" + createHmac("sha256", "whsec_x").update(`1700000000.${body}`).digest("hex");
    expect(signPayload("whsec_x", 1700000000, body)).toBe(expected);
    expect(verifySignature("whsec_x", 1700000000, body, expected)).toBe(true);
    expect(verifySignature("whsec_x", 1700000001, body, expected)).toBe(false);
    expect(verifySignature("whsec_y", 1700000000, body, expected)).toBe(false);
    expect(verifySignature("whsec_x", 1700000000, body, "sha256=00")).toBe(false);
  });

  it("back off 1, 2, 4 … minutes, at most an hour, and give up after 8 attempts", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => webhookRetryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    const now = new Date("2026-03-01T00:00:00Z");
    expect(afterWebhookFailure(1, now)).toEqual({ status: "pending", nextAttemptAt: new Date("2026-03-01T00:01:00Z") });
    expect(afterWebhookFailure(MAX_WEBHOOK_ATTEMPTS - 1, now).status).toBe("pending");
    expect(afterWebhookFailure(MAX_WEBHOOK_ATTEMPTS, now)).toEqual({ status: "failed" });
  });

  it("accept http(s) URLs, intranet ones too, and nothing else", () => {
    for (const ok of ["https://oa.example.edu.cn/hook", "http://10.0.0.5:8080/zhongshu", "http://localhost/x"]) expect(isWebhookUrl(ok)).toBe(true);
    for (const bad of ["ftp://x/y", "javascript:alert(1)", "https://user:pw@x/y", "not a url", "file:///etc/passwd"]) expect(isWebhookUrl(bad)).toBe(false);
  });
});

describe("form inputs", () => {
  it("token: name, at least one known scope, 1–365 days (90 by default)", () => {
    expect(tokenCreateInput.parse({ name: " 公文 ", scopes: "items:read" })).toEqual({ name: "公文", scopes: ["items:read"], expiresInDays: 90 });
    expect(tokenCreateInput.parse({ name: "x", scopes: ["org:read", "items:read"], expiresInDays: "365" }).scopes).toEqual(["items:read", "org:read"]);
    const bad = tokenCreateInput.safeParse({ name: "", scopes: ["admin"], expiresInDays: "400" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(["expiresInDays", "name", "scopes"]);
    expect(tokenCreateInput.safeParse({ name: "x" }).error!.issues[0]).toMatchObject({ path: ["scopes"], message: "errors.choose" });
  });

  it("webhook: http(s) URL and at least one known event", () => {
    expect(webhookCreateInput.parse({ name: "OA", url: "https://oa.example.edu.cn/h", events: ["item.closed", "item.created"] }).events).toEqual(["item.created", "item.closed"]);
    const bad = webhookCreateInput.safeParse({ name: "OA", url: "ftp://x", events: "nope" });
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(["events", "url"]);
  });

  it("service account: staff roles only", () => {
    const base = { login: "oa-sync", name: "公文系统", departmentId: "3" };
    expect(serviceAccountInput.parse({ ...base, roles: "dept_staff" }).roles).toEqual(["dept_staff"]);
    expect(serviceAccountInput.safeParse({ ...base, roles: "admin" }).success).toBe(false);
    expect(serviceAccountInput.safeParse({ ...base, roles: ["principal"] }).success).toBe(false);
    expect(serviceAccountInput.safeParse(base).success).toBe(false);
  });
});

describe("refusals to HTTP", () => {
  it("map the data layer's codes to statuses and stable codes", () => {
    expect(httpStatusOf("notFound")).toEqual({ status: 404, code: "not_found" });
    expect(httpStatusOf("forbidden")).toEqual({ status: 403, code: "forbidden" });
    expect(httpStatusOf("conflict")).toEqual({ status: 409, code: "conflict" });
    expect(httpStatusOf("wrongState")).toEqual({ status: 409, code: "wrong_state" });
    expect(httpStatusOf("signedOut")).toEqual({ status: 401, code: "invalid_token" });
    expect(httpStatusOf("dueInPast")).toEqual({ status: 422, code: "dueInPast" });
  });
});
