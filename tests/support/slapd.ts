// A real LDAP directory for the tests: Debian's OpenLDAP slapd, started as the current user on a
// free loopback port with an mdb database in a temporary folder, seeded with slapadd, stopped
// (and its folder removed) afterwards. Missing slapd is an error, never a silent skip.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../db/embedded";

export const SLAPD = process.env.SLAPD_PATH ?? "/usr/sbin/slapd";
export const SLAPADD = process.env.SLAPADD_PATH ?? "/usr/sbin/slapadd";
export const LDAP_SUFFIX = "dc=zhongshu,dc=test";
export const LDAP_PEOPLE = `ou=people,${LDAP_SUFFIX}`;
export const LDAP_READER = { dn: `cn=reader,${LDAP_SUFFIX}`, password: "reader-secret" };

export type Slapd = {
  url: string;
  /** Everything slapd logged so far (connections, binds, searches: log level "stats"). */
  log: () => string;
  stop: () => Promise<void>;
};

export type DirectoryPerson = { uid: string; password: string; mail?: string; cn?: string };

export function personLdif(p: DirectoryPerson): string {
  return [
    `dn: uid=${p.uid},${LDAP_PEOPLE}`,
    "objectClass: inetOrgPerson",
    `uid: ${p.uid}`,
    `cn: ${p.cn ?? p.uid}`,
    `sn: ${p.cn ?? p.uid}`,
    ...(p.mail ? [`mail: ${p.mail}`] : []),
    `userPassword: ${p.password}`,
    "",
  ].join("\n");
}

function config(dir: string): string {
  const schema = "/etc/ldap/schema";
  return `
include ${schema}/core.schema
include ${schema}/cosine.schema
include ${schema}/inetorgperson.schema
pidfile ${dir}/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
suffix "${LDAP_SUFFIX}"
rootdn "cn=root,${LDAP_SUFFIX}"
rootpw root-${Math.random().toString(36).slice(2)}
directory ${dir}/db
maxsize 16777216
index objectClass,uid,mail eq
# Passwords only for binding; the service account reads the people, nobody reads anonymously.
access to attrs=userPassword by self write by anonymous auth by * none
access to * by dn.exact="${LDAP_READER.dn}" read by self read by * none
`;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function startSlapd(people: DirectoryPerson[]): Promise<Slapd> {
  if (!existsSync(SLAPD) || !existsSync(SLAPADD)) {
    throw new Error(
      `The LDAP tests need OpenLDAP's slapd at ${SLAPD} (and slapadd): install it with ` +
        "`DEBIAN_FRONTEND=noninteractive apt-get install -y slapd ldap-utils` (.ci/run does this), or set SLAPD_PATH/SLAPADD_PATH.",
    );
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "zhongshu-slapd-"));
  mkdirSync(path.join(dir, "db"));
  writeFileSync(path.join(dir, "slapd.conf"), config(dir));
  const ldif = [
    `dn: ${LDAP_SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Zhongshu test\ndc: zhongshu\n`,
    `dn: ${LDAP_PEOPLE}\nobjectClass: organizationalUnit\nou: people\n`,
    `dn: ${LDAP_READER.dn}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: reader\nuserPassword: ${LDAP_READER.password}\n`,
    ...people.map(personLdif),
  ].join("\n");
  writeFileSync(path.join(dir, "seed.ldif"), ldif);
  const added = spawnSync(SLAPADD, ["-f", path.join(dir, "slapd.conf"), "-l", path.join(dir, "seed.ldif")], { encoding: "utf8" });
  if (added.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`slapadd failed (${added.status}): ${added.stderr}`);
  }

  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(SLAPD, ["-f", path.join(dir, "slapd.conf"), "-h", `ldap://127.0.0.1:${port}/`, "-d", "256"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    if (await portOpen(port)) return { url: `ldap://127.0.0.1:${port}`, log: () => output, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`slapd did not start on port ${port}:\n${output}`);
}
