import { describe, expect, it } from "vitest";
import { Filter } from "ldapts";
import { ConfigError, parseEnv } from "@/lib/config";
import { directoryFilter } from "@/lib/dal/ldap";
import { ldapConfig, ssoConfig, ssoPublic } from "@/lib/sign-in-config";

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

function problem(vars: Record<string, string>): string {
  try {
    parseEnv(env(vars));
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("single sign-on configuration", () => {
  it("is off without an issuer", () => {
    expect(ssoConfig(env({}))).toBeNull();
    expect(ssoPublic(env({ ZHONGSHU_SSO_CLIENT_ID: "x" }))).toBeNull();
  });

  it("reads the provider with defaults", () => {
    const c = ssoConfig(env({ ZHONGSHU_SSO_ISSUER: "https://kc.example/realms/s", ZHONGSHU_SSO_CLIENT_ID: "zs", ZHONGSHU_SSO_CLIENT_SECRET: "secret" }));
    expect(c).toEqual({
      issuer: "https://kc.example/realms/s",
      clientId: "zs",
      clientSecret: "secret",
      name: "统一身份认证",
      profileSource: "id_token",
      loginClaim: "preferred_username",
      scope: "openid profile email",
      clientAuth: "client_secret_basic",
    });
    expect(ssoPublic(env({ ZHONGSHU_SSO_ISSUER: "https://a", ZHONGSHU_SSO_CLIENT_ID: "b", ZHONGSHU_SSO_CLIENT_SECRET: "c", ZHONGSHU_SSO_NAME: "企业微信" }))).toEqual({
      name: "企业微信",
    });
  });

  it("validates at start: client id and secret with an issuer, known profile sources, openid in the scope", () => {
    expect(problem({ ZHONGSHU_SSO_ISSUER: "https://kc.example/realms/s" })).toMatch(/ZHONGSHU_SSO_CLIENT_ID: is required/);
    expect(problem({ ZHONGSHU_SSO_ISSUER: "kc.example" })).toMatch(/ZHONGSHU_SSO_ISSUER/);
    expect(problem({ ZHONGSHU_SSO_PROFILE: "both" })).toMatch(/ZHONGSHU_SSO_PROFILE/);
    expect(problem({ ZHONGSHU_SSO_SCOPE: "profile email" })).toMatch(/ZHONGSHU_SSO_SCOPE/);
    expect(parseEnv(env({ ZHONGSHU_SSO_ISSUER: "https://a.example", ZHONGSHU_SSO_CLIENT_ID: "b", ZHONGSHU_SSO_CLIENT_SECRET: "c" })).ZHONGSHU_SSO_PROFILE).toBe("id_token");
  });
});

describe("LDAP configuration", () => {
  const base = {
    ZHONGSHU_LDAP_URL: "ldaps://dc1.example:636",
    ZHONGSHU_LDAP_BIND_DN: "CN=svc,OU=Service,DC=example,DC=edu",
    ZHONGSHU_LDAP_BIND_PASSWORD: "pw",
    ZHONGSHU_LDAP_SEARCH_BASE: "DC=example,DC=edu",
  };

  it("is off without a URL, and reads Active Directory settings", () => {
    expect(ldapConfig(env({}))).toBeNull();
    expect(
      ldapConfig(env({ ...base, ZHONGSHU_LDAP_LOGIN_ATTRIBUTES: "sAMAccountName, userPrincipalName", ZHONGSHU_LDAP_OBJECT_CLASS: "user", ZHONGSHU_LDAP_STARTTLS: "false" })),
    ).toMatchObject({
      loginAttributes: ["sAMAccountName", "userPrincipalName"],
      mapAttribute: "sAMAccountName",
      emailAttribute: "mail",
      objectClass: "user",
      startTls: false,
      tlsRejectUnauthorized: true,
      timeoutMs: 5000,
    });
    expect(ldapConfig(env({ ...base, ZHONGSHU_LDAP_EMAIL_ATTRIBUTE: "none" }))?.emailAttribute).toBeNull();
  });

  it("validates at start", () => {
    expect(problem({ ZHONGSHU_LDAP_URL: "ldap://dc1.example" })).toMatch(/ZHONGSHU_LDAP_BIND_DN/);
    expect(problem({ ...base, ZHONGSHU_LDAP_URL: "http://dc1" })).toMatch(/ZHONGSHU_LDAP_URL/);
    expect(problem({ ...base, ZHONGSHU_LDAP_LOGIN_ATTRIBUTES: "uid)(x" })).toMatch(/ZHONGSHU_LDAP_LOGIN_ATTRIBUTES/);
    expect(problem({ ...base, ZHONGSHU_LDAP_TIMEOUT_MS: "10" })).toMatch(/ZHONGSHU_LDAP_TIMEOUT_MS/);
    expect(parseEnv(env(base)).ZHONGSHU_LDAP_LOGIN_ATTRIBUTES).toBe("uid");
  });

  it("builds the search filter from objects: typed input is data, escaped when shown", () => {
    const f = directoryFilter({ loginAttributes: ["uid"], emailAttribute: "mail", objectClass: "person" }, "*)(uid=*");
    expect(f.toString()).toBe("(&(objectClass=person)(|(uid=\\2a\\29\\28uid=\\2a)(mail=\\2a\\29\\28uid=\\2a)))");
    expect(Filter.escape("a*b")).toBe("a\\2ab");
  });
});
