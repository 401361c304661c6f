// Password sign-in per organisation: turned off only once another way in exists; admins keep
// their password as a break-glass way in; everyone else hears that passwords are off.
import { afterEach, describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import { DEMO_PASSWORD } from "@/db/seed";
import { getSignInSettings, passwordSignInEnabled, setPasswordSignIn } from "@/lib/dal/settings";
import { checkPassword } from "@/lib/dal/sign-in";
import { actorFor, auditAfter, expectDomainError, insertUser, lastAuditId } from "../support/db";

const SSO_ENV = {
  ZHONGSHU_SSO_ISSUER: "https://sso.example.test/realms/school",
  ZHONGSHU_SSO_CLIENT_ID: "zhongshu",
  ZHONGSHU_SSO_CLIENT_SECRET: "secret",
  ZHONGSHU_SSO_NAME: "学校统一身份认证",
};
const saved = { ...process.env };
let addresses = 0;
const address = () => `192.0.2.${++addresses}-${process.pid}`;

async function currentVersion(): Promise<number> {
  const [row] = await getSql()<{ version: number }[]>`select version from org_settings where key = 'password_sign_in'`;
  return row?.version ?? 0;
}

afterEach(async () => {
  // Leave passwords on for the other test files sharing this database.
  if (!(await passwordSignInEnabled())) {
    Object.assign(process.env, SSO_ENV);
    await setPasswordSignIn(await actorFor("admin"), true, await currentVersion());
  }
  process.env = { ...saved };
});

describe("password sign-in setting", () => {
  it("is on by default, shown to admins only", async () => {
    const admin = await actorFor("admin");
    const settings = await getSignInSettings(admin);
    expect(settings.passwordSignIn.enabled).toBe(true);
    expect(settings).toMatchObject({ sso: null, ldap: false });
    await expectDomainError(getSignInSettings(await actorFor("zhaolei")), "forbidden");
    await expectDomainError(setPasswordSignIn(await actorFor("zhaolei"), false, await currentVersion()), "forbidden");
    await expectDomainError(getSignInSettings(null), "signedOut");
  });

  it("cannot be turned off while neither single sign-on nor a directory is configured", async () => {
    const admin = await actorFor("admin");
    await expectDomainError(setPasswordSignIn(admin, false, await currentVersion()), "noExternalSignIn", "enabled");
    expect(await passwordSignInEnabled()).toBe(true);
  });

  it("turns off with single sign-on configured: admins still sign in with a password, others are told to use SSO", async () => {
    Object.assign(process.env, SSO_ENV);
    const admin = await actorFor("admin");
    const version = await currentVersion();
    expect((await getSignInSettings(admin)).sso).toEqual({ name: "学校统一身份认证" });
    const since = await lastAuditId();
    await setPasswordSignIn(admin, false, version);
    expect(await auditAfter(since)).toMatchObject([{ action: "settings.password_sign_in", entity: "org_setting", entityId: "password_sign_in", actorId: admin.id }]);
    expect((await getSignInSettings(admin)).passwordSignIn).toMatchObject({ enabled: false, version: version + 1, updatedByName: admin.name });
    // A second admin who saw the old version is refused.
    await expectDomainError(setPasswordSignIn(admin, true, version), "conflict");

    const staff = await insertUser({ roles: ["dept_staff"] });
    const anotherAdmin = await insertUser({ roles: ["admin"] });
    expect(await checkPassword(staff.login, DEMO_PASSWORD, address())).toEqual({ kind: "passwordDisabled" });
    expect(await checkPassword(staff.login, "wrong password", address())).toEqual({ kind: "invalid" });
    expect(await checkPassword("nobody-at-all", "wrong password", address())).toEqual({ kind: "invalid" });
    expect(await checkPassword(anotherAdmin.login, DEMO_PASSWORD, address())).toMatchObject({ kind: "ok", userId: anotherAdmin.id });
    expect(await checkPassword(anotherAdmin.login, "wrong password", address())).toEqual({ kind: "invalid" });

    await setPasswordSignIn(admin, true, version + 1);
    expect(await checkPassword(staff.login, DEMO_PASSWORD, address())).toMatchObject({ kind: "ok", userId: staff.id });
  });

  it("refuses a service account's password sign-in", async () => {
    const svc = await insertUser({ roles: ["dept_staff"] });
    await getSql()`update users set service = true where id = ${svc.id}`;
    expect(await checkPassword(svc.login, DEMO_PASSWORD, address())).toEqual({ kind: "invalid" });
  });
});
