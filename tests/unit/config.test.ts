import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv as parseProcessEnv } from "@/lib/config";

// Next's types make NODE_ENV required in ProcessEnv; these tests pass plain maps.
const parseEnv = (vars: Record<string, string>) => parseProcessEnv(vars as NodeJS.ProcessEnv);

function problem(env: Record<string, string>): string {
  try {
    parseEnv(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("parseEnv", () => {
  it("fills in the defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      ZHONGSHU_DATA_DIR: ".data",
      ZHONGSHU_PG_PORT: 54329,
      PORT: 3000,
      HOSTNAME: "0.0.0.0",
      ZHONGSHU_TIMEZONE: "Asia/Shanghai",
      ZHONGSHU_SEED_DEMO: true,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.AUTH_SECRET).toBeUndefined();
  });

  it("treats empty values as unset", () => {
    const env = parseEnv({ PORT: "", DATABASE_URL: "", ZHONGSHU_TIMEZONE: "" });
    expect(env).toMatchObject({ PORT: 3000, ZHONGSHU_TIMEZONE: "Asia/Shanghai" });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("reads given values", () => {
    const env = parseEnv({
      DATABASE_URL: "postgresql://u:p@db:5432/zhongshu",
      PORT: "8080",
      ZHONGSHU_PG_PORT: "55000",
      ZHONGSHU_TIMEZONE: "Europe/Berlin",
      ZHONGSHU_SEED_DEMO: "no",
      ZHONGSHU_DATA_DIR: "/var/lib/zhongshu",
    });
    expect(env).toMatchObject({
      DATABASE_URL: "postgresql://u:p@db:5432/zhongshu",
      PORT: 8080,
      ZHONGSHU_PG_PORT: 55000,
      ZHONGSHU_TIMEZONE: "Europe/Berlin",
      ZHONGSHU_SEED_DEMO: false,
      ZHONGSHU_DATA_DIR: "/var/lib/zhongshu",
    });
    expect(parseEnv({ DATABASE_URL: "postgres://localhost/x" }).DATABASE_URL).toBe("postgres://localhost/x");
  });

  it.each(["abc", "0", "65536", "80.5", "-1"])("names PORT when it is %j", (value) => {
    const message = problem({ PORT: value });
    expect(message).toMatch(/^\s*PORT: /m);
    expect(message).toMatch(/port/i);
    expect(message).not.toMatch(/ZHONGSHU_PG_PORT/);
  });

  it("names ZHONGSHU_PG_PORT when it is bad", () => {
    expect(problem({ ZHONGSHU_PG_PORT: "many" })).toMatch(/^\s*ZHONGSHU_PG_PORT: /m);
  });

  it("names ZHONGSHU_TIMEZONE when it is not an IANA zone", () => {
    const message = problem({ ZHONGSHU_TIMEZONE: "Mars/Olympus_Mons" });
    expect(message).toMatch(/^\s*ZHONGSHU_TIMEZONE: .*IANA/m);
  });

  it.each(["mysql://localhost/db", "localhost:5432", "postgres:/x"])("names DATABASE_URL when it is %j", (value) => {
    expect(problem({ DATABASE_URL: value })).toMatch(/^\s*DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\//m);
  });

  it("names AUTH_SECRET and the actions key when they are malformed", () => {
    expect(problem({ AUTH_SECRET: "short" })).toMatch(/^\s*AUTH_SECRET: must be at least 32 characters/m);
    expect(problem({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "abc" })).toMatch(/^\s*NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: /m);
  });

  it("lists every bad variable at once and points to .env.example", () => {
    const message = problem({ PORT: "x", ZHONGSHU_TIMEZONE: "Nowhere", DATABASE_URL: "http://db" });
    for (const name of ["PORT", "ZHONGSHU_TIMEZONE", "DATABASE_URL"]) expect(message).toMatch(new RegExp(`^\\s*${name}: `, "m"));
    expect(message).toContain(".env.example");
  });
});
