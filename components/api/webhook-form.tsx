"use client";
// Registering a webhook: name, URL and events; the signing secret is shown once in the answer.
import { useTranslations } from "next-intl";
import { ActionForm, CheckboxGroup, SubmitButton, TextField } from "@/components/ui/form";
import { createWebhookAction } from "@/lib/actions/api";
import { WEBHOOK_EVENTS } from "@/lib/domain/api/events";
import { ShownOnce } from "./shown-once";

export function WebhookForm() {
  const t = useTranslations("api");
  return (
    <ActionForm action={createWebhookAction} resetOnSuccess testId="webhook-create-form">
      <TextField name="name" label={t("webhooks.name")} required maxLength={80} autoComplete="off" />
      <TextField name="url" type="url" label={t("webhooks.url")} hint={t("webhooks.urlHint")} required maxLength={2000} autoComplete="off" placeholder="https://oa.example.edu.cn/hooks/zhongshu" />
      <CheckboxGroup name="events" label={t("webhooks.events")} options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: `${e} · ${t(`events.${e.replace(".", "_")}`)}` }))} />
      <SubmitButton pending={t("webhooks.creating")}>{t("webhooks.create")}</SubmitButton>
      <ShownOnce label={t("webhooks.shownOnce")} hint={t("webhooks.shownOnceHint")} />
    </ActionForm>
  );
}
