import type { ReactNode } from "react";
import { getFormatter } from "next-intl/server";
import { Card, EmptyState } from "@/components/ui/card";

/** What the list shows of a file; every record kind's attachment DTO has these. */
export type ListedFile = { id: number; name: string; size: number; uploadedByName: string; createdAt: Date };

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A record's files as a card: one download link each (to `<downloadBase>/<file id>`, whose route checks
 * visibility again), size, uploader and time, then the upload form when the reader may add files.
 */
export async function AttachmentsCard({
  title,
  empty,
  testId,
  downloadBase,
  files,
  upload,
  breakNames = false,
}: {
  title: ReactNode;
  empty: ReactNode;
  /** The list's test id (`attachments`, `request-attachments`, `notice-attachments`). */
  testId: string;
  /** e.g. `/items/12/attachments`. */
  downloadBase: string;
  files: ListedFile[];
  upload?: ReactNode;
  /** Break long file names anywhere rather than overflow (the request card does). */
  breakNames?: boolean;
}) {
  const format = await getFormatter();
  return (
    <Card title={title}>
      {files.length ? (
        <ul className="divide-y divide-slate-100 text-sm" data-testid={testId}>
          {files.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <a href={`${downloadBase}/${f.id}`} className={`${breakNames ? "break-all " : ""}text-brand-600 underline-offset-2 hover:underline`}>
                {f.name}
              </a>
              <span className="text-xs text-slate-500">
                {size(f.size)} · {f.uploadedByName} · {format.dateTime(f.createdAt, { dateStyle: "short", timeStyle: "short" })}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{empty}</EmptyState>
      )}
      {upload}
    </Card>
  );
}
