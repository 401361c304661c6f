// The one authorization table of the record kinds: persona × action × resource → allowed, or
// refused with the code the data layer gives ("notFound" to someone who may not even see the
// record, "forbidden" to someone who may). Three runners read it — the data layer
// (tests/integration/authorization-table.test.ts), raw HTTP (tests/e2e/authorization-table.spec.ts)
// and the list counts (what a person can list equals what they can open) — and the payload scan
// takes from it what each person must never see. Pure data and pure functions only: Vitest and
// Playwright both import it.

// ---------------------------------------------------------------------------------------
// Who

export const PERSONAS = [
  "principal",
  "deputy",
  "otherDeputy",
  "officeDirector",
  "officeStaff",
  "head",
  "liaison",
  "staff",
  "otherHead",
  "otherStaff",
  "admin",
  "delegate",
] as const;
export type Persona = (typeof PERSONAS)[number];

/**
 * The seeded people (db/seed.ts) behind each persona. `deputy` holds 教务处 and 学生处 in their
 * portfolio, `otherDeputy` 财务处 and 总务处; head/liaison/staff are 教务处's, otherHead/otherStaff
 * 财务处's; the admin belongs to 信息中心, which no record here concerns.
 */
export const SEEDED_LOGINS: Record<Exclude<Persona, "delegate">, string> = {
  principal: "wangjianguo",
  deputy: "liminghua",
  otherDeputy: "zhangweidong",
  officeDirector: "liufang",
  officeStaff: "zhaolei",
  head: "zhoumin",
  liaison: "wuting",
  staff: "zhengkai",
  otherHead: "hanmei",
  otherStaff: "fengyu",
  admin: "admin",
};

/**
 * People who only take part in setting records up (never a persona of a cell): 学生处's head signs
 * and reports for the items it leads.
 */
export const SUPPORTING_LOGINS = { neighbourHead: "huangwei" } as const;
/** Anyone a recipe may name: a persona or a supporting person. */
export type Player = Persona | keyof typeof SUPPORTING_LOGINS;

/**
 * The delegate is created by each runner: a person with the deputy role and no portfolio, in the
 * leadership department, to whom `deputy` delegates today for 教务处 only.
 */
export const DELEGATION = { from: "deputy" as Persona, departments: ["教务处"], roles: ["deputy"] as const, department: "校领导" };

export const DEPARTMENTS = { own: "教务处", other: "财务处", ownNeighbour: "学生处", otherNeighbour: "总务处" } as const;

/** The functional department each persona works in (null: leadership, office, 信息中心). */
export const DEPARTMENT_OF: Record<Persona, string | null> = {
  principal: null,
  deputy: null,
  otherDeputy: null,
  officeDirector: null,
  officeStaff: null,
  head: DEPARTMENTS.own,
  liaison: DEPARTMENTS.own,
  staff: DEPARTMENTS.own,
  otherHead: DEPARTMENTS.other,
  otherStaff: DEPARTMENTS.other,
  admin: null,
  delegate: null,
};

const OFFICE = ["officeDirector", "officeStaff"] as const satisfies readonly Persona[];
const OWN_SIGNERS = ["head", "liaison"] as const satisfies readonly Persona[];
const OWN_MEMBERS = ["head", "liaison", "staff"] as const satisfies readonly Persona[];
const OTHER_MEMBERS = ["otherHead", "otherStaff"] as const satisfies readonly Persona[];

// ---------------------------------------------------------------------------------------
// What: the records, in the states the actions need

export const KINDS = ["item", "request", "coordination", "notice"] as const;
export type Kind = (typeof KINDS)[number];

/**
 * The records each kind is tried on, named from 教务处's side: `own` is 教务处's (under
 * `deputy`), `other` 财务处's (under `otherDeputy`), `joint` 财务处's with 教务处 taking part
 * (so it goes to the principal), `neighbour` 学生处's (under `deputy`, but outside what the
 * delegate stands in for), `internal` a notice 财务处's head sends to their own people.
 */
