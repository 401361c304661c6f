import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/styles";

/** The office's way in to registering an item, for home cards. */
export async function RegisterItemLink() {
  const t = await getTranslations("items");
  return (
    <Link href="/office/items/new" className={buttonClass("primary")} data-testid="register-item-link">
      {t("register.title")}
    </Link>
  );
}
