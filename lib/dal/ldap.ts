import "server-only";
import { readFileSync } from "node:fs";
import type { ConnectionOptions } from "node:tls";
import { AndFilter, Client, EqualityFilter, InvalidCredentialsError, OrFilter, type Entry, type Filter } from "ldapts";
import type { LdapConfig } from "@/lib/sign-in-config";

// Directory passwords (LDAP / Active Directory): bind as the service account, find exactly one
// entry for the typed login name or e-mail, then bind as that entry with the typed password.
// Part of the sign-in path (nobody is signed in yet); the caller throttles and audits.

export type DirectoryAnswer =
  | { kind: "ok"; dn: string; login: string | null; email: string | null }
  | { kind: "invalid"; reason: "emptyPassword" | "notFound" | "ambiguous" | "wrongPassword" }
  | { kind: "unavailable"; message: string };

/**
 * The search filter for a typed name: (&(objectClass=…)(|(uid=name)(mail=name))). Built from
 * filter objects, so the value travels as data and `*)(uid=*` matches only that literal string.
 */
export function directoryFilter(config: Pick<LdapConfig, "loginAttributes" | "emailAttribute" | "objectClass">, login: string): Filter {
  const attributes = [...config.loginAttributes, ...(config.emailAttribute ? [config.emailAttribute] : [])];
  return new AndFilter({
    filters: [
      new EqualityFilter({ attribute: "objectClass", value: config.objectClass }),
      new OrFilter({ filters: attributes.map((attribute) => new EqualityFilter({ attribute, value: login })) }),
    ],
  });
}

/** The first value of an attribute, whatever case the server gave its name in. */
function first(entry: Entry, attribute: string): string | null {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const value = key ? entry[key] : undefined;
  const one = Array.isArray(value) ? value[0] : value;
  if (one === undefined || one === null) return null;
  const text = Buffer.isBuffer(one) ? one.toString("utf8") : String(one);
  return text.trim() || null;
}

function tlsOptions(config: LdapConfig): ConnectionOptions {
  return {
    rejectUnauthorized: config.tlsRejectUnauthorized,
    ...(config.caFile ? { ca: readFileSync(config.caFile) } : {}),
  };
}

/**
 * Checks a login name (or e-mail) and password against the directory. An empty password is
 * refused before any connection is made: to many servers it is an anonymous bind that "succeeds".
 */
export async function authenticateWithDirectory(config: LdapConfig, login: string, password: string): Promise<DirectoryAnswer> {
  if (!password) return { kind: "invalid", reason: "emptyPassword" };
  const name = login.trim();
  if (!name || name.length > 256) return { kind: "invalid", reason: "notFound" };

  const tls = tlsOptions(config);
  const client = new Client({
    url: config.url,
    timeout: config.timeoutMs,
    connectTimeout: config.timeoutMs,
    ...(config.url.startsWith("ldaps:") ? { tlsOptions: tls } : {}),
  });
  try {
    if (config.startTls) await client.startTLS(tls);
    await client.bind(config.bindDn, config.bindPassword);
    const attributes = [config.mapAttribute, ...(config.emailAttribute ? [config.emailAttribute] : [])];
    const { searchEntries } = await client.search(config.searchBase, {
      scope: "sub",
      filter: directoryFilter(config, name),
      attributes,
      // Two are enough to tell "exactly one" from "more than one".
      sizeLimit: 2,
    });
    if (searchEntries.length === 0) return { kind: "invalid", reason: "notFound" };
    if (searchEntries.length > 1) return { kind: "invalid", reason: "ambiguous" };
    const entry = searchEntries[0];
    try {
      await client.bind(entry.dn, password);
    } catch (e) {
      // Locked or expired AD accounts answer "invalid credentials" too (with a sub-code).
      if (e instanceof InvalidCredentialsError) return { kind: "invalid", reason: "wrongPassword" };
      throw e;
    }
    return {
      kind: "ok",
      dn: entry.dn,
      login: first(entry, config.mapAttribute),
      email: config.emailAttribute ? first(entry, config.emailAttribute) : null,
    };
  } catch (e) {
    // The service account refused, the server down or slow: the directory cannot answer.
    return { kind: "unavailable", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  } finally {
    await client.unbind().catch(() => {});
  }
}
