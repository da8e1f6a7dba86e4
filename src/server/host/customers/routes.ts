import type { FastifyInstance } from "fastify";
import type { Customer } from "../../../common/api.js";
import { requireAuth } from "../../auth/guard.js";
import type { AppContext } from "../../context.js";
import { listCustomers } from "./customer-store.js";
import { presentCustomer } from "./present-customer.js";

export function registerCustomerRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): void {
  app.get("/api/customers", async (request) => {
    const auth = requireAuth(request);

    const rows = await listCustomers(ctx.db, auth.companyId);
    const customers: Customer[] = rows.map(presentCustomer);

    return { customers };
  });
}
