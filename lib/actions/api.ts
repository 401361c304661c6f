"use server";
// Server actions of the token, service-account and webhook pages. Creating a token or a webhook
// answers with its secret once (`secret` in the state); it is never stored in the clear.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { createMyToken, createServiceToken, revokeToken } from "@/lib/dal/api-tokens";
import type { Actor } from "@/lib/dal/actor";
import { DomainError } from "@/lib/dal/errors";
import { createServiceAccount } from "@/lib/dal/service-accounts";
import { currentActor } from "@/lib/dal/session";
import { createWebhook, sendTestEvent, setWebhookActive } from "@/lib/dal/webhooks";
import { serviceAccountInput, serviceTokenCreateInput, tokenCreateInput, tokenRef, webhookActiveInput, webhookCreateInput, webhookRef } from "@/lib/domain/api/inputs";
import { nudgeWebhookDispatcher } from "@/lib/webhooks/dispatcher";
import { errorState, formAction, formToObject, zodState, type ActionState } from "./form";
import { postedForm } from "./posted";
import { crossOriginRefusal } from "./same-origin";

export type SecretState = ActionState & { secret?: string };

/** Like formAction, but the handler's secret goes back to the form, once, and is not echoed on error. */
function secretAction<S extends z.ZodType>(schema: S, handler: (actor: Actor, data: z.infer<S>) => Promise<string>, okKey: string, revalidate: string) {
  return async (_prev: ActionState, formData: FormData): Promise<SecretState> => {
    const refused = await crossOriginRefusal();
    if (refused) return refused;
    const actor = await currentActor();
    if (!actor) return errorState(new DomainError("signedOut"));
    const raw = formToObject(postedForm(formData));
    const parsed = schema.safeParse(raw);
    const values = Object.fromEntries(Object.entries(raw).filter((e): e is [string, string | string[]] => typeof e[1] === "string" || Array.isArray(e[1])));
    if (!parsed.success) return { ...(await zodState(parsed.error)), values };
    try {
      const secret = await handler(actor, parsed.data);
      revalidatePath(revalidate);
      const t = await getTranslations();
      return { status: "ok", message: t(okKey as never), secret, at: Date.now() };
    } catch (e) {
      unstable_rethrow(e);
      return { ...(await errorState(e)), values };
    }
  };
}

export const createTokenAction = secretAction(tokenCreateInput, async (actor, data) => (await createMyToken(actor, data)).token, "api.tokens.created", "/account/tokens");

export const revokeTokenAction = formAction(tokenRef, async (actor, { id, version }) => {
  await revokeToken(actor, id, version);
  return "api.tokens.revoked";
}, { revalidate: "/account" });

export const createServiceTokenAction = secretAction(
  serviceTokenCreateInput,
  async (actor, { userId, ...data }) => (await createServiceToken(actor, userId, data)).token,
  "api.tokens.created",
  "/admin/service-accounts",
);

export const revokeServiceTokenAction = formAction(tokenRef, async (actor, { id, version }) => {
  await revokeToken(actor, id, version);
  return "api.tokens.revoked";
}, { revalidate: "/admin/service-accounts" });

export const createServiceAccountAction = formAction(serviceAccountInput, async (actor, data) => {
  await createServiceAccount(actor, data);
  return "api.serviceAccounts.created";
}, { revalidate: "/admin" });

export const createWebhookAction = secretAction(webhookCreateInput, async (actor, data) => (await createWebhook(actor, data)).secret, "api.webhooks.created", "/admin/webhooks");

export const setWebhookActiveAction = formAction(webhookActiveInput, async (actor, { id, version, active }) => {
  await setWebhookActive(actor, id, version, active);
  return active ? "api.webhooks.activated" : "api.webhooks.deactivated";
}, { revalidate: "/admin/webhooks" });

export const testWebhookAction = formAction(webhookRef.pick({ id: true }), async (actor, { id }) => {
  await sendTestEvent(actor, id);
  nudgeWebhookDispatcher();
  return "api.webhooks.testQueued";
}, { revalidate: "/admin/webhooks" });
