import type { FastifyInstance } from "fastify";
import type { CustomerPage } from "../../../common/customer-api.js";
import { requireAuth } from "../../auth/guard.js";
import type { AppContext } from "../../context.js";
import { cutKeysetPage, decodeCursor } from "../../http/keyset-cursor.js";
import { EmptyBodySchema, parseInput } from "../../http/validate.js";
import { requireAdminActor } from "../audit/admin-actor.js";
import { findCompany } from "../company/company-store.js";
import { searchCustomers } from "./customer-search.js";
import { addCustomer, editCustomer, removeCustomer } from "./customer-admin.js";
import { registerCustomerImportRoutes } from "./import-routes.js";
import { presentCustomer } from "./present-customer.js";
import {
  CustomerInputSchema,
  CustomerListQuerySchema,
  CustomerParamsSchema,
} from "./schemas.js";

const DEFAULT_PAGE_SIZE = 50;

/**
 * Mounts the customer routes. Any signed-in staff member may list and
 * search, because the inbox shows customers to everyone; changes need
 * "Manage company".
 */
export function registerCustomerRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.get("/api/customers", async (request): Promise<CustomerPage> => {
    const auth = requireAuth(request);
    const query = parseInput(CustomerListQuerySchema, request.query);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const company = await findCompany(ctx.db, auth.companyId);
    // One extra row shows whether another page follows.
    const rows = await searchCustomers(ctx.db, {
      companyId: auth.companyId,
      country: company.country,
      text: query.q ?? "",
      after: query.cursor ? decodeCursor(query.cursor, "cursor") : null,
      limit: limit + 1,
    });
    const page = cutKeysetPage(rows, limit, (row) => ({
      at: row.name,
      id: row.id,
    }));

    return {
      customers: page.rows.map(presentCustomer),
      nextCursor: page.nextCursor,
    };
  });

  app.post("/api/customers", async (request, reply) => {
    const actor = requireAdminActor(request);
    const input = parseInput(CustomerInputSchema, request.body);
    const created = await addCustomer(ctx, actor, input);

    return reply.code(201).send(presentCustomer(created));
  });

  app.put("/api/customers/:id", async (request) => {
    const actor = requireAdminActor(request);
    const { id } = parseInput(CustomerParamsSchema, request.params);
    const input = parseInput(CustomerInputSchema, request.body);
    const updated = await editCustomer(ctx, actor, id, input);

    return presentCustomer(updated);
  });

  app.delete("/api/customers/:id", async (request, reply) => {
    const actor = requireAdminActor(request);
    const { id } = parseInput(CustomerParamsSchema, request.params);
    parseInput(EmptyBodySchema, request.body);
    await removeCustomer(ctx, actor, id);

    return reply.code(204).send();
  });

  void app.register(async (scope) => registerCustomerImportRoutes(scope, ctx));
}
