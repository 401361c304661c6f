// The pieces of the HTTP defences that need no server: the page policy, when HSTS goes out,
// which Origin a server action accepts, and how a download names its file.
import { describe, expect, it } from "vitest";
import { isSameOrigin } from "@/lib/actions/same-origin";
import { attachmentDisposition, rfc5987 } from "@/lib/http/content-disposition";
import { arrivedOverHttps, newNonce, NO_CONTENT_POLICY, originOf, pagePolicy, STATIC_HEADERS, wantsHsts } from "@/lib/http/security-headers";

const directives = (policy: string) => new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

describe("page policy", () => {
  const prod = directives(pagePolicy({ nonce: "abc123==", dev: false, https: false }));

  it("closes plugins, <base> and framing, and limits forms to this site", () => {
    expect(prod.get("object-src")).toEqual(["'none'"]);
    expect(prod.get("base-uri")).toEqual(["'none'"]);
    expect(prod.get("frame-ancestors")).toEqual(["'none'"]);
    expect(prod.get("form-action")).toEqual(["'self'"]);
    expect(prod.get("default-src")).toEqual(["'self'"]);
  });

  it("runs only scripts carrying the request's nonce, and never eval in production", () => {
    expect(prod.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(prod.get("script-src")).not.toContain("'unsafe-inline'");
    const dev = directives(pagePolicy({ nonce: "n", dev: true, https: false }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
  });

  it("upgrades sub-resources only for a page that came over HTTPS (a plain-HTTP intranet keeps working)", () => {
    expect(prod.has("upgrade-insecure-requests")).toBe(false);
    expect(directives(pagePolicy({ nonce: "n", dev: false, https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("lets the sign-in form post on to the single sign-on provider", () => {
    const p = directives(pagePolicy({ nonce: "n", dev: false, https: false, formTargets: ["https://sso.example.edu.cn"] }));
    expect(p.get("form-action")).toEqual(["'self'", "https://sso.example.edu.cn"]);
  });

  it("uses a fresh 128-bit nonce each time", () => {
    const seen = new Set(Array.from({ length: 200 }, newNonce));
    expect(seen.size).toBe(200);
    for (const n of seen) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });

  it("gives API answers a policy that allows nothing, and every answer the static headers", () => {
    const api = directives(NO_CONTENT_POLICY);
    expect(api.get("default-src")).toEqual(["'none'"]);
    expect(api.get("frame-ancestors")).toEqual(["'none'"]);
    const keys = Object.fromEntries(STATIC_HEADERS.map((h) => [h.key, h.value]));
    expect(keys).toMatchObject({ "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin" });
  });
});

describe("HTTPS detection", () => {
  it("believes X-Forwarded-Proto only with a trusted proxy", () => {
    expect(arrivedOverHttps("https", 1)).toBe(true);
    expect(arrivedOverHttps("HTTPS, http", 1)).toBe(true);
    expect(arrivedOverHttps("https", 0)).toBe(false);
    expect(arrivedOverHttps("http", 1)).toBe(false);
    expect(arrivedOverHttps(null, 1)).toBe(false);
  });

  it("sends HSTS over HTTPS, or whenever the public address is https", () => {
    expect(wantsHsts(true, null)).toBe(true);
    expect(wantsHsts(false, "https://zhongshu.example.edu.cn")).toBe(true);
    expect(wantsHsts(false, "http://zhongshu.intranet")).toBe(false);
    expect(wantsHsts(false, null)).toBe(false);
  });

  it("reads an origin from a URL, and nothing from anything else", () => {
    expect(originOf("https://sso.example.edu.cn/realms/school")).toBe("https://sso.example.edu.cn");
    expect(originOf("javascript:alert(1)")).toBeNull();
    expect(originOf("not a url")).toBeNull();
    expect(originOf(undefined)).toBeNull();
  });
});

describe("server actions answer only this site's pages", () => {
  const req = (h: Record<string, string>) => new Headers(h);
  const site = { host: "portal.school.cn" };

  it("accepts the request's own host, as addressed through the proxy", () => {
    expect(isSameOrigin(req({ ...site, origin: "https://portal.school.cn" }), null)).toBe(true);
    expect(isSameOrigin(req({ host: "127.0.0.1:3000", "x-forwarded-host": "portal.school.cn", origin: "https://portal.school.cn" }), null)).toBe(true);
    expect(isSameOrigin(req({ host: "localhost:3232", origin: "http://localhost:3232" }), null)).toBe(true);
  });

  it("accepts the public address when it is set", () => {
    expect(isSameOrigin(req({ host: "10.0.0.5:3000", origin: "https://zhongshu.example.edu.cn" }), "https://zhongshu.example.edu.cn")).toBe(true);
  });

  it("refuses a foreign, null, missing or malformed Origin", () => {
    expect(isSameOrigin(req({ ...site, origin: "https://evil.example" }), null)).toBe(false);
    expect(isSameOrigin(req({ ...site, origin: "https://portal.school.cn.evil.example" }), null)).toBe(false);
    expect(isSameOrigin(req({ ...site, origin: "null" }), null)).toBe(false);
    expect(isSameOrigin(req(site), null)).toBe(false);
    expect(isSameOrigin(req({ ...site, origin: "portal.school.cn" }), null)).toBe(false);
    expect(isSameOrigin(req({ ...site, origin: "file://portal.school.cn" }), null)).toBe(false);
    expect(isSameOrigin(req({ origin: "https://portal.school.cn" }), null)).toBe(false);
    expect(isSameOrigin(req({ ...site, origin: "https://evil.example" }), "https://zhongshu.example.edu.cn")).toBe(false);
  });
});

describe("download names", () => {
  it("puts the real name in filename* only, fully encoded (RFC 5987)", () => {
    const header = attachmentDisposition('../../etc/"报告"\r\nX-Injected: 1; it\'s (final)*.pdf');
    expect(header).toBe(`attachment; filename="file"; filename*=UTF-8''..%2F..%2Fetc%2F%22%E6%8A%A5%E5%91%8A%22%0D%0AX-Injected%3A%201%3B%20it%27s%20%28final%29*.pdf`.replace("*.pdf", "%2A.pdf"));
    expect(header).not.toMatch(/[\r\n]/);
    // One quoted string only: the ASCII stand-in.
    expect(header.match(/"/g)).toHaveLength(2);
  });

  it("survives a name cut in the middle of an emoji (a lone surrogate)", () => {
    expect(rfc5987("a\ud83d")).toBe("a%EF%BF%BD");
  });

  it("keeps the ASCII stand-in printable and unquoted", () => {
    expect(attachmentDisposition("台账.xlsx", 'ledger-"2026".xlsx')).toBe(`attachment; filename="ledger-_2026_.xlsx"; filename*=UTF-8''%E5%8F%B0%E8%B4%A6.xlsx`);
    expect(attachmentDisposition("x", "台账\r\n")).toContain('filename="____"');
  });
});
