// The response of every .xlsx export route: the file as a download that no cache keeps.
import { NextResponse } from "next/server";
import { XLSX_TYPE } from "@/lib/xlsx";

/** RFC 5987 value encoding: encodeURIComponent leaves ' ( ) * as they are, which it must not. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `file` (from writeXlsx) as a download named `name` (the real, possibly Chinese name, per RFC 5987),
 * with `asciiName` as the fallback for old clients.
 */
export function xlsxResponse(file: Buffer, { name, asciiName }: { name: string; asciiName: string }): NextResponse {
  return new NextResponse(new Uint8Array(file), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${rfc5987(name)}`,
      "Content-Length": String(file.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
