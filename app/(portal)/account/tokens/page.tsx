import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/dal/session";
import { listMyTokens } from "@/lib/dal/api-tokens";
import { createTokenAction, revokeTokenAction } from "@/lib/actions/api";
import { Card, PageHeader } from "@/components/ui/card";
import { TokenForm } from "@/components/api/token-form";
import { TokenTable } from "@/components/api/token-table";

export async function generateMetadata() {
  return { title: (await getTranslations("api"))("tokens.title") };
}

/** My API tokens: list, create (shown once), revoke. */
export default async function MyTokensPage() {
  const actor = await requireActor();
  const [t, tokens] = await Promise.all([getTranslations("api"), listMyTokens(actor)]);
  return (
    <>
      <PageHeader
        title={t("tokens.title")}
        description={t("tokens.description")}
        actions={
          <Link href="/api-docs" className="text-sm text-brand-600 hover:underline">
            {t("docs.link")}
          </Link>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <Card title={t("tokens.list")}>
          <TokenTable tokens={tokens} revoke={revokeTokenAction} />
        </Card>
        <Card title={t("tokens.new")}>
          <TokenForm action={createTokenAction} />
        </Card>
      </div>
    </>
  );
}
