"use server";
import { signOut } from "@/auth";
import { changeOwnPassword } from "@/lib/dal/users";
import { passwordChangeInput } from "@/lib/domain/schemas";
import { formAction } from "./form";

/**
 * Changing one's password ends every session, this one included (session version), so the
 * person is signed out here and asked to sign in again with the new password.
 */
export const changePasswordAction = formAction(passwordChangeInput, async (actor, { current, password }) => {
  await changeOwnPassword(actor, current, password);
  // Throws Next's redirect, which formAction lets through.
  await signOut({ redirectTo: "/login?changed=1" });
});
