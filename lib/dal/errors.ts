// Errors the data layer raises; the action boundary turns each into a message in the
// reader's language, at a field when `field` is set.
export type ErrorCode =
  | "forbidden"
  | "signedOut"
  | "notFound"
  | "conflict"
  | "loginTaken"
  | "departmentNameTaken"
  | "portfolioOverlap"
  | "notDeputy"
  | "notLeader"
  | "selfDelegation"
  | "lastAdmin"
  | "parentCycle"
  | "departmentInUse"
  | "wrongPassword"
  | "outsidePortfolio"
  | "inactiveTarget"
  | "noPrincipal"
  | "unknownDepartment"
  | "dueInPast"
  | "subDueOutOfRange"
  | "wrongState"
  | "alreadySigned"
  | "extension_not_later"
  | "extension_past"
  | "extension_too_far"
  | "extensionPending"
  | "required"
  | "file_empty"
  | "file_tooLarge"
  | "file_type"
  | "file_disguised"
  | "countersignSelf"
  | "countersignNotLeader"
  | "alreadyCountersigning"
  | "countersignPending"
  | "partiesRequired"
  | "ownDepartmentOnly"
  | "needRequired"
  | "pointsRequired"
  | "pointNotParty"
  | "consultationRequired"
  | "alreadyPrincipal"
  | "audienceEmpty"
  | "receiptDueInPast"
  | "unknownUser"
  | "substituteSelf"
  | "notRecipient"
  | "urgedRecently"
  | "nobodyToUrge"
  | "noticeUnchanged"
  | "noExternalSignIn";

export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly field?: string,
  ) {
    super(code);
    this.name = "DomainError";
  }
}

export const forbidden = () => new DomainError("forbidden");
export const conflict = () => new DomainError("conflict");
export const notFound = () => new DomainError("notFound");
