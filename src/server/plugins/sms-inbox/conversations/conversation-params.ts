import { z } from "zod";

/** Route parameters of `/conversations/:id/...`. */
export const ConversationParamsSchema = z.object({ id: z.string().min(1) });
