// What an uploaded file really is, from its first bytes, and whether its name agrees. A file
// whose content does not match its extension ("disguised") is refused.

export type FileKind = "pdf" | "png" | "jpeg" | "gif" | "webp" | "ooxml" | "ole" | "zip" | "text";

const EXTENSIONS: Record<string, FileKind[]> = {
  pdf: ["pdf"],
  png: ["png"],
  jpg: ["jpeg"],
  jpeg: ["jpeg"],
  gif: ["gif"],
  webp: ["webp"],
  docx: ["ooxml"],
  xlsx: ["ooxml"],
  pptx: ["ooxml"],
  doc: ["ole"],
  xls: ["ole"],
  ppt: ["ole"],
  zip: ["zip", "ooxml"],
  ofd: ["zip"],
  txt: ["text"],
  csv: ["text"],
  md: ["text"],
};

export const CONTENT_TYPES: Record<FileKind, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  ooxml: "application/vnd.openxmlformats-officedocument",
  ole: "application/x-ole-storage",
  zip: "application/zip",
  text: "text/plain; charset=utf-8",
};

const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);

function isUtf8Text(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b.subarray(0, Math.min(b.length, 64 * 1024)).slice(0, lastBoundary(b)));
    return true;
  } catch {
    return false;
  }
}

// Cut at a character boundary so that a sample ending mid-character still decodes.
function lastBoundary(b: Uint8Array): number {
  let end = Math.min(b.length, 64 * 1024);
  while (end > 0 && end < b.length && (b[end] & 0xc0) === 0x80) end--;
  return end;
}

export function sniff(bytes: Uint8Array): FileKind | null {
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf";
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (starts(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (starts(bytes, [0x47, 0x49, 0x46, 0x38])) return "gif";
  if (starts(bytes, [0x52, 0x49, 0x46, 0x46]) && starts(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "webp";
  if (starts(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole";
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
    return head.includes("[Content_Types].xml") || /(word|xl|ppt)\//.test(head) ? "ooxml" : "zip";
  }
  if (bytes.length > 0 && isUtf8Text(bytes)) return "text";
  return null;
}

export type FileCheck = { ok: true; kind: FileKind; contentType: string } | { ok: false; reason: "empty" | "tooLarge" | "type" | "disguised" };

/** Checks an upload: not empty, within the size limit, a known type whose content matches its name. */
export function checkUpload(name: string, bytes: Uint8Array, maxBytes: number): FileCheck {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes.length > maxBytes) return { ok: false, reason: "tooLarge" };
  const ext = name.toLowerCase().split(".").pop() ?? "";
  const allowed = EXTENSIONS[ext];
  if (!allowed) return { ok: false, reason: "type" };
  const kind = sniff(bytes);
  if (!kind || !allowed.includes(kind)) return { ok: false, reason: "disguised" };
  return { ok: true, kind, contentType: CONTENT_TYPES[kind] };
}

/** A display name safe to store and show: no path, no control characters, bounded length. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "file";
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(-150);
  return cleaned || "file";
}
