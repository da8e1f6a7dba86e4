/** Receives the id of a company whose settings, connection or plugins changed. */
export type CompanyChangeListener = (companyId: string) => void;

const listeners = new Set<CompanyChangeListener>();

/**
 * Registers a listener for host-level company changes (country, Twilio
 * connection, plugin installation), so a plugin can drop what it cached
 * about the company. Listeners run in this process only, after the
 * writer's statements finish (before the commit when the writer runs in a
 * caller's transaction). Returns a function that removes the listener.
 */
export function onCompanyChanged(listener: CompanyChangeListener): () => void {
  listeners.add(listener);

  return () => listeners.delete(listener);
}

/** Tells every listener that the company changed. */
export function announceCompanyChanged(companyId: string): void {
  for (const listener of listeners) listener(companyId);
}
