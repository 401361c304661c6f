import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/dal/session";
import { API_ENDPOINTS } from "@/lib/api/catalog";
import { appConfig } from "@/lib/config";
import { SCOPES } from "@/lib/domain/api/scopes";
import { WEBHOOK_EVENTS } from "@/lib/domain/api/events";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";

export async function generateMetadata() {
  return { title: (await getTranslations("api"))("docs.title") };
}

const ERROR_CODES = [
  ["400", "invalid_request"],
  ["400", "invalid_json"],
  ["401", "invalid_token"],
  ["403", "insufficient_scope"],
  ["403", "forbidden"],
  ["404", "not_found"],
  ["409", "conflict"],
  ["409", "wrong_state"],
  ["413", "payload_too_large"],
  ["415", "unsupported_media_type"],
  ["422", "domain"],
  ["429", "rate_limited"],
  ["500", "internal_error"],
] as const;

const VERIFY_EXAMPLE = `// Node.js: check a delivery before trusting it
import { createHmac, timingSafeEqual } from "node:crypto";

function verify(secret, headers, rawBody) {
  const timestamp = headers["x-zhongshu-timestamp"];
  const expected = "sha256=" + createHmac("sha256", secret).update(\`\${timestamp}.\${rawBody}\`).digest("hex");
  const given = String(headers["x-zhongshu-signature"] ?? "");
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
  return fresh && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}`;

const Code = ({ children }: { children: string }) => <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">{children}</pre>;

/** The integration API's reference: authentication, scopes, every endpoint with a curl example, errors, limits and webhooks. */
export default async function ApiDocsPage() {
  await requireActor();
  const t = await getTranslations("api");
  const base = appConfig.publicUrl ?? "https://zhongshu.example.edu.cn";
  return (
    <>
      <PageHeader
        title={t("docs.title")}
        description={t("docs.description")}
        actions={
          <>
            <a href="/api/v1/openapi.json" className="text-sm text-brand-600 hover:underline">
              {t("docs.openapi")}
            </a>
            <Link href="/account/tokens" className="text-sm text-brand-600 hover:underline">
              {t("docs.tokensLink")}
            </Link>
          </>
        }
      />
      <div className="space-y-4">
        <Card title={t("docs.authTitle")}>
          <div className="space-y-3 text-sm text-slate-700">
            <p>{t("docs.auth")}</p>
            <Code>{`curl -H "Authorization: Bearer zs_…" ${base}/api/v1/departments`}</Code>
            <p>{t("docs.actsAs")}</p>
            <Table caption={t("docs.scopesTitle")} head={[t("docs.scope"), t("docs.allows")]}>
              {SCOPES.map((s) => (
                <tr key={s}>
                  <Td className="font-mono text-xs whitespace-nowrap">{s}</Td>
                  <Td>{t(`scopes.${s.replace(":", "_")}`)}</Td>
                </tr>
              ))}
            </Table>
          </div>
        </Card>

        <Card title={t("docs.endpointsTitle")}>
          <div className="space-y-6">
            {API_ENDPOINTS.map((e) => (
              <section key={e.key} id={e.key} aria-labelledby={`${e.key}-title`} className="space-y-2">
                <h3 id={`${e.key}-title`} className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
                  <Badge tone={e.method === "GET" ? "green" : "amber"}>{e.method}</Badge>
                  <code className="font-mono">{e.path}</code>
                  <Badge tone="brand">{e.scope}</Badge>
                </h3>
                <p className="text-sm text-slate-700">{t(`docs.endpoints.${e.key}`)}</p>
                <Code>{e.example.replaceAll("https://zhongshu.example.edu.cn", base)}</Code>
              </section>
            ))}
          </div>
        </Card>

        <Card title={t("docs.errorsTitle")}>
          <div className="space-y-3 text-sm text-slate-700">
            <p>{t("docs.errors")}</p>
            <Code>{`{ "error": { "code": "invalid_request", "message": "…", "fields": { "title": "…" } } }`}</Code>
            <Table caption={t("docs.errorsTitle")} head={[t("docs.status"), t("docs.code"), t("docs.meaning")]}>
              {ERROR_CODES.map(([status, code]) => (
                <tr key={`${status}-${code}`}>
                  <Td className="tabular-nums">{status}</Td>
                  <Td className="font-mono text-xs">{code === "domain" ? t("docs.domainCode") : code}</Td>
                  <Td>{t(`docs.codes.${code}`)}</Td>
                </tr>
              ))}
            </Table>
          </div>
        </Card>

        <Card title={t("docs.limitsTitle")}>
          <p className="text-sm text-slate-700">{t("docs.limits", { perToken: appConfig.apiRatePerToken, perAddress: appConfig.apiRatePerAddress })}</p>
        </Card>

        <Card title={t("docs.webhooksTitle")}>
          <div className="space-y-3 text-sm text-slate-700">
            <p>{t("docs.webhooks")}</p>
            <ul className="flex flex-wrap gap-1">
              {WEBHOOK_EVENTS.map((e) => (
                <li key={e}>
                  <Badge tone="brand">{e}</Badge>
                </li>
              ))}
            </ul>
            <Code>{`POST <your URL>
Content-Type: application/json
X-Zhongshu-Event: item.created
X-Zhongshu-Delivery: 1042
X-Zhongshu-Timestamp: 1767225600
X-Zhongshu-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">

{"id":1042,"event":"item.created","createdAt":"2026-01-01T00:00:00.000Z","data":{"itemId":42,"number":"督〔2026〕5号","title":"…","state":"draft","urgency":"urgent","major":false,"dueOn":"2026-01-15","leadDepartmentId":3}}`}</Code>
            <p>{t("docs.webhookRetries")}</p>
            <Code>{VERIFY_EXAMPLE}</Code>
          </div>
        </Card>
      </div>
    </>
  );
}