export const RESOURCES = {
  item: ["own", "other", "joint", "neighbour"],
  request: ["own", "other"],
  coordination: ["own", "other", "joint"],
  notice: ["own", "other", "internal"],
} as const satisfies Record<Kind, readonly string[]>;
export type Resource = "own" | "other" | "joint" | "neighbour" | "internal";

/** Who plays which part in each record (`cast`, referred to by the recipes) and its departments. */
export const RECORDS = {
  item: {
    own: { lead: DEPARTMENTS.own, support: [] as string[], rerouteTo: "principal" as Persona, cast: { registrar: "officeDirector", leader: "deputy", leadSigner: "head" } },
    other: { lead: DEPARTMENTS.other, support: [] as string[], rerouteTo: "principal" as Persona, cast: { registrar: "officeDirector", leader: "otherDeputy", leadSigner: "otherHead" } },
    joint: { lead: DEPARTMENTS.other, support: [DEPARTMENTS.own], rerouteTo: "otherDeputy" as Persona, cast: { registrar: "officeDirector", leader: "principal", leadSigner: "otherHead" } },
    neighbour: { lead: DEPARTMENTS.ownNeighbour, support: [] as string[], rerouteTo: "principal" as Persona, cast: { registrar: "officeDirector", leader: "deputy", leadSigner: "neighbourHead" } },
  },
  request: {
    own: { department: DEPARTMENTS.own, cast: { drafter: "staff", head: "head", office: "officeDirector", leader: "deputy", countersigner: "otherDeputy" } },
    other: { department: DEPARTMENTS.other, cast: { drafter: "otherStaff", head: "otherHead", office: "officeDirector", leader: "otherDeputy", countersigner: "deputy" } },
  },
  coordination: {
    own: { named: [DEPARTMENTS.ownNeighbour], pointTo: DEPARTMENTS.own, cast: { raiser: "head", office: "officeDirector", leader: "deputy" } },
    other: { named: [DEPARTMENTS.otherNeighbour], pointTo: DEPARTMENTS.other, cast: { raiser: "otherHead", office: "officeDirector", leader: "otherDeputy" } },
    joint: { named: [DEPARTMENTS.own], pointTo: DEPARTMENTS.other, cast: { raiser: "otherHead", office: "officeDirector", leader: "principal" } },
  },
  notice: {
    own: { audience: DEPARTMENTS.own, recipients: [...OWN_MEMBERS] as Persona[], managers: [...OFFICE] as Persona[], cast: { sender: "officeDirector" } },
    other: { audience: DEPARTMENTS.other, recipients: [...OTHER_MEMBERS] as Persona[], managers: [...OFFICE] as Persona[], cast: { sender: "officeDirector" } },
    // 财务处's head to their own people: the sender is no recipient, and the office does not see it.
    internal: { audience: DEPARTMENTS.other, recipients: ["otherStaff"] as Persona[], managers: ["otherHead"] as Persona[], cast: { sender: "otherHead" } },
  },
} as const;

/** To whom the office reroutes a request (a leader asks the cast's countersigner to countersign). */
export const REQUEST_TARGETS = { rerouteTo: "principal" as Persona };

export const STATES = {
  item: ["draft", "leaderDraft", "awaiting", "sent", "inProgress", "attached", "extensionPending", "completionReported"],
  request: ["draft", "submitted", "awaiting", "countersigning", "approved"],
  coordination: ["raised", "accepted", "consulting", "escalated", "agreed"],
  notice: ["published", "attached"],
} as const satisfies Record<Kind, readonly string[]>;
export type State = (typeof STATES)[Kind][number];

/** A step of a recipe: a part of the record's cast (see RECORDS) takes an action of the table. */
export type Step = readonly [part: string, action: string];
export type Recipe = { from?: State; steps: readonly Step[] };

/**
 * How each state is reached, from nothing, by the people whose job it is; each runner replays a
 * recipe with its own executors of the same actions the cells use.
 */
