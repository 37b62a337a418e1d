import type { Config } from '../../config.js';
import type { Db } from '../../db/types.js';

/** What every module's routes receive. */
export interface AppDeps {
  db: Db;
  config: Config;
}
