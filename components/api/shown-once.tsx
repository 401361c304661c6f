"use client";
// The secret an action answered with (a new token or webhook secret), shown once with a copy
// button. It lives only in this answer: reloading the page drops it for good.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useFormState } from "@/components/ui/form";
import { buttonClass } from "@/components/ui/styles";

export function ShownOnce({ label, hint }: { label: string; hint: string }) {
  const state = useFormState() as ReturnType<typeof useFormState> & { secret?: string };
  const t = useTranslations("api");
  const [copied, setCopied] = useState<string | null>(null);
  if (state.status !== "ok" || !state.secret) return null;
  const secret = state.secret;
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="shown-once">
      <p className="text-sm font-medium text-amber-900">{label}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1.5 font-mono text-sm text-slate-900" data-testid="secret-value">
          {secret}
        </code>
        <button
          type="button"
          className={buttonClass("secondary")}
          onClick={() => {
            void navigator.clipboard?.writeText(secret).then(
              () => setCopied(secret),
              () => setCopied(null),
            );
          }}
        >
          {copied === secret ? t("copied") : t("copy")}
        </button>
      </div>
      <p className="text-xs text-amber-900" aria-live="polite">
        {hint}
      </p>
    </div>
  );
}
