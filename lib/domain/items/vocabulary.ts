// An item's urgencies, sources and reasons for more time: plain lists that forms in the browser
// read. Kept apart from the life cycle and the deadlines (which re-export them) so that a client
// form does not ship the state machine to the browser.

/** 特急 / 急 / 平, most urgent first (queues sort by this order). */
export const URGENCIES = ["extra_urgent", "urgent", "normal"] as const;
export type Urgency = (typeof URGENCIES)[number];

export const ITEM_SOURCES = ["superior_document", "leader", "meeting", "department", "staff"] as const;
export type ItemSource = (typeof ITEM_SOURCES)[number];

export const EXTENSION_REASONS = ["workload", "waiting_on_others", "scope_changed", "external_dependency", "other"] as const;
export type ExtensionReason = (typeof EXTENSION_REASONS)[number];
