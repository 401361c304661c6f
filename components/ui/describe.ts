// What the record kinds' describe.ts modules share: the translator they are handed (a server page's
// getTranslations or a client's useTranslations, each in the kind's own namespace) and the words for
// the routing reasons that items and requests have in common (both go through routeItem).

export type Translator = {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
};

/**
 * Why the record went to its leader, for the reasons routeItem gives and the office's reroute; a kind
 * with reasons of its own (an item sent directly, a request referred) handles those first. An unknown
 * reason shows as it is rather than vanish.
 */
export function sharedRouteText(t: Translator, reason: string | null, leaderName: string | null, note: string | null): string | null {
  switch (reason) {
    case null:
      return null;
    case "deputy_portfolio":
      return t("routes.deputy_portfolio", { name: leaderName ?? t("events.unknownLeader") });
    case "rerouted":
      return t("routes.rerouted", { note: note ?? "" });
    default:
      return t.has(`routes.${reason}`) ? t(`routes.${reason}`) : reason;
  }
}
