// Every server action refuses a request whose Origin is not this site (lib/actions/same-origin.ts):
// each exported action of a "use server" module is made by formAction or secretAction (which check
// it first), or checks it itself. A static scan of the sources, so a new action that skips the
// check fails here; security-http.spec.ts proves the check's behaviour against the running server.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const CHECKS = new Set(["crossOriginRefusal", "assertSameOrigin"]);
const WRAPPERS = new Set(["formAction", "secretAction"]);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const serverModules = ["lib", "app"]
  .flatMap((d) => walk(path.join(ROOT, d)))
  .filter((f) => /\.tsx?$/.test(f) && /^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(readFileSync(f, "utf8")))
  .map((f) => path.relative(ROOT, f).split(path.sep).join("/"))
  .sort();

function parse(rel: string) {
  return ts.createSourceFile(rel, readFileSync(path.join(ROOT, rel), "utf8"), ts.ScriptTarget.Latest, true);
}

function calls(node: ts.Node): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) out.add(n.expression.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

/** A module-level function (declaration or const) by name. */
function fn(sf: ts.SourceFile, name: string): ts.Node | undefined {
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name?.text === name) return st;
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) return d;
  }
}

describe("server actions check the Origin", () => {
  it("finds the action modules", () => expect(serverModules.length).toBeGreaterThan(10));

  it("formAction and secretAction check it before anything else", () => {
    const form = calls(fn(parse("lib/actions/form.ts"), "formAction")!);
    expect(form.has("crossOriginRefusal")).toBe(true);
    expect(calls(fn(parse("lib/actions/api.ts"), "secretAction")!).has("crossOriginRefusal")).toBe(true);
  });

  it.each(serverModules)("%s: every exported action goes through the check", (rel) => {
    const sf = parse(rel);
    for (const st of sf.statements) {
      const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) continue;
      if (ts.isFunctionDeclaration(st) && st.body) {
        expect([...calls(st.body)].some((c) => CHECKS.has(c)), `${rel}: ${st.name?.text} does not check the Origin`).toBe(true);
      } else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          const init = d.initializer;
          const name = ts.isIdentifier(d.name) ? d.name.text : "?";
          const wrapped = !!init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && WRAPPERS.has(init.expression.text);
          const checks = !!init && [...calls(init)].some((c) => CHECKS.has(c));
          expect(wrapped || checks, `${rel}: ${name} is neither made by formAction/secretAction nor checks the Origin`).toBe(true);
        }
      }
    }
  });
});
