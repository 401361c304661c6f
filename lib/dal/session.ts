import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { auth } from "@/auth";
import { homesFor, landingHome, type Home } from "@/lib/domain/roles";
import { loadActor, type Actor } from "./actor";

export const HOME_COOKIE = "zs_home";

/** The current person, or null; one database read per request however often it is asked. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = (await auth()) as { uid?: number; sv?: number } | null;
  if (!session?.uid) return null;
  return loadActor(session.uid, session.sv ?? 0);
});

/** For pages: the current person, or off to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login?expired=1");
  return actor;
}

/** The home the person is using now: the one they switched to, if they hold it. */
export async function activeHome(actor: Actor): Promise<Home | null> {
  return landingHome(actor.roles, (await cookies()).get(HOME_COOKIE)?.value);
}

/** For a role's home page: the current person, who must hold a role of that home. */
export async function requireHome(home: Home): Promise<Actor> {
  const actor = await requireActor();
  if (!homesFor(actor.roles).includes(home)) forbidden();
  return actor;
}
