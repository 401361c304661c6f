// The frame every /api/v1 route handler runs in: rate limits (per address, then per token),
// the bearer token, the scope, then the handler, whose refusals become JSON errors with a
// stable code. Session cookies are never read here.
import "server-only";
import { clientAddress as addressOf } from "@/lib/domain/client-address";
import { createTranslator } from "use-intl/core";
import type { z } from "zod";
import { appConfig } from "@/lib/config";
import type { Actor } from "@/lib/dal/actor";
import { isDatabaseUnavailable } from "@/lib/dal/db-errors";
import { DomainError } from "@/lib/dal/errors";
import { hitRateLimit, type RateLimitResult } from "@/lib/dal/rate-limit";
import { hasScope, type Scope } from "@/lib/domain/api/scopes";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/messages";
import { apiActor } from "./auth";
import { httpStatusOf } from "./status";

/** Largest JSON body accepted. */
export const MAX_BODY_BYTES = 64 * 1024;

const NO_STORE = { "Cache-Control": "no-store" };

/** An error the frame answers with as it is (bad input, missing scope …). */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly fields?: Record<string, string>,
    public readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = "ApiError";
  }
}

/** The reader's language for messages: zh… → zh-CN, en… → en, else the portal's default. */
export function localeOf(request: Request): Locale {
  const header = request.headers.get("accept-language") ?? "";
  for (const part of header.split(",")) {
    const tag = part.split(";")[0].trim().toLowerCase();
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return DEFAULT_LOCALE;
}

function translator(locale: Locale) {
  const t = createTranslator({ locale, messages: MESSAGES[locale] });
  return (key: string, fallback = "errors.invalid"): string => {
    if (t.has(key as never)) return t(key as never);
    return t.has(fallback as never) ? t(fallback as never) : key;
  };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

function errorJson(locale: Locale, status: number, code: string, messageKey: string, fields?: Record<string, string>, headers: Record<string, string> = {}): Response {
  const t = translator(locale);
  return json({ error: { code, message: t(messageKey, "api.errors.internal_error"), ...(fields ? { fields } : {}) } }, status, headers);
}

/** Where the request comes from: the X-Forwarded-For entry our own proxy wrote (ZHONGSHU_TRUSTED_PROXIES), else X-Real-IP. */
export function clientAddress(request: Request): string {
  return addressOf(request.headers.get("x-forwarded-for"), request.headers.get("x-real-ip"), appConfig.trustedProxies);
}

function rateHeaders(r: RateLimitResult): Record<string, string> {
  return { "RateLimit-Limit": String(r.limit), "RateLimit-Remaining": String(r.remaining), "RateLimit-Reset": String(r.retryAfterSeconds) };
}

function tooMany(locale: Locale, r: RateLimitResult): Response {
  return errorJson(locale, 429, "rate_limited", "api.errors.rate_limited", undefined, { ...rateHeaders(r), "Retry-After": String(r.retryAfterSeconds) });
}

/** Zod issues to { field: message } in the reader's language (a message key is translated). */
function fieldErrors(error: z.ZodError, locale: Locale): Record<string, string> {
  const t = translator(locale);
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const prefix = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) out[[...prefix, k].join(".")] ??= t("api.errors.unknown_field");
      continue;
    }
    out[prefix.length ? prefix.join(".") : "body"] ??= t(issue.message.startsWith("errors.") ? issue.message : "errors.invalid");
  }
  return out;
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw Object.assign(new ApiError(400, "invalid_request"), { zod: parsed.error });
  return parsed.data;
}

/** The query string as an object (a repeated key keeps its first value). */
export function queryOf(request: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(request.url).searchParams) out[k] ??= v;
  return out;
}

/** The JSON body, at most MAX_BODY_BYTES, parsed (not yet validated). */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type.trim())) throw new ApiError(415, "unsupported_media_type");
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw new ApiError(413, "payload_too_large");
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => {});
        throw new ApiError(413, "payload_too_large");
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json");
  }
}

export type Handler<P> = (ctx: { request: Request; actor: Actor; params: P; locale: Locale }) => Promise<Response>;

/**
 * A /api/v1 route handler needing `scope`. Order: the address's rate limit (so guessing tokens
 * is limited too), the bearer token (401 invalid_token), the token's rate limit, the scope
 * (403 insufficient_scope), then the handler. The data layer the handler calls authorizes
 * again with the owner's roles and the one visibility rule.
 */
export function endpoint<P extends Record<string, string> = Record<string, never>>(scope: Scope | null, handler: Handler<P>) {
  return async (request: Request, context?: { params: Promise<P> }): Promise<Response> => {
    const locale = localeOf(request);
    try {
      const byAddress = await hitRateLimit(`ip:${clientAddress(request)}`, appConfig.apiRatePerAddress);
      if (!byAddress.allowed) return tooMany(locale, byAddress);
      const actor = await apiActor(request);
      if (!actor) return errorJson(locale, 401, "invalid_token", "api.errors.invalid_token", undefined, { "WWW-Authenticate": 'Bearer error="invalid_token"' });
      const byToken = await hitRateLimit(`token:${actor.tokenId}`, appConfig.apiRatePerToken);
      if (!byToken.allowed) return tooMany(locale, byToken);
      if (scope && !hasScope(actor.scopes, scope)) {
        return errorJson(locale, 403, "insufficient_scope", "api.errors.insufficient_scope", undefined, { "WWW-Authenticate": `Bearer error="insufficient_scope", scope="${scope}"` });
      }
      const params = ((await context?.params) ?? {}) as P;
      const response = await handler({ request, actor, params, locale });
      for (const [k, v] of Object.entries(rateHeaders(byToken))) response.headers.set(k, v);
      return response;
    } catch (e) {
      return errorResponse(e, locale);
    }
  };
}

/** Any failure as a JSON error: bad input 400, DomainError by its code, anything else 500 (logged). */
export function errorResponse(e: unknown, locale: Locale): Response {
  if (e instanceof ApiError) {
    const zod = (e as ApiError & { zod?: z.ZodError }).zod;
    const fields = zod ? fieldErrors(zod, locale) : e.fields;
    return errorJson(locale, e.status, e.code, `api.errors.${e.code}`, fields, e.headers);
  }
  if (e instanceof DomainError) {
    const { status, code } = httpStatusOf(e.code);
    const t = translator(locale);
    const message = t(`errors.${e.code}`);
    return json({ error: { code, message, ...(e.field ? { fields: { [e.field]: message } } : {}) } }, status);
  }
  // The database is down or restarting: worth retrying shortly, unlike a 500.
  if (isDatabaseUnavailable(e)) return errorJson(locale, 503, "unavailable", "errors.unavailable", undefined, { "Retry-After": "5" });
  console.error("[zhongshu] api: unexpected error", e);
  return errorJson(locale, 500, "internal_error", "api.errors.internal_error");
}
