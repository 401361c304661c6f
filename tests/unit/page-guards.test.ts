// "The proxy is not the guard": with proxy.ts gone (or its matcher missing a path), every page,
// layout and route handler must still check the session itself. This reads each module's source
// and asserts that every exported handler (the page or layout component, generateMetadata when it
// reads the data layer, GET/POST/...) calls a guard, and that each guard reaches the session
// (currentActor → auth() + loadActor) or, for /api/v1, the bearer token.
//
// Its limit, honestly: it is a static scan. It proves that the guard is called in the handler's
// body, not that the call precedes every read on every branch; the data layer's own checks
// (each DAL function takes the actor and authorizes) and the e2e spec security-http.spec.ts
// cover the behaviour.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

/** Open on purpose, each with the reason. */
const PUBLIC: Record<string, string> = {
  "app/layout.tsx": "root layout: language and translations only",
  "app/login/page.tsx": "the sign-in page",
  "app/api/auth/[...nextauth]/route.ts": "Auth.js's own sign-in and callback endpoints",
  "app/api/health/route.ts": "liveness for load balancers; reads no records",
  "app/api/v1/openapi.json/route.ts": "the API's description; holds no data",
};

/**
 * The benchmark's floors (app/(bench)): no session by design, but each handler must go through
 * its gate, which answers 404 unless the benchmark's environment variable is set.
 */
const BENCH_GATES = new Set(["floorFixture", "benchQueryLog"]);

/** Calls that establish who is asking (and refuse when nobody is). */
const SESSION_GUARDS = new Set(["requireActor", "requireHome", "currentActor", "serveAttachment"]);
/** Wrappers whose result is a guarded loader (`const load = loadOr404(read)`). */
const LOADER_FACTORIES = new Set(["loadOr404"]);
const HANDLER_NAMES = new Set(["default", "generateMetadata", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

function parse(rel: string): ts.SourceFile {
  const file = path.join(ROOT, rel);
  return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, rel.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

/** Names of every function called (by plain identifier) anywhere inside `node`. */
function calledNames(node: ts.Node): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) out.add(n.expression.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

type Handler = { name: string; body: ts.Node };

/** The module's exported handlers: `export default function`, `export async function GET`, `export const GET = …`. */
function handlersOf(sf: ts.SourceFile): Handler[] {
  const out: Handler[] = [];
  for (const st of sf.statements) {
    const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    const isDefault = ts.getModifiers(st as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (ts.isFunctionDeclaration(st) && st.body) out.push({ name: isDefault ? "default" : (st.name?.text ?? "?"), body: st.body });
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) out.push({ name: d.name.text, body: d.initializer });
  }
  return out.filter((h) => HANDLER_NAMES.has(h.name));
}

/** Module-level `const x = loadOr404(…)`: calling x is calling a guard. */
function guardedLoaders(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  for (const st of sf.statements)
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations)
        if (ts.isIdentifier(d.name) && d.initializer && ts.isCallExpression(d.initializer) && ts.isIdentifier(d.initializer.expression) && LOADER_FACTORIES.has(d.initializer.expression.text))
          out.add(d.name.text);
  return out;
}

/** Identifiers imported from the data layer (other than the session module, which holds the guards). */
function dataLayerImports(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const from = st.moduleSpecifier.text;
    if (!from.startsWith("@/lib/dal/") || from === "@/lib/dal/session") continue;
    const named = st.importClause?.namedBindings;
    if (named && ts.isNamedImports(named)) for (const el of named.elements) if (!el.isTypeOnly) out.add(el.name.text);
  }
  return out;
}

/** The body of a named function (declaration or `const name = (…) =>`) in a module. */
function functionBody(rel: string, name: string): ts.Node {
  const sf = parse(rel);
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name?.text === name && st.body) return st.body;
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return d.initializer;
  }
  throw new Error(`${name} not found in ${rel}`);
}

const modules = walk(path.join(ROOT, "app"))
  .map((f) => path.relative(ROOT, f).split(path.sep).join("/"))
  .filter((f) => /\/(page|layout)\.tsx$|\/route\.ts$/.test(f))
  .sort();

describe("every page, layout and route handler guards itself", () => {
  it("finds the modules (the scan is looking in the right place)", () => {
    expect(modules.length).toBeGreaterThan(40);
    for (const p of Object.keys(PUBLIC)) expect(modules, `${p} is listed as public but does not exist`).toContain(p);
  });

  const isBench = (m: string) => m.startsWith("app/(bench)/");
  const apiModules = modules.filter((m) => m.startsWith("app/api/v1/") && !(m in PUBLIC));
  const benchModules = modules.filter(isBench);
  const sessionModules = modules.filter((m) => !m.startsWith("app/api/v1/") && !isBench(m) && !(m in PUBLIC));

  it.each(sessionModules)("%s checks the session in each exported handler", (rel) => {
    const sf = parse(rel);
    const handlers = handlersOf(sf);
    expect(handlers.length, `${rel} exports no handler the scan recognises`).toBeGreaterThan(0);
    const loaders = guardedLoaders(sf);
    const dal = dataLayerImports(sf);
    for (const h of handlers) {
      const calls = calledNames(h.body);
      const guarded = [...calls].some((c) => SESSION_GUARDS.has(c) || loaders.has(c));
      // Metadata that reads nothing (a translated title) needs no session.
      if (h.name === "generateMetadata" && ![...calls].some((c) => dal.has(c) || loaders.has(c))) continue;
      expect(guarded, `${rel}: ${h.name} calls no session guard (${[...SESSION_GUARDS].join(", ")} or a loadOr404 loader)`).toBe(true);
    }
  });

  it.each(apiModules)("%s answers only through endpoint() (bearer token, never the session)", (rel) => {
    const handlers = handlersOf(parse(rel));
    expect(handlers.length).toBeGreaterThan(0);
    for (const h of handlers) {
      const init = h.body;
      expect(ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === "endpoint", `${rel}: ${h.name} is not endpoint(…)`).toBe(true);
    }
  });

  it.each(benchModules.length ? benchModules : ["(none)"])("%s (benchmark only) is closed unless the benchmark's switch is on", (rel) => {
    if (rel === "(none)") return;
    for (const h of handlersOf(parse(rel))) {
      const calls = calledNames(h.body);
      expect([...calls].some((c) => BENCH_GATES.has(c)), `${rel}: ${h.name} does not go through ${[...BENCH_GATES].join(" or ")}`).toBe(true);
    }
  });

  it("each guard reaches the session or the token", () => {
    const reaches = (rel: string, fn: string, callee: string) => expect(calledNames(functionBody(rel, fn)).has(callee), `${fn} in ${rel} calls ${callee}`).toBe(true);
    reaches("lib/dal/session.ts", "currentActor", "auth");
    reaches("lib/dal/session.ts", "currentActor", "loadActor");
    reaches("lib/dal/session.ts", "requireActor", "currentActor");
    reaches("lib/dal/session.ts", "requireHome", "requireActor");
    reaches("lib/http/load-or-404.ts", "loadOr404", "requireActor");
    reaches("lib/http/attachment-response.ts", "serveAttachment", "currentActor");
    reaches("lib/api/http.ts", "endpoint", "apiActor");
    reaches("lib/api/auth.ts", "apiActor", "authenticateToken");
  });
});