export const RECIPES: { [K in Kind]: Record<(typeof STATES)[K][number], Recipe> } = {
  item: {
    draft: { steps: [["registrar", "register"]] },
    leaderDraft: { steps: [["leader", "register"]] },
    awaiting: { from: "draft", steps: [["registrar", "propose"]] },
    sent: { from: "awaiting", steps: [["leader", "approve"]] },
    inProgress: { from: "sent", steps: [["leadSigner", "sign_for"]] },
    attached: { from: "inProgress", steps: [["leadSigner", "attach"]] },
    extensionPending: { from: "inProgress", steps: [["leadSigner", "request_extension"]] },
    completionReported: { from: "inProgress", steps: [["leadSigner", "report_completion"]] },
  },
  request: {
    // The draft carries a file, so that every later state has one to download.
    draft: { steps: [["drafter", "create"], ["drafter", "attach"]] },
    submitted: { from: "draft", steps: [["head", "submit"]] },
    awaiting: { from: "submitted", steps: [["office", "propose"]] },
    countersigning: { from: "awaiting", steps: [["leader", "request_countersign"]] },
    approved: { from: "awaiting", steps: [["leader", "approve"]] },
  },
  coordination: {
    raised: { steps: [["raiser", "raise"]] },
    accepted: { from: "raised", steps: [["office", "accept"]] },
    consulting: { from: "accepted", steps: [["office", "log_consultation"]] },
    escalated: { from: "accepted", steps: [["office", "escalate"]] },
    agreed: { from: "consulting", steps: [["office", "record_agreement"]] },
  },
  notice: {
    published: { steps: [["sender", "publish"]] },
    attached: { from: "published", steps: [["sender", "attach"]] },
  },
};

/** The life-cycle state a recipe's state stands for (what lists filter by). */
export const DOMAIN_STATE: Record<Kind, Record<string, string>> = {
  item: {
    draft: "draft",
    leaderDraft: "draft",
    awaiting: "awaiting_decision",
    sent: "sent",
    inProgress: "in_progress",
    attached: "in_progress",
    extensionPending: "in_progress",
    completionReported: "completion_reported",
  },
  request: { draft: "draft", submitted: "submitted", awaiting: "awaiting_decision", countersigning: "awaiting_decision", approved: "approved" },
  coordination: { raised: "raised", accepted: "accepted", consulting: "in_consultation", escalated: "escalated", agreed: "agreed" },
  notice: { published: "published", attached: "published" },
};

// ---------------------------------------------------------------------------------------
// Who sees what

type Group = { who: readonly Persona[]; in?: readonly State[] };

const ITEM_ROUTED: State[] = ["awaiting", "sent", "inProgress", "attached", "extensionPending", "completionReported"];
const REQUEST_SUBMITTED: State[] = ["submitted", "awaiting", "countersigning", "approved"];
const REQUEST_ROUTED: State[] = ["awaiting", "countersigning", "approved"];

/**
 * The visibility rules (visibility.ts of each kind in lib/dal) for these records: each group sees the record
 * in the states listed (all when none are). The office and the principal see every item, request
 * once submitted and matter; a deputy those of their portfolio (items by the lead department,
 * matters by any party); a department its own and those it takes part in; the delegate what is
 * routed to the deputy for 教务处; a notice only its audience, its sender and (when the office
 * sent it) the office.
 */
