import { z } from "zod";
import { NewPasswordSchema } from "../setup/schemas.js";

export const LoginSchema = z.strictObject({
  email: z
    .string("Enter your email address.")
    .trim()
    .toLowerCase()
    .min(1, "Enter your email address.")
    .max(320, "Use at most 320 characters for the email address."),
  password: z
    .string("Enter your password.")
    .min(1, "Enter your password.")
    .max(1000, "Use at most 1000 characters for the password."),
});

export type LoginReq = z.infer<typeof LoginSchema>;

export const PasswordChangeSchema = z.strictObject({
  currentPassword: z
    .string("Enter your current password.")
    .min(1, "Enter your current password.")
    .max(1000, "Use at most 1000 characters for the current password."),
  newPassword: NewPasswordSchema,
});

export type PasswordChangeReq = z.infer<typeof PasswordChangeSchema>;
