// GET /api/v1/users: the directory (active people), never hashes; e-mail only for an admin's token.
import { listUsers } from "@/lib/dal/users";
import { userJson } from "@/lib/api/dto";
import { endpoint, json, parseWith, queryOf } from "@/lib/api/http";
import { userListQuery } from "@/lib/api/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = endpoint("org:read", async ({ request, actor }) => {
  const query = parseWith(userListQuery, queryOf(request));
  const rows = await listUsers(actor, { departmentId: query.departmentId, q: query.q });
  const admin = actor.roles.includes("admin");
  return json({ data: rows.map((u) => userJson(u, admin)) });
});
