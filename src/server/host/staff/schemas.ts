import { z } from "zod";
import { EmailSchema, NewPasswordSchema } from "../setup/schemas.js";

export const StaffParamsSchema = z.object({
  staffId: z.string().min(1, "Name the staff member in the URL."),
});

const StaffNameSchema = z
  .string("Enter the staff member's name.")
  .trim()
  .min(1, "Enter the staff member's name.")
  .max(100, "Use at most 100 characters for the name.");

const RoleIdSchema = z.string("Choose a role.").min(1, "Choose a role.");

const LocationIdsSchema = z
  .array(z.string("Each location id must be text."), {
    error: "Send locationIds as a list of location ids.",
  })
  .max(1000, "Send at most 1000 location ids.");

export const NewStaffSchema = z.strictObject({
  name: StaffNameSchema,
  email: EmailSchema,
  roleId: RoleIdSchema,
  locationIds: LocationIdsSchema,
  password: NewPasswordSchema.optional(),
});

export const StaffUpdateSchema = z.strictObject({
  name: StaffNameSchema.optional(),
  /** Accepted only when it is the current email, which cannot change. */
  email: z.string("Send email as text.").trim().toLowerCase().optional(),
  roleId: RoleIdSchema.optional(),
  locationIds: LocationIdsSchema.optional(),
});
