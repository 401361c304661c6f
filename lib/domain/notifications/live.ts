// The PostgreSQL channel that tells every app instance whose unread count changed. The
// payload is a JSON array of user ids, split so that each stays far below NOTIFY's 8000-byte
// limit however many people one change concerns.
export const NOTIFY_CHANNEL = "zhongshu_notifications";

const IDS_PER_PAYLOAD = 500;

/** The NOTIFY payloads naming these people (each id once); none for nobody. */
export function unreadPayloads(userIds: readonly number[]): string[] {
  const ids = [...new Set(userIds.filter((id) => Number.isSafeInteger(id) && id > 0))].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_PAYLOAD) out.push(JSON.stringify(ids.slice(i, i + IDS_PER_PAYLOAD)));
  return out;
}

/** The people a payload names; a malformed payload names nobody. */
export function parseUnreadPayload(payload: string): number[] {
  try {
    const value: unknown = JSON.parse(payload);
    return Array.isArray(value) ? value.filter((id): id is number => Number.isSafeInteger(id) && id > 0) : [];
  } catch {
    return [];
  }
}
