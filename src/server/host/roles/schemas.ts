import { z } from "zod";

export const RoleParamsSchema = z.object({
  roleId: z.string().min(1, "Name the role in the URL."),
});

export const RoleInputSchema = z.strictObject({
  name: z
    .string("Enter the role's name.")
    .trim()
    .min(1, "Enter the role's name.")
    .max(100, "Use at most 100 characters for the role's name."),
  permissions: z
    .array(z.string("Each permission must be text."), {
      error: "Send permissions as a list of permission keys.",
    })
    .max(200, "Send at most 200 permissions."),
});
