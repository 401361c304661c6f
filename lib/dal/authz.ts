import "server-only";
import { can, type Action, type Resource } from "@/lib/domain/roles";
import type { Actor } from "./actor";
import { DomainError } from "./errors";

/** Throws unless the role × action × resource table lets this person act. */
export function authorize(actor: Actor | null, action: Action, resource: Resource): asserts actor is Actor {
  if (!actor) throw new DomainError("signedOut");
  if (!can(actor.roles, action, resource)) throw new DomainError("forbidden");
}