export const VISIBILITY: { [K in Kind]: Record<(typeof RESOURCES)[K][number], readonly Group[]> } = {
  item: {
    own: [{ who: [...OFFICE, "principal", "deputy", ...OWN_MEMBERS] }, { who: ["delegate"], in: ITEM_ROUTED }],
    other: [{ who: [...OFFICE, "principal", "otherDeputy", ...OTHER_MEMBERS] }],
    joint: [{ who: [...OFFICE, "principal", "otherDeputy", ...OTHER_MEMBERS, ...OWN_MEMBERS] }],
    // In the deputy's portfolio, outside the delegation: the delegate never sees it.
    neighbour: [{ who: [...OFFICE, "principal", "deputy"] }],
  },
  request: {
    own: [{ who: OWN_MEMBERS }, { who: [...OFFICE, "principal", "deputy"], in: REQUEST_SUBMITTED }, { who: ["delegate"], in: REQUEST_ROUTED }, { who: ["otherDeputy"], in: ["countersigning"] }],
    other: [{ who: OTHER_MEMBERS }, { who: [...OFFICE, "principal", "otherDeputy"], in: REQUEST_SUBMITTED }, { who: ["deputy"], in: ["countersigning"] }],
  },
  coordination: {
    own: [{ who: [...OFFICE, "principal", "deputy", ...OWN_MEMBERS] }, { who: ["delegate"], in: ["escalated"] }],
    other: [{ who: [...OFFICE, "principal", "otherDeputy", ...OTHER_MEMBERS] }],
    joint: [{ who: [...OFFICE, "principal", "deputy", "otherDeputy", ...OWN_MEMBERS, ...OTHER_MEMBERS] }],
  },
  notice: {
    own: [{ who: [...RECORDS.notice.own.managers, ...RECORDS.notice.own.recipients] }],
    other: [{ who: [...RECORDS.notice.other.managers, ...RECORDS.notice.other.recipients] }],
    internal: [{ who: [...RECORDS.notice.internal.managers, ...RECORDS.notice.internal.recipients] }],
  },
};

export function viewers(kind: Kind, resource: Resource, state: State): Persona[] {
  const groups = (VISIBILITY[kind] as Record<string, readonly Group[]>)[resource];
  if (!groups) throw new Error(`no ${kind} resource ${resource}`);
  const out = new Set<Persona>();
  for (const g of groups) if (!g.in || g.in.includes(state)) g.who.forEach((p) => out.add(p));
  return PERSONAS.filter((p) => out.has(p));
}

export function canOpen(persona: Persona, kind: Kind, resource: Resource, state: State): boolean {
  return viewers(kind, resource, state).includes(persona);
}

// ---------------------------------------------------------------------------------------
// The actions

/**
 * - read: a GET (detail, file, receipt board) — changes nothing even when allowed;
 * - create: makes a new record (no existing one to see; a refusal is always "forbidden");
 * - change: a state-changing action on an existing record.
 */
export type ActionType = "read" | "create" | "change";

export type ActionSpec = {
  kind: Kind;
  action: string;
  type: ActionType;
  /** The state the record must be in ("new" for create). */
  state: State | "new";
  /** Allowed personas per resource; the resources listed are the ones the action is tried on. */
  allowed: Partial<Record<Resource, readonly Persona[]>>;
};

const item = (
  action: string,
  type: ActionType,
  state: State | "new",
  own: readonly Persona[],
  other: readonly Persona[],
  joint: readonly Persona[],
  neighbour: readonly Persona[],
): ActionSpec => ({
  kind: "item",
  action,
  type,
  state,
  allowed: { own, other, joint, neighbour },
});
const request = (action: string, type: ActionType, state: State | "new", own: readonly Persona[], other: readonly Persona[]): ActionSpec => ({
  kind: "request",
  action,
  type,
  state,
  allowed: { own, other },
});
const matter = (action: string, type: ActionType, state: State | "new", own: readonly Persona[], other: readonly Persona[], joint: readonly Persona[]): ActionSpec => ({
  kind: "coordination",
  action,
  type,
  state,
  allowed: { own, other, joint },
});
const notice = (action: string, type: ActionType, state: State | "new", allowed: (r: (typeof RECORDS.notice)["own" | "other" | "internal"]) => readonly Persona[]): ActionSpec => ({
  kind: "notice",
  action,
  type,
  state,
  allowed: { own: allowed(RECORDS.notice.own), other: allowed(RECORDS.notice.other), internal: allowed(RECORDS.notice.internal) },
});

const itemViewers = (state: State) => [viewers("item", "own", state), viewers("item", "other", state), viewers("item", "joint", state), viewers("item", "neighbour", state)] as const;
const requestViewers = (state: State) => [viewers("request", "own", state), viewers("request", "other", state)] as const;
const LEADERS = ["principal", "deputy", "otherDeputy", "delegate"] as const satisfies readonly Persona[];

