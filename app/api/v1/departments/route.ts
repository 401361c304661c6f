// GET /api/v1/departments: the organisation's active departments.
import { listDepartments } from "@/lib/dal/departments";
import { departmentJson } from "@/lib/api/dto";
import { endpoint, json } from "@/lib/api/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = endpoint("org:read", async ({ actor }) => {
  const rows = await listDepartments(actor);
  return json({ data: rows.map(departmentJson) });
});
