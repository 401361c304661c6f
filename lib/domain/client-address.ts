// Which address a request came from, for throttling sign-ins and rate-limiting the API.
// X-Forwarded-For is a list that every proxy appends to; only the entries added by our own
// proxies can be trusted, and the client can write anything before them. So the address is the
// entry `trustedHops` from the right: with one reverse proxy (the usual deployment), the last
// entry, which that proxy wrote. Taking the first entry instead would let anyone choose their
// own address and step around the per-address limits.

export function clientAddress(forwardedFor: string | null | undefined, realIp: string | null | undefined, trustedHops: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (trustedHops > 0 && entries.length) {
    // Fewer entries than trusted proxies: the request skipped a proxy; the leftmost is all we have.
    const picked = entries[Math.max(0, entries.length - trustedHops)];
    return picked.slice(0, 100);
  }
  return (realIp?.trim() || "local").slice(0, 100);
}
