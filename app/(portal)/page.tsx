import { redirect } from "next/navigation";
import { activeHome, requireActor } from "@/lib/dal/session";

/** "/" lands each person on the home of their (current) role. */
export default async function Root() {
  const actor = await requireActor();
  const home = await activeHome(actor);
  redirect(home ? `/${home}` : "/account");
}
