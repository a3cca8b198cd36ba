#!/usr/bin/env node
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import type { Command } from './commands/command.js';
import { verifyCommand } from './commands/audit-verify.js';
import { deployCommand } from './commands/deploy.js';
import { engineCommand } from './commands/engine.js';
import { mailsCommand } from './commands/mails.js';
import { migrateCommand } from './commands/migrate.js';
import { seedCommand } from './commands/seed.js';
import { startCommand } from './commands/start.js';
import { workersCommand } from './commands/workers.js';

// Later parts of the system register here (web).
const commands: Record<string, Command> = {
  start: { summary: 'run the whole system: database, migrations, demo data on first run', run: startCommand },
  migrate: {
    summary: 'apply pending migrations (migrate down: revert all; migrate status)',
    run: migrateCommand,
  },
  seed: { summary: 'load demo data into an empty database (never in production)', run: seedCommand },
  engine: {
    summary: 'only the engine REST API (--port N, --ephemeral: throw-away database, --clock-control)',
    run: engineCommand,
  },
  deploy: {
    summary:
      'deploy every process and form to the configured engine (embedded one running, or CAMUNDA_REST_ADDRESS)',
    run: deployCommand,
  },
  workers: { summary: 'only the job workers, against the configured engine', run: workersCommand },
  mails: {
    summary: 'list the e-mails caught locally when SMTP_URL is unset (--show N prints one)',
    run: mailsCommand,
  },
  'audit-verify': {
    summary: 'check the audit trail hash chain; exit 1 when it was tampered with',
    run: verifyCommand,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    'usage: npm run cli -- <command> [args]',
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`${name ? `unknown command: ${name}\n\n` : ''}${usage()}\n`);
    return name === undefined || name === 'help' || name === '--help' ? 0 : 2;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const log = createLogger(config);
  try {
    return await command.run({ config, log, args });
  } catch (error) {
    log.fatal({ err: error }, `${name} failed: ${(error as Error).message}`);
    return 1;
  } finally {
    log.flush();
  }
}

process.exitCode = await main(process.argv.slice(2));
