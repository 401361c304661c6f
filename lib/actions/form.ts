// The boundary every server action goes through: who is asking, is the input valid, and
// what went wrong in the reader's language, at the field it concerns.
import "server-only";
import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Actor } from "@/lib/dal/actor";
import { DomainError } from "@/lib/dal/errors";
import { isDatabaseUnavailable } from "@/lib/dal/db-errors";
import { currentActor } from "@/lib/dal/session";
import { postedForm } from "./posted";
import { crossOriginRefusal } from "./same-origin";

export type ActionState = {
  status: "idle" | "ok" | "error";
  message?: string;
  fieldErrors?: Record<string, string>;
  /** What was submitted, echoed back on error so the form keeps it (never passwords). */
  values?: Record<string, string | string[]>;
  /** Changes on every answer so that forms can reset or announce it. */
  at?: number;
};

function echo(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(formToObject(formData))) {
    if (/password|current|confirm/i.test(k)) continue;
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

export const idle: ActionState = { status: "idle" };

/** FormData to a plain object; a repeated field (checkboxes, multi-select) becomes an array. */
export function formToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    // A field named __proto__ would become the parsed object's prototype.
    if (key.startsWith("$ACTION") || key === "__proto__") continue;
    const values = formData.getAll(key).map((v) => (typeof v === "string" ? v : v));
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

type Translator = Awaited<ReturnType<typeof getTranslations>>;

function translate(t: Translator, key: string | undefined, fallback = "errors.invalid"): string {
  const k = key && key.startsWith("errors.") ? key : fallback;
  return t.has(k as never) ? t(k as never) : t(fallback as never);
}

export async function errorState(e: unknown): Promise<ActionState> {
  const t = await getTranslations();
  if (e instanceof DomainError) {
    const message = translate(t, `errors.${e.code}`);
    return { status: "error", message, fieldErrors: e.field ? { [e.field]: message } : undefined, at: Date.now() };
  }
  console.error(e);
  if (isDatabaseUnavailable(e)) return { status: "error", message: t("errors.unavailable"), at: Date.now() };
  return { status: "error", message: t("errors.unexpected"), at: Date.now() };
}

export async function zodState(error: z.ZodError): Promise<ActionState> {
  const t = await getTranslations();
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= translate(t, issue.message);
  }
  return { status: "error", message: t("errors.checkFields"), fieldErrors, at: Date.now() };
}

/**
 * After creating a record: refreshes every page (homes, lists, queues) and opens `path`.
 * redirect() throws, so a formAction handler that calls this never reaches its own revalidation.
 */
export function openCreated(path: string): never {
  revalidatePath("/", "layout");
  redirect(path);
}

/**
 * Wraps a server action: resolves the signed-in person (fresh from the database), validates
 * the form with `schema`, runs `handler`, and answers with a state for useActionState.
 * The handler reaches the data layer, which authorizes again for itself.
 */
export function formAction<S extends z.ZodType>(
  schema: S,
  handler: (actor: Actor, data: z.infer<S>, formData: FormData) => Promise<string | void>,
  options: { revalidate?: string } = {},
) {
  return async (_prev: ActionState, posted: FormData): Promise<ActionState> => {
    // A direct POST may send no form, a string, or the arguments swapped.
    const formData = postedForm(posted);
    const refused = await crossOriginRefusal();
    if (refused) return refused;
    // Who is asking is read from the database: when it is down, say so rather than fail the page.
    const actor = await currentActor().catch((e: unknown) => (isDatabaseUnavailable(e) ? (e as Error) : Promise.reject(e)));
    if (actor instanceof Error) return errorState(actor);
    if (!actor) return errorState(new DomainError("signedOut"));
    const parsed = schema.safeParse(formToObject(formData));
    if (!parsed.success) return { ...(await zodState(parsed.error)), values: echo(formData) };
    try {
      const okKey = await handler(actor, parsed.data, formData);
      if (options.revalidate) revalidatePath(options.revalidate, "layout");
      const t = await getTranslations();
      return { status: "ok", message: t((okKey ?? "common.saved") as never), at: Date.now() };
    } catch (e) {
      unstable_rethrow(e);
      return { ...(await errorState(e)), values: echo(formData) };
    }
  };
}
