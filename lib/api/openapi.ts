// The OpenAPI 3.1 document of /api/v1, generated from the catalog and its zod schemas with
// zod's own JSON Schema output (draft 2020-12, the dialect OpenAPI 3.1 uses).
import { z } from "zod";
import { SCOPES } from "@/lib/domain/api/scopes";
import { API_ENDPOINTS } from "./catalog";
import * as S from "./schemas";

type Json = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: "Invalid request (invalid_request with fields, or invalid_json)",
  401: "Missing, unknown, expired or revoked token, or a disabled owner (invalid_token)",
  403: "The token lacks the scope (insufficient_scope), or the owner may not do this (forbidden)",
  404: "No such record, or one the owner may not see (not_found)",
  409: "Changed since read (conflict) or not possible in its state (wrong_state)",
  413: "Body larger than 64 kB (payload_too_large)",
  415: "Body is not JSON (unsupported_media_type)",
  422: "Refused by the rules (the code says why, e.g. dueInPast, unknownDepartment)",
  429: "Rate limit reached (rate_limited); see Retry-After",
  500: "Unexpected error (internal_error)",
  503: "The database is unavailable (unavailable); retry after Retry-After seconds",
};

/** A schema without the document-level $schema and $id (the document's dialect applies). */
function strip(schema: Json): Json {
  return Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema" && k !== "$id"));
}

function inputSchema(schema: z.ZodType): Json {
  return strip(z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Json);
}

function componentSchemas(): Json {
  const registry = z.registry<{ id: string }>();
  registry.add(S.errorResponse, { id: "Error" });
  registry.add(S.itemSummary, { id: "ItemSummary" });
  registry.add(S.noticeSummary, { id: "NoticeSummary" });
  registry.add(S.department, { id: "Department" });
  registry.add(S.user, { id: "User" });
  for (const e of API_ENDPOINTS) if (!registry.has(e.response.schema)) registry.add(e.response.schema, { id: e.response.name });
  const out = z.toJSONSchema(registry, { target: "draft-2020-12", io: "output", unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Json> };
  return Object.fromEntries(Object.entries(out.schemas).map(([k, v]) => [k, strip(v)]));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function errorResponse(status: number): Json {
  const headers: Json =
    status === 429 || status === 503
      ? { "Retry-After": { description: status === 429 ? "Seconds until the window resets" : "Seconds to wait before retrying", schema: { type: "integer" } } }
      : status === 401
        ? { "WWW-Authenticate": { schema: { type: "string" } } }
        : {};
  return { description: STATUS_TEXT[status] ?? "Error", headers, content: { "application/json": { schema: ref("Error") } } };
}

function queryParameters(query: z.ZodObject): Json[] {
  const schema = inputSchema(query) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s as Json & { description?: string };
    return { name, in: "query", required: (schema.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest };
  });
}

export function openApiDocument(serverUrl?: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const e of API_ENDPOINTS) {
    const parameters = [
      ...(e.pathId ? [{ name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } }] : []),
      ...(e.query ? queryParameters(e.query) : []),
    ];
    const responses: Json = {
      [String(e.response.status)]: { description: e.response.status === 201 ? "Created" : "OK", content: { "application/json": { schema: ref(e.response.name) } } },
    };
    for (const status of [...e.errors, 401, 429, 500, 503].sort((a, b) => a - b)) responses[String(status)] = errorResponse(status);
    (paths[e.path] ??= {})[e.method.toLowerCase()] = {
      operationId: e.key,
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      tags: [e.path.split("/")[3]],
      security: [{ bearer: [e.scope] }],
      "x-required-scope": e.scope,
      ...(parameters.length ? { parameters } : {}),
      ...(e.body ? { requestBody: { required: true, content: { "application/json": { schema: inputSchema(e.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Zhongshu integration API",
      version: "1.0.0",
      description:
        "Read and create supervised items, read notices and receipts, read the organisation. Authenticate with `Authorization: Bearer zs_…` (a token made under My account → API tokens, or by an admin for a service account). The caller acts as the token's owner, sees what the owner sees in the portal, and only within the token's scopes. Errors are `{ error: { code, message, fields? } }`. Rate limits apply per token and per client address (429 with Retry-After).",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", bearerFormat: "zs_<43 base64url characters>", description: `Scopes: ${SCOPES.join(", ")}` },
      },
      schemas: componentSchemas(),
    },
    security: [{ bearer: [] }],
    paths,
  };
}
