"use server";
import { z } from "zod";
import { positiveId } from "@/lib/domain/input-kit";
import { departmentInput, version } from "@/lib/domain/schemas";
import { createDepartment, setDepartmentActive, updateDepartment } from "@/lib/dal/departments";
import { formAction } from "../form";

const idAndVersion = z.object({ id: positiveId, version });

export const createDepartmentAction = formAction(departmentInput, async (actor, data) => {
  await createDepartment(actor, data);
  return "admin.departments.created";
}, { revalidate: "/admin" });

export const updateDepartmentAction = formAction(departmentInput.extend(idAndVersion.shape), async (actor, { id, version, ...data }) => {
  await updateDepartment(actor, id, version, data);
}, { revalidate: "/admin" });

export const setDepartmentActiveAction = formAction(
  idAndVersion.extend({ active: z.enum(["true", "false"]).transform((v) => v === "true") }),
  async (actor, { id, version, active }) => {
    await setDepartmentActive(actor, id, version, active);
  },
  { revalidate: "/admin" },
);
