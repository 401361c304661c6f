// Directory passwords against a real OpenLDAP slapd started here: bind as the service account,
// find exactly one entry, bind as it; the person must exist in Zhongshu, active.
import { eq } from "drizzle-orm";
import { Client } from "ldapts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, getSql } from "@/db/client";
import { users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { authenticateWithDirectory } from "@/lib/dal/ldap";
import { setPasswordSignIn } from "@/lib/dal/settings";
import { checkPassword } from "@/lib/dal/sign-in";
import type { LdapConfig } from "@/lib/sign-in-config";
import { actorFor, auditAfter, insertUser, lastAuditId, unique } from "../support/db";
import { LDAP_PEOPLE, LDAP_READER, startSlapd, type Slapd } from "../support/slapd";

let slapd: Slapd;
let ldap: LdapConfig;
let addresses = 0;
const address = () => `203.0.113.${++addresses}-${process.pid}`;

// Local people and their directory entries (directory passwords differ from the local ones).
const local = { login: unique("ldapok"), password: "directory pass 1" };
const byMail = { uid: unique("dironly"), mail: `${unique("mailed")}@dir.test`, password: "directory pass 2" };
const stranger = { uid: unique("stranger"), password: "directory pass 3" };
const gone = { login: unique("ldapoff"), password: "directory pass 4" };
const twins = { mail: `${unique("twin")}@dir.test`, password: "directory pass 5" };
let localId = 0;
let byMailId = 0;
let goneId = 0;

beforeAll(async () => {
  slapd = await startSlapd([
    { uid: local.login, password: local.password, mail: `${local.login}@dir.test` },
    { uid: byMail.uid, password: byMail.password, mail: byMail.mail },
    { uid: stranger.uid, password: stranger.password },
    { uid: gone.login, password: gone.password },
    { uid: unique("twin-a"), password: twins.password, mail: twins.mail },
    { uid: unique("twin-b"), password: twins.password, mail: twins.mail },
  ]);
  ldap = {
    url: slapd.url,
    bindDn: LDAP_READER.dn,
    bindPassword: LDAP_READER.password,
    searchBase: LDAP_PEOPLE,
    loginAttributes: ["uid"],
    emailAttribute: "mail",
    mapAttribute: "uid",
    objectClass: "person",
    startTls: false,
    tlsRejectUnauthorized: true,
    caFile: null,
    timeoutMs: 5000,
  };
  localId = (await insertUser({ roles: ["dept_staff"], login: local.login })).id;
  // Known locally under another login name, with the directory's e-mail address.
  const other = await insertUser({ roles: ["dept_staff"] });
  byMailId = other.id;
  await getDb().update(users).set({ email: byMail.mail.toUpperCase() }).where(eq(users.id, other.id));
  goneId = (await insertUser({ roles: ["dept_staff"], login: gone.login, active: false })).id;
});

afterAll(async () => {
  await slapd?.stop();
});

describe("authenticateWithDirectory", () => {
  it("accepts the right password and reports the entry's login and e-mail", async () => {
    expect(await authenticateWithDirectory(ldap, local.login, local.password)).toEqual({
      kind: "ok",
      dn: `uid=${local.login},${LDAP_PEOPLE}`,
      login: local.login,
      email: `${local.login}@dir.test`,
    });
  });

  it("finds the entry by e-mail too", async () => {
    expect(await authenticateWithDirectory(ldap, byMail.mail, byMail.password)).toMatchObject({ kind: "ok", login: byMail.uid });
  });

  it("refuses a wrong password, an unknown name and an address two entries share", async () => {
    expect(await authenticateWithDirectory(ldap, local.login, "wrong")).toEqual({ kind: "invalid", reason: "wrongPassword" });
    expect(await authenticateWithDirectory(ldap, unique("nobody"), "whatever")).toEqual({ kind: "invalid", reason: "notFound" });
    expect(await authenticateWithDirectory(ldap, twins.mail, twins.password)).toEqual({ kind: "invalid", reason: "ambiguous" });
  });

  it("refuses an empty password before any connection or bind", async () => {
    const bind = vi.spyOn(Client.prototype, "bind");
    const accepted = (slapd.log().match(/ACCEPT from/g) ?? []).length;
    try {
      expect(await authenticateWithDirectory(ldap, local.login, "")).toEqual({ kind: "invalid", reason: "emptyPassword" });
      expect(await checkPassword(local.login, "", address(), { ldap })).toEqual({ kind: "invalid" });
      expect(bind).not.toHaveBeenCalled();
      // Give slapd's log a moment: no connection reached it.
      await new Promise((r) => setTimeout(r, 200));
      expect((slapd.log().match(/ACCEPT from/g) ?? []).length).toBe(accepted);
      // The spy does see binds when a password is given (the check above can fail).
      await authenticateWithDirectory(ldap, local.login, local.password);
      expect(bind).toHaveBeenCalledTimes(2);
    } finally {
      bind.mockRestore();
    }
  });

  it("treats filter syntax in the name as data: an injection finds nothing", async () => {
    for (const attempt of ["*)(uid=*", "*", `${local.login})(|(uid=*`, `*)(objectClass=*`]) {
      expect(await authenticateWithDirectory(ldap, attempt, local.password)).toEqual({ kind: "invalid", reason: "notFound" });
    }
    // The search really carried the escaped value (slapd logs the filter it received).
    expect(slapd.log()).toMatch(/uid=\\2A\)\\28uid=\\2A|uid=\\2a\\29\\28uid=\\2a/i);
  });

  it("answers unavailable when the service account is refused or the server is down", async () => {
    expect(await authenticateWithDirectory({ ...ldap, bindPassword: "wrong" }, local.login, local.password)).toMatchObject({ kind: "unavailable" });
    expect(await authenticateWithDirectory({ ...ldap, url: "ldap://127.0.0.1:1", timeoutMs: 1000 }, local.login, local.password)).toMatchObject({
      kind: "unavailable",
    });
  });
});

