"use server";
import { z } from "zod";
import { positiveId } from "@/lib/domain/input-kit";
import { passwordResetInput, userCreateInput, userProfileInput, version } from "@/lib/domain/schemas";
import { createUser, resetPassword, setUserActive, updateUser } from "@/lib/dal/users";
import { formAction } from "../form";

const idAndVersion = z.object({ id: positiveId, version });

export const createUserAction = formAction(userCreateInput, async (actor, data) => {
  await createUser(actor, data);
  return "users.created";
}, { revalidate: "/admin" });

export const updateUserAction = formAction(userProfileInput.extend(idAndVersion.shape), async (actor, { id, version, ...data }) => {
  await updateUser(actor, id, version, data);
}, { revalidate: "/admin" });

export const setUserActiveAction = formAction(
  idAndVersion.extend({ active: z.enum(["true", "false"]).transform((v) => v === "true") }),
  async (actor, { id, version, active }) => {
    await setUserActive(actor, id, version, active);
    return active ? "users.enabled" : "users.disabled";
  },
  { revalidate: "/admin" },
);

export const resetPasswordAction = formAction(passwordResetInput.extend(idAndVersion.shape), async (actor, { id, version, password }) => {
  await resetPassword(actor, id, version, password);
  return "users.passwordReset";
}, { revalidate: "/admin" });
