// The response of every .xlsx export route: the file as a download that no cache keeps.
import { NextResponse } from "next/server";
import { XLSX_TYPE } from "@/lib/xlsx";
import { attachmentDisposition } from "./content-disposition";

/**
 * `file` (from writeXlsx) as a download named `name` (the real, possibly Chinese name, per RFC 5987),
 * with `asciiName` as the fallback for old clients.
 */
export function xlsxResponse(file: Buffer, { name, asciiName }: { name: string; asciiName: string }): NextResponse {
  return new NextResponse(new Uint8Array(file), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": attachmentDisposition(name, asciiName),
      "Content-Length": String(file.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
