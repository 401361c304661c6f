// A real OpenID Connect provider for the end-to-end tests (the oidc-provider package): one
// confidential client for the app's callback, PKCE required, a few claims-bearing identities,
// and its development login screen (any password; the login typed is the account id).
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export const SSO_CLIENT = { id: "zhongshu-e2e", secret: "e2e-only-client-secret-0123456789abcdef" };
export const SSO_NAME = "测试统一身份认证";

/**
 * Identities with their claims (by account id, typed on the provider's login screen). Any
 * other account id is an identity whose preferred_username is the id itself.
 */
export const SSO_IDENTITIES: Record<string, Record<string, unknown>> = {
  // Known in Zhongshu by login name: lands on the office home.
  "emp-1001": { preferred_username: "zhaolei", name: "赵磊", email: "zhaolei@idp.example", email_verified: true },
  // Nobody in Zhongshu has this login or e-mail.
  "emp-9999": { preferred_username: "outsider", name: "外来人员", email: "outsider@idp.example", email_verified: true },
};

export type RunningProvider = { issuer: string; close: () => Promise<void> };

export async function startOidcProvider(opts: { port: number; appUrl: string }): Promise<RunningProvider> {
  const issuer = `http://localhost:${opts.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: SSO_CLIENT.id,
        client_secret: SSO_CLIENT.secret,
        redirect_uris: [`${opts.appUrl}/api/auth/callback/sso`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], profile: ["name", "preferred_username"], email: ["email", "email_verified"] },
    cookies: { keys: ["e2e-only-cookie-key"] },
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, ...(SSO_IDENTITIES[id] ?? { preferred_username: id, name: id }) }),
    }),
  });
  // Quiet: the development interactions warn on every start.
  provider.on("server_error", (...args) => console.error("[oidc-provider]", ...args));
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    issuer: `http://localhost:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
