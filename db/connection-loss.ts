// What the app does when its connection to PostgreSQL breaks (the server restarts, a backend is
// terminated, the network drops): recognise it, and work around two faults of postgres.js 3.4.9.
//
// 1. When a transaction's connection closes, the driver still sends its ROLLBACK — and any later
//    query of the transaction callback — to that connection; the write runs in a setImmediate on
//    a socket already set to null and throws an uncatchable TypeError that ends the process
//    (porsager/postgres#1154, #1208). guardTransactions() sends nothing to a transaction whose
//    connection is gone: the server has rolled it back already.
// 2. A connection whose backend was terminated during a query keeps the server's FATAL error and
//    hands it to the first statement sent after it reconnects, which thus fails without having
//    run. guardConnections() sends such a statement again.
import type postgres from "postgres";

/** postgres.js and Node codes for "no connection", and PostgreSQL's for a server going away. */
const CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ERR_STREAM_DESTROYED",
  "57P01", // admin_shutdown: the server stops, or pg_terminate_backend
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or shutting down
  "53300", // too_many_connections
]);

/** True when the error (or one it wraps, e.g. drizzle's "Failed query") means the database could not be reached. */
export function isConnectionError(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === "object" && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08"))) return true;
  }
  return false;
}

type Begin = (options: string, cb: (tx: postgres.TransactionSql) => unknown) => Promise<unknown>;
type State = { over: boolean };

const lost = () => Object.assign(new Error("write CONNECTION_CLOSED (transaction connection lost)"), { code: "CONNECTION_CLOSED" });

/** A query-like answer that fails at once, for a query the callback sends after its connection is gone. */
function refused(): Promise<never> & { values: () => Promise<never>; execute: () => Promise<never> } {
  const p = Promise.reject(lost());
  p.catch(() => {});
  return Object.assign(p, { values: () => p, execute: () => p });
}

/**
 * Runs `cb`; if it fails because the transaction's connection is gone, the returned promise never
 * settles, so postgres.js writes no ROLLBACK to the dead connection. The caller still gets the
 * error: postgres.js fails the transaction itself when its connection closes. An error that only
 * looks like a lost connection (from another pool, say) is passed on after a tick, once it is
 * clear this transaction's connection is still there, and the transaction is rolled back as usual.
 */
function settle(state: State, cb: () => unknown): Promise<unknown> {
  return Promise.resolve()
    .then(() => {
      const x = cb();
      return Array.isArray(x) ? Promise.all(x) : x;
    })
    .catch(async (e: unknown) => {
      if (!state.over && isConnectionError(e)) await new Promise((r) => setTimeout(r, 0));
      if (state.over) return new Promise<never>(() => {});
      throw e;
    });
}

/** The transaction's sql, refusing queries once the transaction is over (its connection lost). */
function guardTx(tx: postgres.TransactionSql, state: State): postgres.TransactionSql {
  return new Proxy(tx, {
    apply(target, self, args) {
      return state.over ? refused() : Reflect.apply(target, self, args);
    },
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop === "unsafe" && typeof value === "function") {
        return (...args: unknown[]) => (state.over ? refused() : value.apply(target, args));
      }
      if (prop === "savepoint" && typeof value === "function") {
        return (...args: unknown[]) => {
          if (state.over) return refused();
          const cb = args.pop() as (sp: postgres.TransactionSql) => unknown;
          return value.apply(target, [...args, (sp: postgres.TransactionSql) => settle(state, () => cb(guardTx(sp, state)))]);
        };
      }
      return value;
    },
  });
}

/** Wraps sql.begin (which drizzle's transaction() uses) so that a lost connection fails cleanly. */
function guardTransactions(sql: postgres.Sql): void {
  const begin = sql.begin.bind(sql) as unknown as Begin;
  const guarded = (...args: unknown[]) => {
    const cb = args.pop() as (tx: postgres.TransactionSql) => unknown;
    const options = typeof args[0] === "string" ? args[0] : "";
    const state: State = { over: false };
    const done = begin(options, (tx) => settle(state, () => cb(guardTx(tx, state))));
    const end = () => {
      state.over = true;
    };
    done.then(end, end);
    return done;
  };
  (sql as unknown as { begin: typeof guarded }).begin = guarded;
}

/**
 * Errors PostgreSQL sends only when it ends a session: a driver hands one to a statement only
 * before running it (the stale error of fault 2, or a server starting up or shutting down).
 */
const NEVER_RAN = new Set(["57P01", "57P02", "57P03"]);
const RETRIES = 3;

type QueryInternals = { reject: (e: unknown) => void; handler: (q: QueryInternals) => void; active: boolean };

/** Makes a statement of the pool go back to the pool when it failed without having run. */
function retryIfNeverRan<Q>(query: Q): Q {
  const q = query as unknown as QueryInternals;
  const reject = q.reject;
  let left = RETRIES;
  q.reject = (e: unknown) => {
    const code = (e as { code?: unknown } | null)?.code;
    if (left-- > 0 && typeof code === "string" && NEVER_RAN.has(code)) {
      q.active = false;
      // Out of the driver's message handling first.
      queueMicrotask(() => q.handler(q));
    } else reject(e);
  };
  return query;
}

/**
 * Both workarounds on a new pool, before drizzle or anyone else uses it: statements of the pool
 * (sql`…` and sql.unsafe, which drizzle and the driver's BEGIN use) are sent again when they
 * failed without having run; transactions send nothing to a lost connection.
 */
export function guardConnections(sql: postgres.Sql): postgres.Sql {
  const unsafe = sql.unsafe;
  (sql as unknown as { unsafe: typeof unsafe }).unsafe = function (this: unknown, ...args: Parameters<typeof unsafe>) {
    return retryIfNeverRan(unsafe.apply(this, args));
  } as typeof unsafe;
  guardTransactions(sql);
  return new Proxy(sql, {
    apply: (target, self, args) => {
      const result: unknown = Reflect.apply(target, self, args);
      // sql`…` gives a query; sql(value) a helper fragment, left alone.
      return result instanceof Promise ? retryIfNeverRan(result) : result;
    },
  });
}
