import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connect.js';

/** What the HTTP layer is built from; routes receive it explicitly (no decorated repositories). */
export interface AppDeps {
  db: Db;
  config: Config;
  clock: Clock;
}
