import type { FastifyBaseLogger } from "fastify";
import type { Bindings, Logger } from "pino";

type BindableLogger = FastifyBaseLogger & Partial<Pick<Logger, "setBindings">>;

/** The company id each logger was given by withCompanyId. */
const companyOf = new WeakMap<FastifyBaseLogger, string>();

/**
 * Returns `log` with `bindings` added to every later line. Fastify gives
 * each request its own child of the app's pino logger. Extending that
 * child's bindings costs a fraction of creating a child of it, which takes
 * several µs with the app's redaction paths, so the logger itself is
 * extended when it can be. Any other logger gets a child.
 */
export function bindLog(
  log: FastifyBaseLogger,
  bindings: Bindings,
): FastifyBaseLogger {
  const bindable: BindableLogger = log;
  if (!bindable.setBindings) return log.child(bindings);

  bindable.setBindings(bindings);

  return log;
}

/**
 * Returns `log` with the company id bound, once: a logger that already
 * carries this company id is returned as it is, and one that carries
 * another company's gets a child.
 */
export function withCompanyId(
  log: FastifyBaseLogger,
  companyId: string,
): FastifyBaseLogger {
  const bound = companyOf.get(log);
  if (bound === companyId) return log;

  const companyLog =
    bound === undefined
      ? bindLog(log, { companyId })
      : log.child({ companyId });
  companyOf.set(companyLog, companyId);

  return companyLog;
}
