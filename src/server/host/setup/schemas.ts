import { z } from "zod";
import { CompanyNameSchema, CountryCodeSchema } from "../company/schemas.js";

export const EmailSchema = z
  .string("Enter an email address.")
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address, such as ada@example.com."));

export const NewPasswordSchema = z
  .string("Enter a password.")
  .min(10, "Use a password of at least 10 characters.")
  .max(1000, "Use a password of at most 1000 characters.");

export const SetupRequestSchema = z.strictObject({
  companyName: CompanyNameSchema,
  country: CountryCodeSchema.default("US"),
  ownerName: z
    .string("Enter the owner's name.")
    .trim()
    .min(1, "Enter the owner's name.")
    .max(100, "Use at most 100 characters for the owner's name."),
  ownerEmail: EmailSchema,
  password: NewPasswordSchema,
});

export type SetupRequestReq = z.infer<typeof SetupRequestSchema>;
