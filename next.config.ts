import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // The launcher hands DATABASE_URL and secrets to the server; nothing here reaches the network.
  poweredByHeader: false,
  serverExternalPackages: ["@node-rs/argon2", "postgres"],
  experimental: {
    // forbidden() for pages outside the reader's roles.
    authInterrupts: true,
    // Attachments up to ZHONGSHU_MAX_UPLOAD_MB (20 MB by default) travel through server actions.
    serverActions: { bodySizeLimit: `${Math.ceil(Number(process.env.ZHONGSHU_MAX_UPLOAD_MB || 20)) + 5}mb` as `${number}mb` },
  },
};

export default withNextIntl(nextConfig);
