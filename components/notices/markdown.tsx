// A notice's body: Markdown rendered safely on the server. Raw HTML in the source is dropped
// (skipHtml; no rehype-raw), link targets go through react-markdown's default URL transform
// (javascript:, vbscript:, data: … become empty), and images are shown as their alt text so a
// notice cannot make every reader's browser fetch an outside address.
import Markdown, { defaultUrlTransform, type Components } from "react-markdown";

const components: Components = {
  h1: ({ children }) => <h2 className="mt-4 text-lg font-semibold text-slate-900 first:mt-0">{children}</h2>,
  h2: ({ children }) => <h3 className="mt-4 text-base font-semibold text-slate-900 first:mt-0">{children}</h3>,
  h3: ({ children }) => <h4 className="mt-3 text-sm font-semibold text-slate-900 first:mt-0">{children}</h4>,
  h4: ({ children }) => <h5 className="mt-3 text-sm font-semibold text-slate-800">{children}</h5>,
  h5: ({ children }) => <h6 className="mt-3 text-sm font-medium text-slate-800">{children}</h6>,
  h6: ({ children }) => <h6 className="mt-3 text-sm font-medium text-slate-800">{children}</h6>,
  p: ({ children }) => <p className="my-2 leading-relaxed">{children}</p>,
  ul: ({ children }) => <ul className="my-2 list-disc space-y-1 ps-6">{children}</ul>,
  ol: ({ children }) => <ol className="my-2 list-decimal space-y-1 ps-6">{children}</ol>,
  blockquote: ({ children }) => <blockquote className="my-2 border-s-4 border-slate-200 ps-3 text-slate-700">{children}</blockquote>,
  code: ({ children }) => <code className="rounded bg-slate-100 px-1 font-mono text-[0.9em]">{children}</code>,
  pre: ({ children }) => <pre className="my-2 overflow-x-auto rounded-md bg-slate-50 p-3 text-sm">{children}</pre>,
  hr: () => <hr className="my-4 border-slate-200" />,
  img: ({ alt }) => <span className="text-slate-600">{alt ? `[${alt}]` : ""}</span>,
  a: ({ href, children }) =>
    href ? (
      <a href={href} rel="noopener noreferrer nofollow" className="text-brand-600 underline underline-offset-2">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
};

export function NoticeMarkdown({ source }: { source: string }) {
  return (
    <div className="break-words text-sm text-slate-900" data-testid="notice-body">
      <Markdown skipHtml urlTransform={defaultUrlTransform} components={components}>
        {source}
      </Markdown>
    </div>
  );
}
