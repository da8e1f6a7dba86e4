import type { Migration } from "kysely";
import * as initial from "./20261204_0001_initial.js";

/** Every migration, keyed by a name that sorts in the order they apply. */
export const migrations: Record<string, Migration> = {
  "20261204_0001_initial": initial,
};
