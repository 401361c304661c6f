// Helpers for the /api/v1 tests: tokens made through the data layer, and requests sent straight
// to the route handlers (no server), from a distinct client address per test unless given.
import { getSql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { createMyToken } from "@/lib/dal/api-tokens";
import type { Scope } from "@/lib/domain/api/scopes";
import { unique } from "./db";

export async function tokenFor(actor: Actor, scopes: Scope[] = ["items:read", "items:write", "notices:read", "org:read"], days = 90) {
  return createMyToken(actor, { name: unique("token"), scopes, expiresInDays: days });
}


export type CallOptions = { token?: string | null; body?: unknown; rawBody?: string; ip?: string; headers?: Record<string, string>; params?: Record<string, string> };

let address = 0;
/** A client address no other call uses (each test gets its own per-address window). */
export function freshIp(): string {
  address++;
  return `10.${(process.pid >> 8) & 255}.${(address >> 8) & 255}.${address & 255}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON under test, read field by field
export type ApiAnswer = { status: number; body: any; headers: Headers; text: string };

export async function call<P>(handler: (request: Request, context: { params: Promise<P> }) => Promise<Response> | Response, url: string, opts: CallOptions = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = { "x-forwarded-for": opts.ip ?? freshIp(), "accept-language": "en", ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined || opts.body !== undefined) {
    body = opts.rawBody ?? JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const method = body === undefined ? "GET" : "POST";
  const request = new Request(new URL(url, "http://zhongshu.test"), { method, headers, body });
  const response = await handler(request, { params: Promise.resolve((opts.params ?? {}) as P) });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed, headers: response.headers, text };
}

export async function clearRateLimits(): Promise<void> {
  await getSql()`delete from rate_limit_buckets`;
}
