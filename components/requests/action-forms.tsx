"use client";
// One small form per request action, each with exactly the fields its server action reads and
// the request's id and the version the reader saw (a concurrent change is refused, not lost).
import { useTranslations } from "next-intl";
import { ActionSection } from "@/components/ui/action-section";
import { ActionForm, IdAndVersion, CheckboxGroup, SelectField, SubmitButton, TextArea, TextField, type Option } from "@/components/ui/form";
import { CheckboxField, DateField, RadioGroup } from "@/components/items/fields";
import {
  convertRequestAction,
  countersignAction,
  decideRequestAction,
  proposeRequestAction,
  referRequestAction,
  requestCountersignAction,
  rerouteRequestAction,
  returnRequestAction,
  submitRequestAction,
  withdrawRequestAction,
} from "@/lib/actions/requests";
import { URGENCIES, type Urgency } from "@/lib/domain/items/vocabulary";

export type RequestPanelAction =
  | "submit"
  | "withdraw"
  | "return_for_revision"
  | "propose"
  | "reroute"
  | "request_countersign"
  | "countersign"
  | "decide"
  | "refer_to_principal"
  | "convert_to_assignment";

export type ConvertDefaults = { title: string; body: string; leadDepartmentId: number; dueOn: string; urgency: Urgency };

type Props = {
  action: RequestPanelAction;
  id: number;
  version: number;
  today: string;
  proposal: string | null;
  major: boolean;
  /** Leaders the office may reroute to. */
  leaders: Option[];
  /** Leaders the routed leader may ask to countersign. */
  countersigners: Option[];
  /** The decisions this person may take now (approve, reject, instruct). */
  decisions: ("approve" | "reject" | "instruct")[];
  departments: Option[];
  convert: ConvertDefaults | null;
};

