import { z } from "zod";

export const TwilioConnectionUpdateSchema = z.strictObject({
  accountSid: z
    .string("Enter the Account SID.")
    .trim()
    .regex(
      /^AC[0-9a-fA-F]{32}$/,
      "An Account SID is AC followed by 32 hexadecimal characters. Copy it from the Twilio Console.",
    ),
  authToken: z
    .string("Enter the auth token as text.")
    .trim()
    .regex(
      /^[0-9a-fA-F]{32}$/,
      "An auth token is 32 hexadecimal characters. Copy it from the Twilio Console.",
    )
    .optional(),
  defaultNumber: z
    .string("Enter the default number.")
    .trim()
    .min(1, "Enter the number the company texts from, such as +14155550100."),
});

export type TwilioConnectionUpdateReq = z.infer<
  typeof TwilioConnectionUpdateSchema
>;
