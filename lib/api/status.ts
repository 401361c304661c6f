// DomainError codes to HTTP: the code in the JSON answer is stable and documented.
import type { ErrorCode } from "@/lib/dal/errors";

export function httpStatusOf(code: ErrorCode): { status: number; code: string } {
  switch (code) {
    case "notFound":
      return { status: 404, code: "not_found" };
    case "forbidden":
      return { status: 403, code: "forbidden" };
    case "signedOut":
      return { status: 401, code: "invalid_token" };
    case "conflict":
      return { status: 409, code: "conflict" };
    case "wrongState":
      return { status: 409, code: "wrong_state" };
    default:
      // A refusal of the content (a past due date, an unknown department …): its own code.
      return { status: 422, code };
  }
}