export const ACTIONS: readonly ActionSpec[] = [
  // Supervised items (督办): the office registers, proposes, checks; the routed leader (or the
  // delegate, for 教务处) decides; the lead department's head or liaison signs and reports.
  item("view", "read", "attached", ...itemViewers("attached")),
  item("download", "read", "attached", ...itemViewers("attached")),
  item("register", "create", "new", [...OFFICE, ...LEADERS], [...OFFICE, ...LEADERS], [...OFFICE, ...LEADERS], [...OFFICE, ...LEADERS]),
  item("propose", "change", "draft", OFFICE, OFFICE, OFFICE, OFFICE),
  item("dispatch", "change", "draft", OFFICE, OFFICE, OFFICE, OFFICE),
  item("leader_send_direct", "change", "leaderDraft", ["deputy"], ["otherDeputy"], ["principal"], ["deputy"]),
  item("reroute", "change", "awaiting", OFFICE, OFFICE, OFFICE, OFFICE),
  item("approve", "change", "awaiting", ["deputy", "delegate"], ["otherDeputy"], ["principal"], ["deputy"]),
  item("instruct", "change", "awaiting", ["deputy", "delegate"], ["otherDeputy"], ["principal"], ["deputy"]),
  // The principal has no one to pass an item to: nobody may on `joint`.
  item("refer_to_principal", "change", "awaiting", ["deputy", "delegate"], ["otherDeputy"], [], ["deputy"]),
  item("edit", "change", "awaiting", [...OFFICE, "deputy", "delegate"], [...OFFICE, "otherDeputy"], [...OFFICE, "principal"], [...OFFICE, "deputy"]),
  item("cancel", "change", "sent", ["officeDirector"], ["officeDirector"], ["officeDirector"], ["officeDirector"]),
  item("urge", "change", "sent", [...OFFICE, "deputy", "delegate"], [...OFFICE, "otherDeputy"], [...OFFICE, "principal"], [...OFFICE, "deputy"]),
  // A support department signs too (recorded, the item does not move).
  item("sign_for", "change", "sent", OWN_SIGNERS, ["otherHead"], ["otherHead", ...OWN_SIGNERS], []),
  item("report_progress", "change", "inProgress", OWN_MEMBERS, OTHER_MEMBERS, [...OTHER_MEMBERS, ...OWN_MEMBERS], []),
  item("request_extension", "change", "inProgress", OWN_SIGNERS, ["otherHead"], ["otherHead"], []),
  item("report_completion", "change", "inProgress", OWN_SIGNERS, ["otherHead"], ["otherHead"], []),
  // Anyone with some action on the item now may add a file.
  item(
    "attach",
    "change",
    "inProgress",
    [...OFFICE, "deputy", "delegate", ...OWN_MEMBERS],
    [...OFFICE, "otherDeputy", ...OTHER_MEMBERS],
    [...OFFICE, "principal", ...OTHER_MEMBERS, ...OWN_MEMBERS],
    [...OFFICE, "deputy"],
  ),
  item("decide_extension", "change", "extensionPending", ["deputy", "delegate"], ["otherDeputy"], ["principal"], ["deputy"]),
  item("close", "change", "completionReported", OFFICE, OFFICE, OFFICE, OFFICE),
  item("return_for_rework", "change", "completionReported", OFFICE, OFFICE, OFFICE, OFFICE),

  // Requests (请示): the department drafts (its head submits), the office checks and proposes, the
  // routed leader decides, asking others to countersign.
  request("view", "read", "awaiting", ...requestViewers("awaiting")),
  request("download", "read", "awaiting", ...requestViewers("awaiting")),
  request("create", "create", "new", [...OWN_MEMBERS, ...OTHER_MEMBERS], [...OWN_MEMBERS, ...OTHER_MEMBERS]),
  request("edit_draft", "change", "draft", OWN_MEMBERS, OTHER_MEMBERS),
  request("attach", "change", "draft", OWN_MEMBERS, OTHER_MEMBERS),
  request("submit", "change", "draft", ["head"], ["otherHead"]),
  request("withdraw", "change", "submitted", ["head"], ["otherHead"]),
  request("return_for_revision", "change", "submitted", OFFICE, OFFICE),
  request("propose", "change", "submitted", OFFICE, OFFICE),
  request("reroute", "change", "awaiting", OFFICE, OFFICE),
  request("request_countersign", "change", "awaiting", ["deputy", "delegate"], ["otherDeputy"]),
  request("approve", "change", "awaiting", ["deputy", "delegate"], ["otherDeputy"]),
  request("reject", "change", "awaiting", ["deputy", "delegate"], ["otherDeputy"]),
  request("instruct", "change", "awaiting", ["deputy", "delegate"], ["otherDeputy"]),
  request("refer_to_principal", "change", "awaiting", ["deputy", "delegate"], ["otherDeputy"]),
  request("countersign", "change", "countersigning", [RECORDS.request.own.cast.countersigner], [RECORDS.request.other.cast.countersigner]),
  request("convert", "change", "approved", [...OFFICE, "deputy", "delegate"], [...OFFICE, "otherDeputy"]),

  // Coordination (协调): a head raises, the parties' heads and liaisons state positions, the
  // office runs it, the routed leader decides an escalated matter.
  matter("view", "read", "accepted", viewers("coordination", "own", "accepted"), viewers("coordination", "other", "accepted"), viewers("coordination", "joint", "accepted")),
  // Raised by the person's own department, naming 学生处.
  { kind: "coordination", action: "raise", type: "create", state: "new", allowed: { own: ["head", "otherHead"] } },
  matter("accept", "change", "raised", OFFICE, OFFICE, OFFICE),
  matter("decline", "change", "raised", OFFICE, OFFICE, OFFICE),
  matter("state_position", "change", "raised", OWN_SIGNERS, ["otherHead"], ["otherHead", ...OWN_SIGNERS]),
  matter("log_consultation", "change", "accepted", OFFICE, OFFICE, OFFICE),
  matter("propose_meeting", "change", "accepted", OFFICE, OFFICE, OFFICE),
  matter("escalate", "change", "accepted", OFFICE, OFFICE, OFFICE),
  matter("record_agreement", "change", "consulting", OFFICE, OFFICE, OFFICE),
  matter("decide", "change", "escalated", ["deputy", "delegate"], ["otherDeputy"], ["principal"]),
  matter("close", "change", "agreed", OFFICE, OFFICE, OFFICE),

  // Notices (通知): the sender (the office for the office's notices) manages; the recipients
  // confirm and reply; a recipient department's head or liaison signs for it.
  notice("view", "read", "attached", (r) => [...r.managers, ...r.recipients]),
  notice("download", "read", "attached", (r) => [...r.managers, ...r.recipients]),
  notice("board", "read", "published", (r) => r.managers),
  // A meeting notice to the resource's department: the office to any, a head to their own.
  { kind: "notice", action: "publish", type: "create", state: "new", allowed: { own: [...OFFICE, "head"], other: [...OFFICE, "otherHead"] } },
  notice("revise", "change", "published", (r) => r.managers),
  notice("withdraw", "change", "published", (r) => r.managers),
  notice("urge", "change", "published", (r) => r.managers),
  notice("attach", "change", "published", (r) => r.managers),
  notice("confirm", "change", "published", (r) => r.recipients),
  notice("reply", "change", "published", (r) => r.recipients),
  notice("sign", "change", "published", (r) => (r.audience === DEPARTMENTS.own ? OWN_SIGNERS : ["otherHead"])),
];

