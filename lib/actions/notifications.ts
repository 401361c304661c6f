"use server";
import { z } from "zod";
import { markAllRead, markRead } from "@/lib/dal/notifications";
import { markReadInput } from "@/lib/domain/notifications/inputs";
import { formAction } from "./form";

export const markAllReadAction = formAction(z.object({}), async (actor) => {
  await markAllRead(actor);
  return "notifications.allRead";
}, { revalidate: "/" });

/** Form field: id (the notification's). Only one's own; another's is "not found". */
export const markReadAction = formAction(markReadInput, async (actor, { id }) => {
  await markRead(actor, id);
  return "notifications.markedRead";
}, { revalidate: "/" });
