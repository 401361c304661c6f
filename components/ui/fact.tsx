import type { ReactNode } from "react";

/** One labelled fact in a record's detail (a <dt>/<dd> pair inside a <dl>). */
export function Fact({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}

/**
 * A labelled free text (background, proposal, decision…): plain text that React escapes, with
 * its line breaks kept by CSS, never by HTML; `empty` shows when there is none.
 */
export function TextFact({ label, text, empty, testId }: { label: ReactNode; text: string | null; empty?: ReactNode; testId?: string }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 whitespace-pre-wrap break-words text-slate-900" data-testid={testId}>
        {text || (empty ? <span className="text-slate-500">{empty}</span> : null)}
      </dd>
    </div>
  );
}