describe("checkPassword with a directory", () => {
  it("signs in a directory person who exists in Zhongshu, and audits it", async () => {
    const since = await lastAuditId();
    expect(await checkPassword(local.login.toUpperCase(), local.password, address(), { ldap })).toMatchObject({ kind: "ok", userId: localId });
    expect(await auditAfter(since)).toMatchObject([{ action: "auth.sign_in", entityId: String(localId), actorId: localId }]);
  });

  it("signs in by e-mail, matching the local person by the directory's e-mail when the login does not match", async () => {
    expect(await checkPassword(byMail.mail, byMail.password, address(), { ldap })).toMatchObject({ kind: "ok", userId: byMailId });
    expect(await checkPassword(byMail.uid, byMail.password, address(), { ldap })).toMatchObject({ kind: "ok", userId: byMailId });
  });

  it("refuses a wrong password and an unknown name, counting failures toward the lock", async () => {
    const since = await lastAuditId();
    expect(await checkPassword(local.login, "wrong", address(), { ldap })).toEqual({ kind: "invalid" });
    expect(await checkPassword(unique("nobody"), "wrong", address(), { ldap })).toEqual({ kind: "invalid" });
    expect((await auditAfter(since)).map((e) => e.action)).toEqual(["auth.sign_in_failed", "auth.sign_in_failed"]);
    // Four more failures lock the account, even for the right directory password.
    for (let i = 0; i < 4; i++) await checkPassword(local.login, `wrong ${i}`, address(), { ldap });
    expect(await checkPassword(local.login, local.password, address(), { ldap })).toEqual({ kind: "throttled" });
    await getSql()`delete from sign_in_throttle where key = ${`login:${local.login}`}`;
  });

  it("refuses a directory person Zhongshu does not know, and audits it", async () => {
    const since = await lastAuditId();
    expect(await checkPassword(stranger.uid, stranger.password, address(), { ldap })).toEqual({ kind: "notProvisioned" });
    const [event] = await getSql()<{ action: string; data: Record<string, unknown> }[]>`
      select action, data from audit_events where id > ${since} order by id`;
    expect(event).toMatchObject({ action: "auth.ldap_unmatched", data: { dn: `uid=${stranger.uid},${LDAP_PEOPLE}`, directoryLogin: stranger.uid } });
  });

  it("refuses a directory person whose Zhongshu account is disabled", async () => {
    const since = await lastAuditId();
    expect(await checkPassword(gone.login, gone.password, address(), { ldap })).toEqual({ kind: "disabled" });
    expect(await auditAfter(since)).toMatchObject([{ action: "auth.sign_in_refused", entityId: String(goneId) }]);
  });

  it("refuses a service account even with the right directory password", async () => {
    await getDb().update(users).set({ service: true }).where(eq(users.id, localId));
    try {
      expect(await checkPassword(local.login, local.password, address(), { ldap })).toEqual({ kind: "invalid" });
    } finally {
      await getDb().update(users).set({ service: false }).where(eq(users.id, localId));
    }
  });

  it("accepts the local password while password sign-in is on; once off, only an admin's (break-glass)", async () => {
    // The local person's Zhongshu password is the demo password; the directory does not know it.
    expect(await checkPassword(local.login, DEMO_PASSWORD, address(), { ldap })).toMatchObject({ kind: "ok", userId: localId });
    const admin = await insertUser({ roles: ["admin"] });
    const adminActor = await actorFor("admin");
    const saved = { ...process.env };
    // Turning passwords off needs another way in: this directory, as configured by the environment.
    Object.assign(process.env, {
      ZHONGSHU_LDAP_URL: ldap.url,
      ZHONGSHU_LDAP_BIND_DN: ldap.bindDn,
      ZHONGSHU_LDAP_BIND_PASSWORD: ldap.bindPassword,
      ZHONGSHU_LDAP_SEARCH_BASE: ldap.searchBase,
    });
    const [row] = await getSql()<{ version: number }[]>`select version from org_settings where key = 'password_sign_in'`;
    const version = row?.version ?? 0;
    await setPasswordSignIn(adminActor, false, version);
    try {
      expect(await checkPassword(local.login, DEMO_PASSWORD, address(), { ldap })).toEqual({ kind: "invalid" });
      expect(await checkPassword(local.login, local.password, address(), { ldap })).toMatchObject({ kind: "ok", userId: localId });
      expect(await checkPassword(admin.login, DEMO_PASSWORD, address(), { ldap })).toMatchObject({ kind: "ok", userId: admin.id });
      // With the directory down, a non-admin hears so; the admin still gets in.
      const down = { ...ldap, url: "ldap://127.0.0.1:1", timeoutMs: 1000 };
      expect(await checkPassword(local.login, local.password, address(), { ldap: down })).toEqual({ kind: "unavailable" });
      expect(await checkPassword(admin.login, DEMO_PASSWORD, address(), { ldap: down })).toMatchObject({ kind: "ok", userId: admin.id });
    } finally {
      await setPasswordSignIn(adminActor, true, version + 1);
      process.env = saved;
    }
    const [after] = await getSql()<{ enabled: boolean }[]>`select (value->>'enabled')::boolean as enabled from org_settings where key = 'password_sign_in'`;
    expect(after.enabled).toBe(true);
  });
});
