import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * A random secret kept in a file only its owner can read: made on first use, read back afterwards,
 * so that it survives restarts (the embedded PostgreSQL's superuser password, the key that signs
 * the public form's tokens).
 */
export async function readOrCreateSecret(file: string, bytes: number): Promise<string> {
  if (existsSync(file)) return (await fs.readFile(file, 'utf8')).trim();
  const secret = randomBytes(bytes).toString('base64url');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, secret + '\n', { mode: 0o600 });
  return secret;
}
