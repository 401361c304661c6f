// Environment variables, validated once with a clear message for each bad one.
// `.env.example` documents every variable read here.
import { z } from "zod";

const port = z.coerce.number({ error: "must be a port number (1–65535)" }).int("must be a port number (1–65535)").min(1, "must be a port number (1–65535)").max(65535, "must be a port number (1–65535)");
const boolish = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

export const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  ZHONGSHU_DATA_DIR: z.string().min(1).default(".data"),
  ZHONGSHU_PG_PORT: port.default(54329),
  PORT: port.default(3000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  ZHONGSHU_TIMEZONE: z
    .string()
    .default("Asia/Shanghai")
    .refine(isTimeZone, "is not an IANA time zone (e.g. Asia/Shanghai)"),
  ZHONGSHU_ORG_NAME: z.string().min(1).max(100).default("示范市第一中学"),
  ZHONGSHU_SEED_DEMO: boolish.default(true),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, "must be a base64-encoded 32-byte key (openssl rand -base64 32)")
    .optional(),
  AUTH_TRUST_HOST: boolish.optional(),
  ZHONGSHU_ESCALATE_AFTER_DAYS: z.coerce.number({ error: "must be a whole number of working days (1–60)" }).int("must be a whole number of working days (1–60)").min(1, "must be a whole number of working days (1–60)").max(60, "must be a whole number of working days (1–60)").default(3),
  ZHONGSHU_LADDER_DAYS: z.coerce.number({ error: "must be a whole number of working days (1–30)" }).int("must be a whole number of working days (1–30)").min(1, "must be a whole number of working days (1–30)").max(30, "must be a whole number of working days (1–30)").default(3),
  ZHONGSHU_MAX_UPLOAD_MB: z.coerce.number({ error: "must be a number of megabytes (1–1024)" }).min(1, "must be a number of megabytes (1–1024)").max(1024, "must be a number of megabytes (1–1024)").default(20),
  ZHONGSHU_SWEEP: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
  ZHONGSHU_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, "must be the portal's address, e.g. https://zhongshu.example.edu.cn")
    .optional(),
  ZHONGSHU_SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, "must look like smtp://user:password@host:587 or smtps://host:465").optional(),
  ZHONGSHU_SMTP_FROM: z.string().min(3).max(200).includes("@", { error: "must be a sender address, e.g. 中枢 <zhongshu@example.edu.cn>" }).optional(),
  ZHONGSHU_SMTP_TLS_REJECT_UNAUTHORIZED: boolish.default(true),
  ZHONGSHU_API_RATE_PER_TOKEN: z.coerce.number({ error: "must be a whole number of requests per minute (1–100000)" }).int("must be a whole number of requests per minute (1–100000)").min(1, "must be a whole number of requests per minute (1–100000)").max(100_000, "must be a whole number of requests per minute (1–100000)").default(120),
  ZHONGSHU_API_RATE_PER_ADDRESS: z.coerce.number({ error: "must be a whole number of requests per minute (1–100000)" }).int("must be a whole number of requests per minute (1–100000)").min(1, "must be a whole number of requests per minute (1–100000)").max(100_000, "must be a whole number of requests per minute (1–100000)").default(300),
  // How many reverse proxies in front of the app append to X-Forwarded-For (0: none, the header is ignored).
  ZHONGSHU_TRUSTED_PROXIES: z.coerce.number({ error: "must be a whole number of proxies (0–5)" }).int("must be a whole number of proxies (0–5)").min(0, "must be a whole number of proxies (0–5)").max(5, "must be a whole number of proxies (0–5)").default(1),
  // Company sign-in (OIDC single sign-on); off while ZHONGSHU_SSO_ISSUER is unset.
  ZHONGSHU_SSO_ISSUER: z.string().regex(/^https?:\/\/[^\s]+$/, "must be the provider's issuer URL, e.g. https://sso.example.edu.cn/realms/school").optional(),
  ZHONGSHU_SSO_CLIENT_ID: z.string().min(1).max(500).optional(),
  ZHONGSHU_SSO_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  ZHONGSHU_SSO_NAME: z.string().min(1).max(40, "must be at most 40 characters").optional(),
  ZHONGSHU_SSO_PROFILE: z.enum(["id_token", "userinfo"], { error: 'must be "id_token" or "userinfo"' }).default("id_token"),
  ZHONGSHU_SSO_LOGIN_CLAIM: z.string().regex(/^[A-Za-z0-9_:.\/-]{1,100}$/, "must be a claim name, e.g. preferred_username").default("preferred_username"),
  ZHONGSHU_SSO_SCOPE: z.string().regex(/(^|\s)openid(\s|$)/, 'must include "openid", e.g. "openid profile email"').default("openid profile email"),
  ZHONGSHU_SSO_CLIENT_AUTH: z.enum(["client_secret_basic", "client_secret_post"], { error: 'must be "client_secret_basic" or "client_secret_post"' }).default("client_secret_basic"),
  // Directory passwords (LDAP / Active Directory); off while ZHONGSHU_LDAP_URL is unset.
  ZHONGSHU_LDAP_URL: z.string().regex(/^ldaps?:\/\/[^\s/]+\/?$/, "must look like ldap://dc1.example.edu.cn:389 or ldaps://dc1.example.edu.cn:636").optional(),
  ZHONGSHU_LDAP_BIND_DN: z.string().min(1).max(500).optional(),
  ZHONGSHU_LDAP_BIND_PASSWORD: z.string().min(1).max(500).optional(),
  ZHONGSHU_LDAP_SEARCH_BASE: z.string().min(1).max(500).optional(),
  ZHONGSHU_LDAP_LOGIN_ATTRIBUTES: z.string().regex(/^\s*[A-Za-z][A-Za-z0-9-]*(\s*,\s*[A-Za-z][A-Za-z0-9-]*)*\s*$/, "must be attribute names separated by commas, e.g. uid or sAMAccountName,userPrincipalName").default("uid"),
  ZHONGSHU_LDAP_EMAIL_ATTRIBUTE: z.string().regex(/^([A-Za-z][A-Za-z0-9-]*|none)$/, 'must be an attribute name (e.g. mail) or "none"').default("mail"),
  ZHONGSHU_LDAP_MAP_ATTRIBUTE: z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, "must be an attribute name, e.g. uid or sAMAccountName").optional(),
  ZHONGSHU_LDAP_OBJECT_CLASS: z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, "must be an object class, e.g. person or user").default("person"),
  ZHONGSHU_LDAP_STARTTLS: boolish.default(false),
  ZHONGSHU_LDAP_TLS_REJECT_UNAUTHORIZED: boolish.default(true),
  ZHONGSHU_LDAP_CA_FILE: z.string().min(1).optional(),
  ZHONGSHU_LDAP_TIMEOUT_MS: z.coerce.number({ error: "must be milliseconds (500–60000)" }).int("must be milliseconds (500–60000)").min(500, "must be milliseconds (500–60000)").max(60000, "must be milliseconds (500–60000)").default(5000),
}).refine((env) => !env.ZHONGSHU_SMTP_URL || env.ZHONGSHU_SMTP_FROM, {
  path: ["ZHONGSHU_SMTP_FROM"],
  error: "is required when ZHONGSHU_SMTP_URL is set",
}).refine((env) => !env.ZHONGSHU_SSO_ISSUER || env.ZHONGSHU_SSO_CLIENT_ID, {
  path: ["ZHONGSHU_SSO_CLIENT_ID"],
  error: "is required when ZHONGSHU_SSO_ISSUER is set",
}).refine((env) => !env.ZHONGSHU_SSO_ISSUER || env.ZHONGSHU_SSO_CLIENT_SECRET, {
  path: ["ZHONGSHU_SSO_CLIENT_SECRET"],
  error: "is required when ZHONGSHU_SSO_ISSUER is set",
}).refine((env) => !env.ZHONGSHU_LDAP_URL || (env.ZHONGSHU_LDAP_BIND_DN && env.ZHONGSHU_LDAP_BIND_PASSWORD), {
  path: ["ZHONGSHU_LDAP_BIND_DN"],
  error: "and ZHONGSHU_LDAP_BIND_PASSWORD are required when ZHONGSHU_LDAP_URL is set (a service account that may search)",
}).refine((env) => !env.ZHONGSHU_LDAP_URL || env.ZHONGSHU_LDAP_SEARCH_BASE, {
  path: ["ZHONGSHU_LDAP_SEARCH_BASE"],
  error: "is required when ZHONGSHU_LDAP_URL is set",
});
export type Env = z.infer<typeof envSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example.`);
  }
  return result.data;
}

/** What the running app needs of the configuration (safe to call from any server module). */
export const appConfig = {
  get timeZone(): string {
    return process.env.ZHONGSHU_TIMEZONE || "Asia/Shanghai";
  },
  get orgName(): string {
    return process.env.ZHONGSHU_ORG_NAME || "示范市第一中学";
  },
  /** Working days a coordination matter may stall before it climbs a rung (validated at start). */
  get ladderDays(): number {
    const n = Number(process.env.ZHONGSHU_LADDER_DAYS || 3);
    return Number.isInteger(n) && n >= 1 && n <= 30 ? n : 3;
  },
  /** The portal's own address for links in e-mails, without a trailing slash; null when unset. */
  get publicUrl(): string | null {
    const url = process.env.ZHONGSHU_PUBLIC_URL?.trim();
    return url && /^https?:\/\//.test(url) ? url.replace(/\/+$/, "") : null;
  },
  /** API requests per minute allowed to one token (validated at start). */
  get apiRatePerToken(): number {
    return positiveInt(process.env.ZHONGSHU_API_RATE_PER_TOKEN, 120);
  },
  /** API requests per minute allowed from one client address, whatever the token (validated at start). */
  get apiRatePerAddress(): number {
    return positiveInt(process.env.ZHONGSHU_API_RATE_PER_ADDRESS, 300);
  },
  /** Reverse proxies in front of the app that append to X-Forwarded-For (validated at start). */
  get trustedProxies(): number {
    const n = Number(process.env.ZHONGSHU_TRUSTED_PROXIES ?? 1);
    return Number.isInteger(n) && n >= 0 && n <= 5 ? n : 1;
  },
  /** The SMTP server for e-mail copies of notifications, or null when e-mail is off. */
  get smtp(): SmtpConfig | null {
    const url = process.env.ZHONGSHU_SMTP_URL?.trim();
    if (!url || !/^smtps?:\/\//.test(url)) return null;
    const reject = process.env.ZHONGSHU_SMTP_TLS_REJECT_UNAUTHORIZED?.trim().toLowerCase();
    return {
      url,
      from: process.env.ZHONGSHU_SMTP_FROM?.trim() || "zhongshu@localhost",
      rejectUnauthorized: !(reject === "0" || reject === "false" || reject === "no"),
    };
  },
};

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value || fallback);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : fallback;
}

export type SmtpConfig = { url: string; from: string; rejectUnauthorized: boolean };
