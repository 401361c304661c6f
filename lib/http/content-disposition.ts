// The Content-Disposition of every download: the real (often Chinese) name in `filename*`
// (RFC 6266 / RFC 5987), a plain ASCII stand-in in `filename` for old clients. The name comes
// from an upload, so nothing of it may reach the header unencoded: no quotes, no CR/LF.

/** RFC 5987 value encoding: encodeURIComponent leaves ' ( ) * as they are, which it must not. */
export function rfc5987(value: string): string {
  // A lone surrogate (a name cut mid-emoji) would make encodeURIComponent throw.
  return encodeURIComponent(value.toWellFormed()).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment`, named `name`; `asciiName` is kept to printable ASCII without quotes or backslashes. */
export function attachmentDisposition(name: string, asciiName = "file"): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, "_") || "file";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(name)}`;
}
