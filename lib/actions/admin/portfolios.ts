"use server";
import { z } from "zod";
import { positiveId } from "@/lib/domain/input-kit";
import { portfolioInput, version } from "@/lib/domain/schemas";
import { createPortfolio, deletePortfolio, updatePortfolio } from "@/lib/dal/portfolios";
import { formAction } from "../form";

const idAndVersion = z.object({ id: positiveId, version });

export const createPortfolioAction = formAction(portfolioInput, async (actor, data) => {
  await createPortfolio(actor, data);
  return "portfolios.created";
}, { revalidate: "/admin" });

// portfolioInput is refined, so it cannot be extended: the id and version are parsed alongside.
export const updatePortfolioAction = formAction(z.intersection(portfolioInput, idAndVersion), async (actor, { id, version, ...data }) => {
  await updatePortfolio(actor, id, version, data);
}, { revalidate: "/admin" });

export const deletePortfolioAction = formAction(idAndVersion, async (actor, { id, version }) => {
  await deletePortfolio(actor, id, version);
  return "portfolios.deleted";
}, { revalidate: "/admin" });
