"use server";
import { z } from "zod";
import { markAllRead } from "@/lib/dal/notifications";
import { formAction } from "./form";

export const markAllReadAction = formAction(z.object({}), async (actor) => {
  await markAllRead(actor);
  return "notifications.allRead";
}, { revalidate: "/" });
