// Calls a server action the way any HTTP client can: a direct POST with the Next-Action
// header, bypassing the UI. Action ids come from the production build's manifest.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

type ManifestEntry = { filename: string; exportedName: string };

/**
 * The site's own origin (playwright.config.ts's baseURL). Browsers send it as Origin with every
 * POST, and server actions refuse a request without it (lib/actions/same-origin.ts).
 */
export const SITE_ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3210}`;

export function serverActions(prefix: string): { id: string; file: string; name: string }[] {
  const file = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, ManifestEntry> };
  return Object.entries(manifest.node)
    .filter(([, e]) => e.filename.startsWith(prefix))
    .map(([id, e]) => ({ id, file: e.filename, name: e.exportedName }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * POSTs (previousState, formData) to a useActionState-style action, encoded as React's
 * encodeReply does: part "0" holds the argument list, "$K1" points at the form fields "_1_*".
 */
export async function postAction(
  request: APIRequestContext,
  pagePath: string,
  actionId: string,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = { Origin: SITE_ORIGIN },
): Promise<{ status: number; body: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(`_1_${k}`, one);
  // The root part comes last, as browsers send it: the streaming decoder resolves "$K1" from
  // the fields that arrived before it.
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const res = await request.post(pagePath, {
    headers: { "Next-Action": actionId, Accept: "text/x-component", ...headers },
    multipart: form,
  });
  return { status: res.status(), body: await res.text() };
}
