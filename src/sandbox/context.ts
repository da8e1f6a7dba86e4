import type { FastifyBaseLogger } from "fastify";
import type { MessageLifecycle } from "./message-lifecycle.js";
import type { WebhookSender } from "./signed-request.js";
import type { SandboxState } from "./state.js";

/** The state and services that the sandbox's routes share. */
export interface SandboxContext {
  state: SandboxState;
  lifecycle: MessageLifecycle;
  sender: WebhookSender;
  logger: FastifyBaseLogger;
}
