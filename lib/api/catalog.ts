// Every /api/v1 endpoint in one list: the OpenAPI document and the reference page are built
// from it, with the same zod schemas the route handlers validate and answer with.
import type { z } from "zod";
import type { Scope } from "@/lib/domain/api/scopes";
import * as S from "./schemas";

export type ApiEndpoint = {
  /** Key of the endpoint's texts on the reference page (api.docs.endpoints.<key>). */
  key: string;
  method: "GET" | "POST";
  path: string;
  scope: Scope;
  summary: string;
  description?: string;
  query?: z.ZodObject;
  pathId?: boolean;
  body?: z.ZodType;
  response: { status: 200 | 201; schema: z.ZodType; name: string };
  /** Error statuses besides 401, 429 and 500, which every endpoint may answer. */
  errors: number[];
  /** A curl example (the host and token are placeholders). */
  example: string;
};

const BASE = "https://zhongshu.example.edu.cn";

/** A curl example of a read; a URL with a query string is quoted for the shell. */
const curlGet = (url: string) => `curl -H "Authorization: Bearer $ZS_TOKEN" ${url.includes("?") ? `"${BASE}${url}"` : `${BASE}${url}`}`;

/** A curl example of a write: the JSON body, then the URL (on its own line when `wrap`). */
const curlPost = (url: string, body: string, wrap: boolean) =>
  `curl -X POST -H "Authorization: Bearer $ZS_TOKEN" -H "Content-Type: application/json" \\\n  -d '${body}'${wrap ? " \\\n  " : " "}${BASE}${url}`;

type Fields = Pick<ApiEndpoint, "key" | "path" | "scope" | "summary" | "description" | "query" | "pathId" | "body" | "errors">;

/** An endpoint with its response: `[status, schema, name]`; the fields it leaves out stay absent. */
function endpoint(method: ApiEndpoint["method"], fields: Fields, [status, schema, name]: [200 | 201, z.ZodType, string], example: string): ApiEndpoint {
  const { key, path, scope, summary, description, query, pathId, body, errors } = fields;
  return {
    key,
    method,
    path,
    scope,
    summary,
    ...(description !== undefined && { description }),
    ...(query !== undefined && { query }),
    ...(pathId !== undefined && { pathId }),
    ...(body !== undefined && { body }),
    response: { status, schema, name },
    errors,
    example,
  };
}

/** A read (GET, 200); `exampleUrl` is the path of the curl example, with its query string. */
const read = (fields: Fields, schema: z.ZodType, name: string, exampleUrl: string) => endpoint("GET", fields, [200, schema, name], curlGet(exampleUrl));

export const API_ENDPOINTS: ApiEndpoint[] = [
  read(
    {
      key: "listItems",
      path: "/api/v1/items",
      scope: "items:read",
      summary: "List supervised items",
      description: "The ledger the token's owner may see in the portal, newest first. Pass nextCursor as cursor for the next page.",
      query: S.itemListQuery,
      errors: [400, 403],
    },
    S.itemList,
    "ItemList",
    "/api/v1/items?state=in_progress&limit=20",
  ),
  read(
    {
      key: "getItem",
      path: "/api/v1/items/{id}",
      scope: "items:read",
      summary: "Read one supervised item",
      description: "With its departments and timeline. An item the owner may not see answers 404, like a missing one.",
      pathId: true,
      errors: [400, 403, 404],
    },
    S.itemDetail,
    "ItemDetail",
    "/api/v1/items/42",
  ),
  endpoint(
    "POST",
    {
      key: "createItem",
      path: "/api/v1/items",
      scope: "items:write",
      summary: "Register a supervised item",
      description: "As the office's registration form: a draft with the next number; with a proposal (office tokens) it goes before the routed leader.",
      body: S.itemCreateBody,
      errors: [400, 403, 413, 415, 422],
    },
    [201, S.itemCreated, "ItemCreated"],
    curlPost("/api/v1/items", `{"title":"落实安全检查","source":"superior_document","urgency":"urgent","leadDepartmentId":3,"dueOn":"2026-07-15"}`, true),
  ),
  endpoint(
    "POST",
    {
      key: "reportProgress",
      path: "/api/v1/items/{id}/progress",
      scope: "items:write",
      summary: "Report progress on an item",
      description: "For the caller's department, against the version last read: a changed item answers 409 conflict.",
      pathId: true,
      body: S.progressBody,
      errors: [400, 403, 404, 409, 413, 415, 422],
    },
    [200, S.progressResult, "ProgressResult"],
    curlPost("/api/v1/items/42/progress", `{"version":4,"note":"已完成第一阶段排查"}`, false),
  ),
  read(
    { key: "listNotices", path: "/api/v1/notices", scope: "notices:read", summary: "List notices", query: S.noticeListQuery, errors: [400, 403] },
    S.noticeList,
    "NoticeList",
    "/api/v1/notices?box=sent",
  ),
  read(
    {
      key: "getNotice",
      path: "/api/v1/notices/{id}",
      scope: "notices:read",
      summary: "Read a notice with its receipts",
      description: "Receipts per department for those who manage the notice; the caller's own receipt when they are a recipient. Reading here does not mark it read.",
      pathId: true,
      errors: [400, 403, 404],
    },
    S.noticeDetail,
    "NoticeDetail",
    "/api/v1/notices/7",
  ),
  read({ key: "listDepartments", path: "/api/v1/departments", scope: "org:read", summary: "List departments", errors: [403] }, S.departmentList, "DepartmentList", "/api/v1/departments"),
  read(
    {
      key: "listUsers",
      path: "/api/v1/users",
      scope: "org:read",
      summary: "List people",
      description: "Active people: login, name, department, roles and title; e-mail only for an admin's token.",
      query: S.userListQuery,
      errors: [400, 403],
    },
    S.userList,
    "UserList",
    "/api/v1/users?departmentId=3",
  ),
];
