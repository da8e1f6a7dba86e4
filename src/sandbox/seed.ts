import { readFileSync } from "node:fs";
import { z } from "zod";
import {
  createMessagingService,
  newMessagingServiceSchema,
} from "./messaging-control-routes.js";
import type { SandboxState } from "./state.js";

const seedNumberSchema = z.object({
  phoneNumber: z.string().regex(/^\+[1-9]\d{6,14}$/),
  friendlyName: z.string().optional(),
  capabilities: z
    .object({
      sms: z.boolean(),
      mms: z.boolean(),
      voice: z.boolean(),
      fax: z.boolean(),
    })
    .partial()
    .optional(),
  smsUrl: z.url({ protocol: /^https?$/ }).optional(),
  smsMethod: z.enum(["GET", "POST"]).optional(),
  messagingServiceSid: z
    .string()
    .regex(/^MG[0-9a-fA-F]{32}$/)
    .optional(),
});

const seedSchema = z.object({
  accounts: z.array(
    z.object({
      accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/),
      authToken: z.string().min(8),
      friendlyName: z.string().optional(),
      numbers: z.array(seedNumberSchema).default([]),
      /** Created after `numbers`, so their phoneNumbers can name them. */
      messagingServices: z.array(newMessagingServiceSchema).default([]),
      optOuts: z.array(z.string()).default([]),
    }),
  ),
});

/**
 * Accounts, numbers, Messaging Services and opt-outs to create when the
 * sandbox starts.
 */
export type SandboxSeed = z.input<typeof seedSchema>;

/** Reads and validates a seed JSON file; throws naming the bad field. */
export function readSeedFile(path: string): SandboxSeed {
  const result = seedSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!result.success) {
    throw new Error(
      `Invalid sandbox seed ${path}: ${z.prettifyError(result.error)}`,
    );
  }

  return result.data;
}

export function applySeed(state: SandboxState, seed: SandboxSeed): void {
  for (const entry of seedSchema.parse(seed).accounts) {
    const account = state.createAccount({
      sid: entry.accountSid,
      authToken: entry.authToken,
      friendlyName: entry.friendlyName,
    });
    for (const number of entry.numbers) state.addNumber(account.sid, number);
    for (const service of entry.messagingServices) {
      createMessagingService(state, account.sid, service);
    }
    state.setOptOuts(account.sid, entry.optOuts);
  }
}
