import type { ReactNode } from "react";

/**
 * One action of a record's action panel: a titled section with an optional hint above its form.
 * Its test id is `action-<name>`, or `<scope>-action-<name>` for a kind whose sections are named apart
 * (requests: `request-action-…`); end-to-end tests find the forms by these ids.
 */
export function ActionSection({ name, scope, title, hint, children }: { name: string; scope?: string; title: ReactNode; hint?: ReactNode; children: ReactNode }) {
  return (
    <section className="space-y-2 border-t border-slate-100 pt-4 first:border-0 first:pt-0" data-testid={scope ? `${scope}-action-${name}` : `action-${name}`}>
      <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      {children}
    </section>
  );
}
