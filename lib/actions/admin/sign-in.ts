"use server";
// Company sign-in administration: the organisation's password setting and people's linked identities.
import { setPasswordSignIn } from "@/lib/dal/settings";
import { removeUserIdentity } from "@/lib/dal/sso";
import { passwordSignInInput, removeIdentityInput } from "@/lib/domain/sign-in/inputs";
import { formAction } from "../form";

export const setPasswordSignInAction = formAction(
  passwordSignInInput,
  async (actor, { enabled, version }) => {
    await setPasswordSignIn(actor, enabled, version);
    return enabled ? "signInSettings.turnedOn" : "signInSettings.turnedOff";
  },
  { revalidate: "/admin" },
);

export const removeIdentityAction = formAction(
  removeIdentityInput,
  async (actor, { id, version, identityId }) => {
    await removeUserIdentity(actor, id, identityId, version);
    return "identities.removed";
  },
  { revalidate: "/admin" },
);
