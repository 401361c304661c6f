// A record's detail page reads the record twice (metadata and page) and must show the same 404 for a
// record that does not exist and one the reader may not see, so that nobody learns a record exists.
import { cache } from "react";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/dal/session";
import { DomainError } from "@/lib/dal/errors";
import type { Actor } from "@/lib/dal/actor";
import { parseRecordId } from "./record-id";

/**
 * Wraps a data-layer reader into the page's loader: signed in (or off to sign-in), the id from the URL
 * segment, one read per request (React `cache`, so metadata and page share it), and notFound() for a
 * malformed id or when the data layer says notFound or forbidden. Other errors propagate.
 */
export function loadOr404<T>(read: (actor: Actor, id: number) => Promise<T>): (rawId: string) => Promise<{ actor: Actor; record: T }> {
  return cache(async (rawId: string) => {
    const actor = await requireActor();
    const id = parseRecordId(rawId);
    if (id === null) notFound();
    try {
      return { actor, record: await read(actor, id) };
    } catch (e) {
      if (e instanceof DomainError && (e.code === "notFound" || e.code === "forbidden")) notFound();
      throw e;
    }
  });
}
