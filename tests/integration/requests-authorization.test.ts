// Who may take each request action, role by role, through the data layer: the allowed people
// succeed; everyone else is refused — "notFound" when they may not even see the request,
// "forbidden" when they may — and a refused call changes nothing in any request table.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/dal/actor";
import type { ErrorCode } from "@/lib/dal/errors";
import {
  convertRequestToItem,
  countersignRequest,
  createRequest,
  decideRequest,
  editRequest,
  proposeRequest,
  referRequestToPrincipal,
  requestCountersign,
  rerouteRequest,
  returnRequest,
  submitRequest,
  withdrawRequest,
} from "@/lib/dal/requests/commands";
import { addRequestAttachment } from "@/lib/dal/requests/attachments";
import { getRequest } from "@/lib/dal/requests/queries";
import { expectDomainError } from "../support/db";
import { actors, deptId, inDays } from "../support/items";
import { requestDraftInput } from "@/lib/domain/requests/inputs";
import { draftForm, proposedRequest, requestRow, requestsSnapshot, submittedRequest } from "../support/requests";

type People = Awaited<ReturnType<typeof loadPeople>>;
const loadPeople = () =>
  actors("admin", "liufang", "zhaolei", "wangjianguo", "liminghua", "zhangweidong", "chenjing", "zhoumin", "wuting", "zhengkai", "hanmei", "huangwei");
let p: People;

beforeAll(async () => {
  p = await loadPeople();
});

type Setup = () => Promise<number>;
type Case = {
  action: string;
  setup: Setup;
  call: (actor: Actor, id: number, version: number) => Promise<unknown>;
  allowed: (keyof People)[];
  refused: [keyof People, ErrorCode][];
};

const draft: Setup = async () => (await createRequest(p.zhengkai, draftForm())).id;
const submitted: Setup = () => submittedRequest(p.zhengkai, p.zhoumin);
const awaiting: Setup = () => proposedRequest(p.zhengkai, p.zhoumin, p.liufang);
const countersigning: Setup = async () => {
  const id = await awaiting();
  await requestCountersign(p.liminghua, id, 3, [p.chenjing.id], null);
  return id;
};
const approved: Setup = async () => {
  const id = await awaiting();
  await decideRequest(p.liminghua, id, 3, "approve", null);
  return id;
};

// Nobody outside the department sees a draft; a department member who is not the head may edit only.
const draftOutsiders: [keyof People, ErrorCode][] = [
  ["hanmei", "notFound"],
  ["liufang", "notFound"],
  ["zhaolei", "notFound"],
  ["liminghua", "notFound"],
  ["wangjianguo", "notFound"],
  ["admin", "notFound"],
];
// Once submitted: the office, the principal and the deputy over 教务处 see it; others do not.
const seers: [keyof People, ErrorCode][] = [
  ["liufang", "forbidden"],
  ["wangjianguo", "forbidden"],
  ["liminghua", "forbidden"],
];
const strangers: [keyof People, ErrorCode][] = [
  ["hanmei", "notFound"],
  ["huangwei", "notFound"],
  ["zhangweidong", "notFound"],
  ["chenjing", "notFound"],
  ["admin", "notFound"],
];
const department: [keyof People, ErrorCode][] = [
  ["zhoumin", "forbidden"],
  ["wuting", "forbidden"],
  ["zhengkai", "forbidden"],
];
const without = (list: [keyof People, ErrorCode][], ...names: (keyof People)[]) => list.filter(([n]) => !names.includes(n));

async function convertInput() {
  return { title: "落实", body: "", leadDepartmentId: await deptId("教务处"), supportDepartmentIds: [], dueOn: inDays(10), urgency: "normal" as const };
}

