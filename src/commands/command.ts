import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

export interface CommandContext {
  readonly config: Config;
  readonly log: Logger;
  readonly args: readonly string[];
}

export interface Command {
  readonly summary: string;
  /** Resolves to the process exit code. */
  run(ctx: CommandContext): Promise<number>;
}
