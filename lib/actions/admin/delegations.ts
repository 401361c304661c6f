"use server";
import { z } from "zod";
import { positiveId } from "@/lib/domain/input-kit";
import { delegationInput, version } from "@/lib/domain/schemas";
import { createDelegation, revokeDelegation } from "@/lib/dal/delegations";
import { formAction } from "../form";

export const createDelegationAction = formAction(delegationInput, async (actor, data) => {
  await createDelegation(actor, data);
  return "delegations.created";
}, { revalidate: "/admin" });

export const revokeDelegationAction = formAction(z.object({ id: positiveId, version }), async (actor, { id, version }) => {
  await revokeDelegation(actor, id, version);
  return "delegations.revoked";
}, { revalidate: "/admin" });