export function RequestActionForm({ action, id, version, today, proposal, major, leaders, countersigners, decisions, departments, convert }: Props) {
  const t = useTranslations("requests");
  const a = (key: string) => t(`actions.${key}`);
  const optional = (label: string) => t("optionalLabel", { label });
  switch (action) {
    case "submit":
      return (
        <ActionSection scope="request" name={action} title={a("submit.title")} hint={a("submit.hint")}>
          <ActionForm action={submitRequestAction} className="space-y-2" confirm={a("submit.confirm")}>
            <IdAndVersion id={id} version={version} />
            <SubmitButton>{a("submit.submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "withdraw":
      return (
        <ActionSection scope="request" name={action} title={a("withdraw.title")}>
          <ActionForm action={withdrawRequestAction} className="space-y-3" confirm={a("withdraw.confirm")}>
            <IdAndVersion id={id} version={version} />
            <TextArea name="reason" label={optional(a("withdraw.reason"))} rows={2} />
            <SubmitButton variant="danger">{a("withdraw.submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "return_for_revision":
      return (
        <ActionSection scope="request" name={action} title={a("return_for_revision.title")}>
          <ActionForm action={returnRequestAction} className="space-y-3">
            <IdAndVersion id={id} version={version} />
            <TextArea name="comment" label={a("return_for_revision.comment")} rows={3} />
            <SubmitButton variant="secondary">{a("return_for_revision.submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "propose":
      return (
        <ActionSection scope="request" name={action} title={a("propose.title")} hint={a("propose.hint")}>
          <ActionForm action={proposeRequestAction} className="space-y-3">
            <IdAndVersion id={id} version={version} />
            <TextArea name="proposal" label={a("propose.proposal")} rows={4} defaultValue={proposal ?? ""} />
            <CheckboxField name="major" label={a("propose.major")} hint={a("propose.majorHint")} defaultChecked={major} />
            <SubmitButton>{a("propose.submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "reroute":
      return (
        <ActionSection scope="request" name={action} title={a("reroute.title")}>
          <ActionForm action={rerouteRequestAction} className="space-y-3">
            <IdAndVersion id={id} version={version} />
            <SelectField name="leaderId" label={a("reroute.leader")} placeholder={a("reroute.leaderPlaceholder")} options={leaders} />
            <TextArea name="note" label={a("reroute.note")} rows={2} />
            <SubmitButton variant="secondary">{a("reroute.submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "request_countersign":
      return (
        <ActionSection scope="request" name={action} title={a("request_countersign.title")} hint={a("request_countersign.hint")}>
          {countersigners.length ? (
            <ActionForm action={requestCountersignAction} className="space-y-3">
              <IdAndVersion id={id} version={version} />
              <CheckboxGroup name="leaderIds" label={a("request_countersign.leaders")} options={countersigners} />
              <TextArea name="note" label={optional(a("request_countersign.note"))} rows={2} />
              <SubmitButton variant="secondary">{a("request_countersign.submit")}</SubmitButton>
            </ActionForm>
          ) : (
            <p className="text-sm text-slate-500">{a("request_countersign.none")}</p>
          )}
        </ActionSection>
      );
    case "countersign":
      return (
        <ActionSection scope="request" name={action} title={a("countersign.title")}>
          <ActionForm action={countersignAction} className="space-y-3">
            <IdAndVersion id={id} version={version} />
            <TextArea name="opinion" label={a("countersign.opinion")} rows={3} />
            <SubmitButton>{a("countersign.submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "decide":
      return (
        <ActionSection scope="request" name={action} title={a("decide.title")}>
          {decisions.includes("approve") && (
            // Approving is one click: nothing to fill in.
            <ActionForm action={decideRequestAction} className="space-y-1" testId="request-approve-form">
              <IdAndVersion id={id} version={version} />
              <input type="hidden" name="decision" value="approve" />
              <input type="hidden" name="text" value="" />
              <SubmitButton>{a("decide.approve")}</SubmitButton>
              <p className="text-xs text-slate-500">{a("decide.approveHint")}</p>
            </ActionForm>
          )}
          <ActionForm action={decideRequestAction} className="space-y-3 pt-2" testId="request-decide-form">
            <IdAndVersion id={id} version={version} />
            <RadioGroup
              name="decision"
              label={a("decide.decision")}
              defaultValue={decisions.includes("instruct") ? "instruct" : decisions[0]}
              options={decisions.map((d) => ({ value: d, label: t(`decisions.${d}`) }))}
            />
            <TextArea name="text" label={a("decide.text")} rows={4} hint={a("decide.textHint")} />
            <SubmitButton variant="secondary">{a("decide.submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "refer_to_principal":
      return (
        <ActionSection scope="request" name={action} title={a("refer_to_principal.title")} hint={a("refer_to_principal.hint")}>
          <ActionForm action={referRequestAction} className="space-y-3">
            <IdAndVersion id={id} version={version} />
            <TextArea name="note" label={optional(a("refer_to_principal.note"))} rows={2} />
            <SubmitButton variant="secondary">{a("refer_to_principal.submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "convert_to_assignment":
      if (!convert) return null;
      return (
        <ActionSection scope="request" name={action} title={a("convert_to_assignment.title")} hint={a("convert_to_assignment.hint")}>
          <ActionForm action={convertRequestAction} className="space-y-3" testId="request-convert-form">
            <IdAndVersion id={id} version={version} />
            <TextField name="title" label={a("convert_to_assignment.itemTitle")} maxLength={200} defaultValue={convert.title} />
            <TextArea name="body" label={optional(a("convert_to_assignment.body"))} rows={4} defaultValue={convert.body} />
            <SelectField
              name="leadDepartmentId"
              label={a("convert_to_assignment.lead")}
              placeholder={a("convert_to_assignment.leadPlaceholder")}
              options={departments}
              defaultValue={convert.leadDepartmentId}
            />
            <CheckboxGroup name="supportDepartmentIds" label={optional(a("convert_to_assignment.support"))} options={departments} />
            <DateField name="dueOn" label={a("convert_to_assignment.dueOn")} min={today} defaultValue={convert.dueOn} />
            <RadioGroup name="urgency" label={a("convert_to_assignment.urgency")} defaultValue={convert.urgency} options={URGENCIES.map((u) => ({ value: u, label: t(`urgencies.${u}`) }))} />
            <SubmitButton>{a("convert_to_assignment.submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
  }
}
