import type { FastifyRequest } from "fastify";
import type { AppContext } from "../../../context.js";
import {
  isValidTwilioSignature,
  signedWebhookUrl,
  type WebhookParams,
} from "../../../twilio/signature.js";
import type { WebhookCompany } from "./company-resolver.js";
import { isFormContentType } from "./webhook-request.js";
import { rejectWebhook } from "./webhook-rejection.js";

/**
 * Maximum size of a webhook or status callback body, in bytes. Fastify
 * rejects a larger body with 413. Twilio's largest posts, a 1,600-character
 * body with ten media URLs, stay well below it once form-encoded.
 */
export const TWILIO_BODY_LIMIT = 64 * 1024;

/** An onRequest hook that rejects bodies Twilio would not send. */
export async function requireFormBody(request: FastifyRequest): Promise<void> {
  if (!isFormContentType(request.headers["content-type"])) {
    throw rejectWebhook(request.log, "unsupported_media_type");
  }
}

/** Returns the X-Twilio-Signature header, rejecting a request without one. */
export function requireSignatureHeader(request: FastifyRequest): string {
  const signature = request.headers["x-twilio-signature"];
  if (typeof signature !== "string" || signature === "") {
    throw rejectWebhook(request.log, "missing_signature");
  }

  return signature;
}

/** Rejects a request not signed with the company's auth token. */
export function verifySignature(
  ctx: AppContext,
  request: FastifyRequest,
  company: WebhookCompany,
  signature: string,
  params: WebhookParams,
): void {
  if (!isSignedFor(ctx, request, company, signature, params)) {
    throw rejectWebhook(request.log, "invalid_signature");
  }
}

/** Checks the request's signature against the company's auth token. */
export function isSignedFor(
  ctx: AppContext,
  request: FastifyRequest,
  company: WebhookCompany,
  signature: string,
  params: WebhookParams,
): boolean {
  const url = signedWebhookUrl(ctx.config.publicUrl, request.url);

  return isValidTwilioSignature(
    company.connection.authToken,
    signature,
    url,
    params,
  );
}
