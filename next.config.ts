import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { HSTS, NO_CONTENT_POLICY, STATIC_HEADERS } from "./lib/http/security-headers";

// Messages are compiled at build time: the browser then gets next-intl's small formatter instead
// of the ICU parser (about 9 kB gzipped less on every page, to keep pages within 150 kB of JS).
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

// Attachments up to ZHONGSHU_MAX_UPLOAD_MB (20 MB by default) travel through server actions, with
// room for the form around them.
const bodyLimit = `${Math.ceil(Number(process.env.ZHONGSHU_MAX_UPLOAD_MB || 20)) + 5}mb` as `${number}mb`;

const nextConfig: NextConfig = {
  // The launcher hands DATABASE_URL and secrets to the server; nothing here reaches the network.
  poweredByHeader: false,
  serverExternalPackages: ["@node-rs/argon2", "postgres"],
  // Pages get their Content-Security-Policy (with a nonce) and HSTS from proxy.ts; these cover
  // every response, including the ones the proxy never sees (the integration API, static files).
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: NO_CONTENT_POLICY }] },
      // Evaluated at build time, so ZHONGSHU_TRUSTED_PROXIES cannot be consulted here: HSTS on a
      // spoofed header over plain HTTP is ignored by browsers, which makes that harmless.
      {
        source: "/api/v1/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: HSTS }],
      },
    ];
  },
  experimental: {
    // forbidden() for pages outside the reader's roles.
    authInterrupts: true,
    serverActions: { bodySizeLimit: bodyLimit },
    // The proxy reads every request's body first and keeps only 10 MB of it by default, which cut
    // larger uploads short ("Unexpected end of form": a server error instead of the file).
    proxyClientMaxBodySize: bodyLimit,
  },
};

export default withNextIntl(nextConfig);