export const actionKey = (a: Pick<ActionSpec, "kind" | "action">) => `${a.kind}.${a.action}`;

// ---------------------------------------------------------------------------------------
// The cells

export type Outcome = "allowed" | "notFound" | "forbidden";

export type Cell = { key: string; spec: ActionSpec; resource: Resource; persona: Persona; outcome: Outcome };

/**
 * What the data layer answers: allowed; otherwise "forbidden" for creating, or for someone who
 * can see the record, and "notFound" for someone who cannot (they learn nothing).
 */
export function outcomeOf(spec: ActionSpec, resource: Resource, persona: Persona): Outcome {
  const allowed = spec.allowed[resource];
  if (!allowed) throw new Error(`${actionKey(spec)} is not tried on ${resource}`);
  if (allowed.includes(persona)) return "allowed";
  if (spec.state === "new") return "forbidden";
  return canOpen(persona, spec.kind, resource, spec.state) ? "forbidden" : "notFound";
}

export function cellsOf(spec: ActionSpec): Cell[] {
  return (Object.keys(spec.allowed) as Resource[]).flatMap((resource) =>
    PERSONAS.map((persona) => ({ key: actionKey(spec), spec, resource, persona, outcome: outcomeOf(spec, resource, persona) })),
  );
}

export const CELLS: readonly Cell[] = ACTIONS.flatMap(cellsOf);

