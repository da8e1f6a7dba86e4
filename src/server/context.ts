import type { Config } from "./config.js";
import type { SecretBox } from "./crypto/secret-box.js";
import type { Db } from "./db/database.js";
import type { Logger } from "./logger.js";

/** What every route module and service receives from the composition root. */
export interface AppContext {
  readonly config: Config;
  readonly db: Db;
  readonly logger: Logger;
  readonly secretBox: SecretBox;
}
