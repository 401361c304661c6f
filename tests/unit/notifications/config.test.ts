import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv as parseProcessEnv } from "@/lib/config";

const parseEnv = (vars: Record<string, string>) => parseProcessEnv(vars as NodeJS.ProcessEnv);

describe("e-mail settings", () => {
  it("are off by default, with certificate checks on", () => {
    const env = parseEnv({});
    expect(env.ZHONGSHU_SMTP_URL).toBeUndefined();
    expect(env.ZHONGSHU_PUBLIC_URL).toBeUndefined();
    expect(env.ZHONGSHU_SMTP_TLS_REJECT_UNAUTHORIZED).toBe(true);
  });

  it("read a mail server, its sender and the portal's address", () => {
    const env = parseEnv({
      ZHONGSHU_SMTP_URL: "smtp://user:pw@mail.example.edu.cn:587",
      ZHONGSHU_SMTP_FROM: "中枢 <zhongshu@example.edu.cn>",
      ZHONGSHU_SMTP_TLS_REJECT_UNAUTHORIZED: "false",
      ZHONGSHU_PUBLIC_URL: "https://zhongshu.example.edu.cn",
    });
    expect(env).toMatchObject({ ZHONGSHU_SMTP_URL: "smtp://user:pw@mail.example.edu.cn:587", ZHONGSHU_SMTP_TLS_REJECT_UNAUTHORIZED: false });
  });

  it("refuse a mail server without a sender, a non-SMTP address and a portal address without a scheme", () => {
    const message = (vars: Record<string, string>) => {
      try {
        parseEnv(vars);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error("expected a ConfigError");
    };
    expect(message({ ZHONGSHU_SMTP_URL: "smtp://mail.example.edu.cn" })).toContain("ZHONGSHU_SMTP_FROM");
    expect(message({ ZHONGSHU_SMTP_URL: "http://mail.example.edu.cn", ZHONGSHU_SMTP_FROM: "a@b.c" })).toContain("ZHONGSHU_SMTP_URL");
    expect(message({ ZHONGSHU_PUBLIC_URL: "zhongshu.example.edu.cn" })).toContain("ZHONGSHU_PUBLIC_URL");
  });
});
