// GET /api/v1/openapi.json: the OpenAPI 3.1 document, public (it holds no data).
import { openApiDocument } from "@/lib/api/openapi";
import { appConfig } from "@/lib/config";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

let cached: string | null = null;

export function GET() {
  cached ??= JSON.stringify(openApiDocument(appConfig.publicUrl ?? undefined));
  return new Response(cached, { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}