const CASES: Case[] = [
  {
    action: "edit_draft",
    setup: draft,
    call: (a, id, v) => editRequest(a, id, v, draftForm()),
    allowed: ["zhengkai", "wuting", "zhoumin"],
    refused: draftOutsiders,
  },
  {
    action: "submit",
    setup: draft,
    call: (a, id, v) => submitRequest(a, id, v),
    allowed: ["zhoumin"],
    refused: [["wuting", "forbidden"], ["zhengkai", "forbidden"], ...draftOutsiders],
  },
  {
    action: "withdraw",
    setup: submitted,
    call: (a, id, v) => withdrawRequest(a, id, v, null),
    allowed: ["zhoumin"],
    refused: [["wuting", "forbidden"], ["zhengkai", "forbidden"], ["zhaolei", "forbidden"], ...seers, ...strangers],
  },
  {
    action: "return_for_revision",
    setup: submitted,
    call: (a, id, v) => returnRequest(a, id, v, "请修改。"),
    allowed: ["liufang", "zhaolei"],
    refused: [...department, ...without(seers, "liufang"), ...strangers],
  },
  {
    action: "propose",
    setup: submitted,
    call: (a, id, v) => proposeRequest(a, id, v, "拟办", false),
    allowed: ["liufang", "zhaolei"],
    refused: [...department, ...without(seers, "liufang"), ...strangers],
  },
  {
    action: "reroute",
    setup: awaiting,
    call: (a, id, v) => rerouteRequest(a, id, v, p.chenjing.id, "改派"),
    allowed: ["liufang", "zhaolei"],
    refused: [...department, ...without(seers, "liufang"), ...strangers],
  },
  {
    action: "request_countersign",
    setup: awaiting,
    call: (a, id, v) => requestCountersign(a, id, v, [p.chenjing.id], null),
    allowed: ["liminghua"],
    refused: [...department, ["zhaolei", "forbidden"], ...without(seers, "liminghua"), ...strangers],
  },
  {
    action: "countersign",
    setup: countersigning,
    call: (a, id, v) => countersignRequest(a, id, v, "同意。"),
    allowed: ["chenjing"],
    refused: [...department, ["zhaolei", "forbidden"], ...seers, ...without(strangers, "chenjing")],
  },
  ...(["approve", "reject", "instruct"] as const).map(
    (decision): Case => ({
      action: decision,
      setup: awaiting,
      call: (a, id, v) => decideRequest(a, id, v, decision, "意见。"),
      allowed: ["liminghua"],
      refused: [...department, ["zhaolei", "forbidden"], ...without(seers, "liminghua"), ...strangers],
    }),
  ),
  {
    action: "refer_to_principal",
    setup: awaiting,
    call: (a, id, v) => referRequestToPrincipal(a, id, v, null),
    allowed: ["liminghua"],
    refused: [...department, ["zhaolei", "forbidden"], ...without(seers, "liminghua"), ...strangers],
  },
  {
    action: "convert_to_assignment",
    setup: approved,
    call: async (a, id, v) => convertRequestToItem(a, id, v, await convertInput()),
    allowed: ["liufang", "zhaolei", "liminghua"],
    refused: [...department, ["wangjianguo", "forbidden"], ...strangers],
  },
];

describe.each(CASES)("$action", (c) => {
  it.each(c.allowed)("%s may", async (who) => {
    const id = await c.setup();
    const { version } = await requestRow(id);
    await c.call(p[who], id, version);
    expect((await requestRow(id)).version).toBe(version + 1);
  });

  it("everyone else is refused and nothing changes", async () => {
    const id = await c.setup();
    const { version } = await requestRow(id);
    const before = await requestsSnapshot();
    for (const [who, code] of c.refused) {
      const e = await expectDomainError(c.call(p[who], id, version), code);
      expect(e.code, `${who} on ${c.action}`).toBe(code);
    }
    expect(await requestsSnapshot()).toEqual(before);
  });
});

describe("creating", () => {
  it("department members may; the office, leaders and the admin may not", async () => {
    for (const who of ["zhoumin", "wuting", "zhengkai"] as const) {
      const { id } = await createRequest(p[who], draftForm());
      expect((await requestRow(id)).departmentId).toBe(p[who].departmentId);
    }
    const before = await requestsSnapshot();
    for (const who of ["liufang", "zhaolei", "wangjianguo", "liminghua", "admin"] as const) {
      await expectDomainError(createRequest(p[who], draftForm()), "forbidden");
    }
    await expectDomainError(createRequest(null, draftForm()), "signedOut");
    expect(await requestsSnapshot()).toEqual(before);
  });

  it("a wished-for date in the past is refused at wishedBy", async () => {
    const before = await requestsSnapshot();
    await expectDomainError(createRequest(p.zhoumin, draftForm({ wishedBy: inDays(-1) })), "dueInPast", "wishedBy");
    const id = await draft();
    const mid = await requestsSnapshot();
    await expectDomainError(editRequest(p.zhoumin, id, 1, draftForm({ wishedBy: inDays(-2) })), "dueInPast", "wishedBy");
    expect(await requestsSnapshot()).toEqual(mid);
    // Text beyond the limits never reaches the data layer: the schema refuses it at its field.
    expect(requestDraftInput.safeParse({ ...draftForm(), title: "字".repeat(201) }).success).toBe(false);
    void before;
  });
});

describe("attachments", () => {
  const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");

  it("the department attaches while draft or returned; nobody else, and not after submitting", async () => {
    const id = await draft();
    const fileId = await addRequestAttachment(p.wuting, id, { name: "预算.pdf", bytes: pdf });
    const detail = await getRequest(p.zhoumin, id);
    expect(detail.attachments).toEqual([expect.objectContaining({ id: fileId, name: "预算.pdf", contentType: "application/pdf" })]);
    expect(detail.events.at(-1)).toMatchObject({ action: "attach" });
    const before = await requestsSnapshot();
    await expectDomainError(addRequestAttachment(p.hanmei, id, { name: "x.pdf", bytes: pdf }), "notFound");
    await expectDomainError(addRequestAttachment(p.liufang, id, { name: "x.pdf", bytes: pdf }), "notFound");
    await expectDomainError(addRequestAttachment(p.zhoumin, id, { name: "x.pdf", bytes: new TextEncoder().encode("MZ not a pdf") }), "file_disguised", "file");
    expect(await requestsSnapshot()).toEqual(before);
    await submitRequest(p.zhoumin, id, 1);
    await expectDomainError(addRequestAttachment(p.zhoumin, id, { name: "x.pdf", bytes: pdf }), "wrongState");
    await expectDomainError(addRequestAttachment(p.liufang, id, { name: "x.pdf", bytes: pdf }), "forbidden");
    // The office now sees the files.
    expect((await getRequest(p.liufang, id)).attachments).toHaveLength(1);
  });
});
