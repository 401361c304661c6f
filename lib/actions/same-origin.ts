// Server actions answer only forms of this site. Next refuses an Origin that names another
// host, but lets a request without Origin through; browsers always send Origin with a POST, so
// a missing one (like "null", sent from sandboxed frames and some redirects) is refused here.
import "server-only";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { appConfig } from "@/lib/config";
import type { ActionState } from "./form";

type HeaderSource = { get(name: string): string | null };

/**
 * Whether `Origin` names this site: the host the request was addressed to (X-Forwarded-Host from
 * the reverse proxy, else Host — as auth.ts reads it), or the portal's public address. The
 * scheme is not compared with the request's: a TLS-terminating proxy that does not say
 * X-Forwarded-Proto would otherwise refuse every form, and no foreign page can send our host.
 */
export function isSameOrigin(h: HeaderSource, publicUrl: string | null): boolean {
  const origin = h.get("origin");
  if (!origin || origin === "null") return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return false;
  if (publicUrl && new URL(publicUrl).origin === url.origin) return true;
  const host = h.get("x-forwarded-host")?.split(",")[0].trim() || h.get("host");
  return !!host && url.host === host.toLowerCase();
}

/** Thrown by actions that answer with a redirect rather than a form state. */
export class CrossOriginError extends Error {
  constructor() {
    super("Server action refused: the request's Origin is missing or not this site.");
  }
}

async function requestIsSameOrigin(): Promise<boolean> {
  return isSameOrigin(await headers(), appConfig.publicUrl);
}

/** For form actions: the refusal to answer with, or null when the request came from this site. */
export async function crossOriginRefusal(): Promise<ActionState | null> {
  if (await requestIsSameOrigin()) return null;
  const t = await getTranslations();
  return { status: "error", message: t("errors.crossOrigin"), at: Date.now() };
}

/** For actions without a form state (sign-out, language, workspace): throws when not from this site. */
export async function assertSameOrigin(): Promise<void> {
  if (!(await requestIsSameOrigin())) throw new CrossOriginError();
}
