// Company sign-in as configured by the environment: OIDC single sign-on and LDAP directory
// passwords. Read at call time (the launcher validated the variables with lib/config.ts), so
// one build serves any configuration. No secrets leave the server: pages ask `ssoPublic()`.

export type SsoConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in button, e.g. "统一身份认证". */
  name: string;
  /** Where the profile claims are read: the ID token, or the userinfo endpoint (AD FS puts them in the ID token only). */
  profileSource: "id_token" | "userinfo";
  /** The claim holding the local login name. */
  loginClaim: string;
  scope: string;
  clientAuth: "client_secret_basic" | "client_secret_post";
};

export type LdapConfig = {
  url: string;
  bindDn: string;
  bindPassword: string;
  searchBase: string;
  /** Attributes a typed login name is looked up in, e.g. ["uid"] or ["sAMAccountName", "userPrincipalName"]. */
  loginAttributes: string[];
  /** The e-mail attribute (a typed e-mail address is looked up in it), or null for none. */
  emailAttribute: string | null;
  /** The attribute whose value is the local login name. */
  mapAttribute: string;
  objectClass: string;
  startTls: boolean;
  tlsRejectUnauthorized: boolean;
  /** PEM file of the CA that signed the directory's certificate. */
  caFile: string | null;
  timeoutMs: number;
};

export const DEFAULT_SSO_NAME = "统一身份认证";

const ATTRIBUTE = /^[A-Za-z][A-Za-z0-9-]*$/;

function get(env: NodeJS.ProcessEnv, key: string): string | undefined {
  const v = env[key]?.trim();
  return v ? v : undefined;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  return ["1", "true", "yes"].includes(value.toLowerCase());
}

/** Single sign-on, or null when no issuer (or no client) is configured. */
export function ssoConfig(env: NodeJS.ProcessEnv = process.env): SsoConfig | null {
  const issuer = get(env, "ZHONGSHU_SSO_ISSUER");
  const clientId = get(env, "ZHONGSHU_SSO_CLIENT_ID");
  const clientSecret = get(env, "ZHONGSHU_SSO_CLIENT_SECRET");
  if (!issuer || !/^https?:\/\//.test(issuer) || !clientId || !clientSecret) return null;
  const scope = get(env, "ZHONGSHU_SSO_SCOPE") ?? "openid profile email";
  return {
    issuer,
    clientId,
    clientSecret,
    name: get(env, "ZHONGSHU_SSO_NAME") ?? DEFAULT_SSO_NAME,
    profileSource: get(env, "ZHONGSHU_SSO_PROFILE") === "userinfo" ? "userinfo" : "id_token",
    loginClaim: get(env, "ZHONGSHU_SSO_LOGIN_CLAIM") ?? "preferred_username",
    scope: /(^|\s)openid(\s|$)/.test(scope) ? scope : `openid ${scope}`,
    clientAuth: get(env, "ZHONGSHU_SSO_CLIENT_AUTH") === "client_secret_post" ? "client_secret_post" : "client_secret_basic",
  };
}

/** What the sign-in page may know of single sign-on: whether it is on and its name. */
export function ssoPublic(env: NodeJS.ProcessEnv = process.env): { name: string } | null {
  const c = ssoConfig(env);
  return c ? { name: c.name } : null;
}

/** Directory passwords, or null when no LDAP server (or no service account or base) is configured. */
export function ldapConfig(env: NodeJS.ProcessEnv = process.env): LdapConfig | null {
  const url = get(env, "ZHONGSHU_LDAP_URL");
  const bindDn = get(env, "ZHONGSHU_LDAP_BIND_DN");
  const bindPassword = env.ZHONGSHU_LDAP_BIND_PASSWORD;
  const searchBase = get(env, "ZHONGSHU_LDAP_SEARCH_BASE");
  if (!url || !/^ldaps?:\/\//.test(url) || !bindDn || !bindPassword || !searchBase) return null;
  const loginAttributes = (get(env, "ZHONGSHU_LDAP_LOGIN_ATTRIBUTES") ?? "uid")
    .split(",")
    .map((a) => a.trim())
    .filter((a) => ATTRIBUTE.test(a));
  if (!loginAttributes.length) loginAttributes.push("uid");
  const email = get(env, "ZHONGSHU_LDAP_EMAIL_ATTRIBUTE") ?? "mail";
  const map = get(env, "ZHONGSHU_LDAP_MAP_ATTRIBUTE");
  const objectClass = get(env, "ZHONGSHU_LDAP_OBJECT_CLASS");
  const timeout = Number(get(env, "ZHONGSHU_LDAP_TIMEOUT_MS") ?? 5000);
  return {
    url,
    bindDn,
    bindPassword,
    searchBase,
    loginAttributes,
    emailAttribute: email.toLowerCase() === "none" || !ATTRIBUTE.test(email) ? null : email,
    mapAttribute: map && ATTRIBUTE.test(map) ? map : loginAttributes[0],
    objectClass: objectClass && ATTRIBUTE.test(objectClass) ? objectClass : "person",
    startTls: flag(get(env, "ZHONGSHU_LDAP_STARTTLS"), false),
    tlsRejectUnauthorized: flag(get(env, "ZHONGSHU_LDAP_TLS_REJECT_UNAUTHORIZED"), true),
    caFile: get(env, "ZHONGSHU_LDAP_CA_FILE") ?? null,
    timeoutMs: Number.isInteger(timeout) && timeout >= 500 && timeout <= 60000 ? timeout : 5000,
  };
}