/** Every (kind, resource, state) record: the gallery the list counts, views and scans use. */
export type RecordRef = { kind: Kind; resource: Resource; state: State };
export const GALLERY: readonly RecordRef[] = KINDS.flatMap((kind) =>
  (RESOURCES[kind] as readonly Resource[]).flatMap((resource) => (STATES[kind] as readonly State[]).map((state) => ({ kind, resource, state }))),
);

export const refName = (r: RecordRef) => `${r.kind}/${r.resource}/${r.state}`;

// ---------------------------------------------------------------------------------------
// The lists: what each includes of what the person can open

/** Who a recipe's cast part names for a record. */
export function castOf(kind: Kind, resource: Resource, part: string): Player {
  const rec = (RECORDS[kind] as Record<string, { cast: Record<string, string> }>)[resource];
  const who = rec?.cast[part];
  if (!who) throw new Error(`no ${part} in the cast of ${kind}/${resource}`);
  return who as Player;
}

/** Whether the recipe of this state went through `state` (e.g. "routed" means it passed "awaiting"). */
export function reached(kind: Kind, state: State, through: State): boolean {
  for (let s: State | undefined = state; s; s = (RECIPES[kind] as Record<string, Recipe>)[s].from) if (s === through) return true;
  return false;
}

/** The department parties of a record (lead/support, requesting, raising/named, audience). */
export function partiesOf(r: RecordRef): string[] {
  switch (r.kind) {
    case "item": {
      const rec = RECORDS.item[r.resource as "own"];
      return [rec.lead, ...rec.support];
    }
    case "request":
      return [RECORDS.request[r.resource as "own"].department];
    case "coordination": {
      const rec = RECORDS.coordination[r.resource as "own"];
      return [castDepartment(rec.cast.raiser), ...rec.named];
    }
    case "notice":
      return [RECORDS.notice[r.resource as "own"].audience];
  }
}

function castDepartment(p: Persona): string {
  const d = DEPARTMENT_OF[p];
  if (!d) throw new Error(`${p} has no functional department`);
  return d;
}

/** Whom the record awaits a decision from now (routed leader), or null. */
export function awaitsDecisionOf(r: RecordRef): Player | null {
  if (r.kind === "item" && DOMAIN_STATE.item[r.state] === "awaiting_decision") return castOf("item", r.resource, "leader");
  if (r.kind === "request" && DOMAIN_STATE.request[r.state] === "awaiting_decision") return castOf("request", r.resource, "leader");
  if (r.kind === "coordination" && r.state === "escalated") return castOf("coordination", r.resource, "leader");
  return null;
}

/** Whether the delegate stands in for this leader on this record (the deputy, for 教务处's records). */
function delegateCovers(r: RecordRef, leader: Player | null): boolean {
  if (leader !== DELEGATION.from) return false;
  const dept = r.kind === "item" ? RECORDS.item[r.resource as "own"].lead : r.kind === "request" ? RECORDS.request[r.resource as "own"].department : r.kind === "coordination" ? partiesOf(r)[0] : null;
  return dept !== null && DELEGATION.departments.includes(dept);
}

