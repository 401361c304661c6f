import { execFileSync } from "node:child_process";
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { columnName, crc32, escapeXml, writeXlsx, zip } from "@/lib/xlsx";

/** Reads a ZIP back through its central directory (as spreadsheet programs do), checking each CRC. */
function unzip(buf: Buffer): Map<string, string> {
  let end = -1;
  for (let i = buf.length - 22; i >= 0; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  expect(end).toBeGreaterThanOrEqual(0);
  const count = buf.readUInt16LE(end + 10);
  const dirSize = buf.readUInt32LE(end + 12);
  let p = buf.readUInt32LE(end + 16);
  expect(p + dirSize).toBe(end);
  const files = new Map<string, string>();
  for (let n = 0; n < count; n++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString("utf8");
    expect(buf.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const body = buf.subarray(start, start + compressed);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect([0, 8]).toContain(method);
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    files.set(name, data.toString("utf8"));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

function hasPython(): boolean {
  try {
    execFileSync("python3", ["-c", "import zipfile"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("crc32", () => {
  it("matches the standard check value", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});

describe("zip", () => {
  it("stores what does not shrink and deflates what does", () => {
    const files = unzip(zip([{ name: "a.txt", data: "x" }, { name: "b.txt", data: "abc".repeat(1000) }, { name: "目录/名.txt", data: "中文" }]));
    expect(files.get("a.txt")).toBe("x");
    expect(files.get("b.txt")).toBe("abc".repeat(1000));
    expect(files.get("目录/名.txt")).toBe("中文");
  });
});

describe("xlsx", () => {
  it("names columns as spreadsheets do", () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
  });

  it("escapes XML and drops characters XML cannot hold", () => {
    expect(escapeXml(`a<b>&"c"\u0001\u0007d`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;d");
  });

  const book = writeXlsx({
    name: "台账",
    columns: [
      { header: "编号", width: 16 },
      { header: "标题", width: 40 },
      { header: "期限", width: 12 },
      { header: "数", width: 6 },
    ],
    rows: [
      ["督〔2026〕1号", "关于 <校园> 安全 & 检查", { date: "2026-11-22" }, 3],
      ["督〔2026〕2号", "关于 <校园> 安全 & 检查", null, 0],
      ["督〔2026〕3号", " leading space", { date: "1900-03-01" }, true],
    ],
  });
  const files = unzip(book);

  it("holds the parts of a workbook with one sheet", () => {
    expect([...files.keys()].sort()).toEqual(
      ["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"].sort(),
    );
    expect(files.get("[Content_Types].xml")).toContain('PartName="/xl/worksheets/sheet1.xml"');
    expect(files.get("xl/workbook.xml")).toContain('<sheet name="台账" sheetId="1" r:id="rId1"/>');
    expect(files.get("_rels/.rels")).toContain('Target="xl/workbook.xml"');
  });

  it("writes a bold header row, column widths and typed cells", () => {
    const sheet = files.get("xl/worksheets/sheet1.xml")!;
    const strings = [...files.get("xl/sharedStrings.xml")!.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map((m) => m[1]);
    expect(strings).toEqual(["编号", "标题", "期限", "数", "督〔2026〕1号", "关于 &lt;校园&gt; 安全 &amp; 检查", "督〔2026〕2号", "督〔2026〕3号", " leading space"]);
    expect(files.get("xl/sharedStrings.xml")).toContain('<t xml:space="preserve"> leading space</t>');
    expect(files.get("xl/sharedStrings.xml")).toContain('count="10" uniqueCount="9"');
    // Header: shared strings in the bold style (cellXfs index 1, whose font 1 is bold).
    expect(sheet).toContain('<row r="1"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="1" t="s"><v>1</v></c>');
    expect(files.get("xl/styles.xml")).toMatch(/<fonts count="2"><font>.*?<\/font><font><b\/>/);
    expect(sheet).toContain('<col min="2" max="2" width="40" customWidth="1"/>');
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    // 2026-11-22 is day 46348 in the 1900 system; dates use the yyyy-mm-dd style (index 2).
    expect(sheet).toContain('<c r="C2" s="2"><v>46348</v></c><c r="D2"><v>3</v></c>');
    expect(sheet).toContain('<c r="C4" s="2"><v>61</v></c>');
    // An empty cell is left out; the same text is stored once.
    expect(sheet).toContain('<row r="3"><c r="A3" t="s"><v>6</v></c><c r="B3" t="s"><v>5</v></c><c r="D3"><v>0</v></c></row>');
    expect(sheet).toContain('<c r="D4" t="b"><v>1</v></c>');
    expect(sheet).toContain('<dimension ref="A1:D4"/>');
  });

  it.runIf(hasPython())("is a ZIP that Python's zipfile reads and verifies", () => {
    const script = [
      "import sys, zipfile, io",
      "z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))",
      "assert z.testzip() is None",
      "import xml.dom.minidom as m",
      "[m.parseString(z.read(n)) for n in z.namelist()]",
      "print(len(z.namelist()))",
    ].join("\n");
    expect(execFileSync("python3", ["-c", script], { input: book }).toString().trim()).toBe("7");
  });
});
