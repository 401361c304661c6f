import { describe, expect, it } from "vitest";
import { checkUpload, cleanFileName, sniff } from "@/lib/domain/files";

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);
const PDF = text("%PDF-1.7\n...");
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0);
const DOCX = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...text("....[Content_Types].xml....word/document.xml")]);
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]);

describe("sniff", () => {
  it("recognises common office files by content", () => {
    expect(sniff(PDF)).toBe("pdf");
    expect(sniff(PNG)).toBe("png");
    expect(sniff(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("jpeg");
    expect(sniff(DOCX)).toBe("ooxml");
    expect(sniff(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toBe("ole");
    expect(sniff(text("会议纪要：\n一、……"))).toBe("text");
    expect(sniff(EXE)).toBeNull();
  });

  it("accepts text cut in the middle of a Chinese character", () => {
    const long = text("中".repeat(30_000));
    expect(sniff(long)).toBe("text");
  });
});

describe("checkUpload", () => {
  it("accepts a file whose content matches its name", () => {
    expect(checkUpload("通知.pdf", PDF, 1000)).toMatchObject({ ok: true, kind: "pdf" });
    expect(checkUpload("方案.DOCX", DOCX, 1000)).toMatchObject({ ok: true, kind: "ooxml" });
  });

  it("refuses empty, oversized, unknown and disguised files", () => {
    expect(checkUpload("a.pdf", new Uint8Array(), 10)).toEqual({ ok: false, reason: "empty" });
    expect(checkUpload("a.pdf", PDF, 5)).toEqual({ ok: false, reason: "tooLarge" });
    expect(checkUpload("a.exe", EXE, 1000)).toEqual({ ok: false, reason: "type" });
    expect(checkUpload("报告.pdf", EXE, 1000)).toEqual({ ok: false, reason: "disguised" });
    expect(checkUpload("photo.png", PDF, 1000)).toEqual({ ok: false, reason: "disguised" });
    expect(checkUpload("notes.txt", PNG, 1000)).toEqual({ ok: false, reason: "disguised" });
  });

  it("cleans names of paths and control characters", () => {
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("C:\\Users\\x\\工作方案.docx")).toBe("工作方案.docx");
    expect(cleanFileName("a\u0000b.txt")).toBe("ab.txt");
    expect(cleanFileName("")).toBe("file");
  });
});
