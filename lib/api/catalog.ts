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

export const API_ENDPOINTS: ApiEndpoint[] = [
  {
    key: "listItems",
    method: "GET",
    path: "/api/v1/items",
    scope: "items:read",
    summary: "List supervised items",
    description: "The ledger the token's owner may see in the portal, newest first. Pass nextCursor as cursor for the next page.",
    query: S.itemListQuery,
    response: { status: 200, schema: S.itemList, name: "ItemList" },
    errors: [400, 403],
    example: `curl -H "Authorization: Bearer $ZS_TOKEN" "${BASE}/api/v1/items?state=in_progress&limit=20"`,
  },
  {
    key: "getItem",
    method: "GET",
    path: "/api/v1/items/{id}",
    scope: "items:read",
    summary: "Read one supervised item",
    description: "With its departments and timeline. An item the owner may not see answers 404, like a missing one.",
    pathId: true,
    response: { status: 200, schema: S.itemDetail, name: "ItemDetail" },
    errors: [400, 403, 404],
    example: `curl -H "Authorization: Bearer $ZS_TOKEN" ${BASE}/api/v1/items/42`,
  },
  {
    key: "createItem",
    method: "POST",
    path: "/api/v1/items",
    scope: "items:write",
    summary: "Register a supervised item",
    description: "As the office's registration form: a draft with the next number; with a proposal (office tokens) it goes before the routed leader.",
    body: S.itemCreateBody,
    response: { status: 201, schema: S.itemCreated, name: "ItemCreated" },
    errors: [400, 403, 413, 415, 422],
    example: `curl -X POST -H "Authorization: Bearer $ZS_TOKEN" -H "Content-Type: application/json" \\
  -d '{"title":"落实安全检查","source":"superior_document","urgency":"urgent","leadDepartmentId":3,"dueOn":"2026-07-15"}' \\
  ${BASE}/api/v1/items`,
  },
  {
    key: "reportProgress",
    method: "POST",
    path: "/api/v1/items/{id}/progress",
    scope: "items:write",
    summary: "Report progress on an item",
    description: "For the caller's department, against the version last read: a changed item answers 409 conflict.",
    pathId: true,
    body: S.progressBody,
    response: { status: 200, schema: S.progressResult, name: "ProgressResult" },
    errors: [400, 403, 404, 409, 413, 415, 422],
    example: `curl -X POST -H "Authorization: Bearer $ZS_TOKEN" -H "Content-Type: application/json" \\
  -d '{"version":4,"note":"已完成第一阶段排查"}' ${BASE}/api/v1/items/42/progress`,
  },
  {
    key: "listNotices",
    method: "GET",
    path: "/api/v1/notices",
    scope: "notices:read",
    summary: "List notices",
    query: S.noticeListQuery,
    response: { status: 200, schema: S.noticeList, name: "NoticeList" },
    errors: [400, 403],
    example: `curl -H "Authorization: Bearer $ZS_TOKEN" "${BASE}/api/v1/notices?box=sent"`,
  },
  {
    key: "getNotice",
    method: "GET",
    path: "/api/v1/notices/{id}",
    scope: "notices:read",
    summary: "Read a notice with its receipts",
    description: "Receipts per department for those who manage the notice; the caller's own receipt when they are a recipient. Reading here does not mark it read.",
    pathId: true,
    response: { status: 200, schema: S.noticeDetail, name: "NoticeDetail" },
    errors: [400, 403, 404],
    example: `curl -H "Authorization: Bearer $ZS_TOKEN" ${BASE}/api/v1/notices/7`,
  },
  {
    key: "listDepartments",
    method: "GET",
    path: "/api/v1/departments",
    scope: "org:read",
    summary: "List departments",
    response: { status: 200, schema: S.departmentList, name: "DepartmentList" },
    errors: [403],
    example: `curl -H "Authorization: Bearer $ZS_TOKEN" ${BASE}/api/v1/departments`,
  },
  {
    key: "listUsers",
    method: "GET",
    path: "/api/v1/users",
    scope: "org:read",
    summary: "List people",
    description: "Active people: login, name, department, roles and title; e-mail only for an admin's token.",
    query: S.userListQuery,
    response: { status: 200, schema: S.userList, name: "UserList" },
    errors: [400, 403],
    example: `curl -H "Authorization: Bearer $ZS_TOKEN" "${BASE}/api/v1/users?departmentId=3"`,
  },
];