/** The leader a routed request or item is routed to (null before routing). */
function routedLeaderOf(r: RecordRef): Player | null {
  if (r.kind === "item" && reached("item", r.state, "awaiting")) return castOf("item", r.resource, "leader");
  if (r.kind === "request" && reached("request", r.state, "awaiting")) return castOf("request", r.resource, "leader");
  return null;
}

export type ListSpec = { kind: Kind | "any"; includes: (persona: Persona, r: RecordRef) => boolean; description: string };

/**
 * Each list, as the records of the gallery it must include for a person — always within what
 * the person can open (the runner checks both ways: every listed record opens, and every record
 * that opens and that the list's filter includes is listed).
 */
export const LISTS: Record<string, ListSpec> = {
  "item.ledger": { kind: "item", description: "ledger (台账), filtered by the run's marker: every visible item", includes: () => true },
  "item.inbox": {
    kind: "item",
    description: "the department's inbox: items it takes part in, sent and still open",
    includes: (p, r) => partiesOf(r).includes(DEPARTMENT_OF[p] ?? "-") && ["sent", "in_progress", "completion_reported"].includes(DOMAIN_STATE.item[r.state]),
  },
  "item.leaderQueue": {
    kind: "item",
    description: "items awaiting the leader's decision (or that of the leader they stand in for)",
    includes: (p, r) => {
      const leader = awaitsDecisionOf(r);
      return leader === p || (p === "delegate" && delegateCovers(r, leader));
    },
  },
  "queue": {
    kind: "any",
    description: "the decision queue: items, requests and matters awaiting the person, countersigns asked of them",
    includes: (p, r) => {
      const leader = awaitsDecisionOf(r);
      if (leader === p || (p === "delegate" && delegateCovers(r, leader))) return true;
      return r.kind === "request" && r.state === "countersigning" && castOf("request", r.resource, "countersigner") === p;
    },
  },
  "request.department": { kind: "request", description: "the department's requests", includes: (p, r) => DEPARTMENT_OF[p] === RECORDS.request[r.resource as "own"].department },
  "request.office": { kind: "request", description: "the office's list: every submitted request", includes: (p, r) => (OFFICE as readonly Persona[]).includes(p) && r.state !== "draft" },
  "request.leader": {
    kind: "request",
    description: "a leader's list: routed to them (or to the leader they stand in for) or asking their countersign",
    includes: (p, r) => {
      const leader = routedLeaderOf(r);
      if (leader === p || (p === "delegate" && delegateCovers(r, leader))) return true;
      return r.state === "countersigning" && castOf("request", r.resource, "countersigner") === p;
    },
  },
  "coordination.all": { kind: "coordination", description: "every matter the person may open", includes: () => true },
  "coordination.awaitingMe": {
    kind: "coordination",
    description: "escalated to the person (or the leader they stand in for)",
    includes: (p, r) => {
      const leader = awaitsDecisionOf(r);
      return leader === p || (p === "delegate" && delegateCovers(r, leader));
    },
  },
  "notice.received": { kind: "notice", description: "notices sent to the person", includes: (p, r) => RECORDS.notice[r.resource as "own"].recipients.includes(p) },
  "notice.sent": { kind: "notice", description: "notices the person manages", includes: (p, r) => RECORDS.notice[r.resource as "own"].managers.includes(p) },
};

/**
 * Routes about no single record: who may use them (anyone else is answered 403). The ledger's
 * .xlsx export is the office's (its rows then follow the items' visibility rule).
 */
export const ROUTES = { ledgerExport: [...OFFICE] as readonly Persona[] };

/** The error messages (zh-CN, messages/zh-CN/common.json) a refused server action answers with. */
export const REFUSAL_TEXT: Record<Exclude<Outcome, "allowed">, RegExp> = {
  notFound: /找不到该记录/,
  forbidden: /您没有执行此操作的权限/,
};
