// The bench's table and JSON. Each row is one figure, with its floor and ratio when it has one,
// and its target; in a smoke run targets are shown but not judged (the data is too small for
// them to mean anything), while errors and sequential scans still fail.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export type Row = {
  scenario: string;
  measure: string;
  value: number;
  unit: string;
  floor?: number;
  ratio?: number;
  target?: string;
  /** true/false when judged; null when not (smoke, or no target). */
  pass: boolean | null;
  /** Fails even in a smoke run (errors, sequential scans). */
  hard?: boolean;
};

export class Report {
  rows: Row[] = [];
  notes: string[] = [];
  constructor(readonly judge: boolean) {}

  /** A figure; `ok` says whether it meets `target` (ignored in smoke runs unless `hard`). */
  add(r: Omit<Row, "pass"> & { ok?: boolean }) {
    const { ok, ...row } = r;
    const pass = ok === undefined ? null : this.judge || row.hard ? ok : null;
    this.rows.push({ ...row, pass });
  }

  note(message: string) {
    this.notes.push(message);
  }

  failed(): Row[] {
    return this.rows.filter((r) => r.pass === false);
  }

  print(write: (line: string) => void) {
    const fmt = (n: number | undefined, unit = "") => {
      if (n === undefined) return "";
      if (!Number.isFinite(n)) return String(n);
      const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2;
      return `${n.toFixed(digits)}${unit ? ` ${unit}` : ""}`;
    };
    const cells = this.rows.map((r) => [
      r.scenario,
      r.measure,
      fmt(r.value, r.unit),
      r.floor === undefined ? "" : fmt(r.floor, r.unit),
      r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}×`,
      r.target ?? "",
      r.pass === null ? (r.target ? "(not judged)" : "") : r.pass ? "pass" : "FAIL",
    ]);
    const head = ["scenario", "measure", "value", "floor", "ratio", "target", "result"];
    const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    const line = (c: string[]) => c.map((x, i) => (i === 2 || i === 3 || i === 4 ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join("  ").trimEnd();
    write(line(head));
    write(widths.map((w) => "-".repeat(w)).join("  "));
    let last = "";
    for (const c of cells) {
      write(line([c[0] === last ? "" : c[0], ...c.slice(1)]));
      last = c[0];
    }
    for (const n of this.notes) write(`note: ${n}`);
  }

  write(dir: string, meta: Record<string, unknown>, extra: Record<string, unknown>): string {
    mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const file = path.join(dir, `${stamp}${meta.smoke ? "-smoke" : ""}.json`);
    writeFileSync(file, JSON.stringify({ ...meta, rows: this.rows, notes: this.notes, ...extra }, null, 2));
    return file;
  }
}
