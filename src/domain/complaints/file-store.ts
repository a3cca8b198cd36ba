/**
 * Where the files of complaints' attachments are kept. The database holds each file's key and
 * SHA-256; the bytes live in a `FileStore`, on disk by default (`LocalFileStore`).
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface FileStore {
  /** Stores `content` under `key`, replacing what was there; readers see the old or the new file whole. */
  put(key: string, content: Uint8Array): Promise<void>;
  /** The content stored under `key`, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  exists(key: string): Promise<boolean>;
}

/** A key a store refuses: keys are relative paths of plain names (`ab/ab12…`), never `..` or absolute. */
export class InvalidStorageKeyError extends Error {
  override readonly name: string = 'InvalidStorageKeyError';
  constructor(readonly key: string) {
    super(`invalid storage key ${JSON.stringify(key)}`);
  }
}

/** Up to 8 segments of letters, digits, `.`, `_`, `-`, each starting with a letter or digit. */
const STORAGE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}(?:\/[A-Za-z0-9][A-Za-z0-9._-]{0,127}){0,7}$/;

export function isStorageKey(key: string): boolean {
  return STORAGE_KEY.test(key);
}

/** The content address of a file: `<first two hex digits>/<sha256>`. */
export function contentAddress(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256 in lower-case hex: ${sha256}`);
  return `${sha256.slice(0, 2)}/${sha256}`;
}

export const STORED_FILE_MODE = 0o640;
export const STORE_DIRECTORY_MODE = 0o750;

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const DIRECTORY = constants.O_DIRECTORY ?? 0;

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/**
 * Files under one root directory, a key being a path below it. Writes go to a temporary file in
 * the target directory, are flushed, then renamed over the target; files are 0640, directories
 * 0750. No key reaches outside the root: keys are checked, and a directory or file on the way that
 * is a symbolic link is refused rather than followed.
 */
export class LocalFileStore implements FileStore {
  readonly rootDir: string;

  constructor(rootDir: string) {
    this.rootDir = path.resolve(rootDir);
  }

  async put(key: string, content: Uint8Array): Promise<void> {
    const { dirs, name } = this.split(key);
    const dir = await this.directory(dirs, true);
    if (dir === undefined)
      throw new Error(`file store ${this.rootDir}: could not create the directory of ${key}`);
    const temp = path.join(dir, `.${name}.${randomBytes(8).toString('hex')}.tmp`);
    const file = await fs.open(
      temp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW,
      STORED_FILE_MODE,
    );
    try {
      try {
        await file.writeFile(content);
        await file.chmod(STORED_FILE_MODE); // whatever the umask
        await file.sync();
      } finally {
        await file.close();
      }
      await fs.rename(temp, path.join(dir, name));
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    const handle = await fs.open(dir, constants.O_RDONLY | DIRECTORY);
    try {
      await handle.sync(); // the rename itself survives a crash
    } finally {
      await handle.close();
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    const { dirs, name } = this.split(key);
    const dir = await this.directory(dirs, false);
    if (dir === undefined) return undefined;
    let file: fs.FileHandle;
    try {
      file = await fs.open(path.join(dir, name), constants.O_RDONLY | NO_FOLLOW);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      if (errorCode(error) === 'ELOOP') throw new Error(`file store ${this.rootDir}: ${key} is a link`);
      throw error;
    }
    try {
      if (!(await file.stat()).isFile()) throw new Error(`file store ${this.rootDir}: ${key} is not a file`);
      return await file.readFile();
    } finally {
      await file.close();
    }
  }

  async exists(key: string): Promise<boolean> {
    const { dirs, name } = this.split(key);
    const dir = await this.directory(dirs, false);
    if (dir === undefined) return false;
    const stat = await fs.lstat(path.join(dir, name)).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    });
    return stat?.isFile() ?? false;
  }

  private split(key: string): { dirs: string[]; name: string } {
    if (!isStorageKey(key)) throw new InvalidStorageKeyError(key);
    const dirs = key.split('/');
    const name = dirs.pop();
    if (name === undefined || dirs.some((d) => d === '.' || d === '..') || name === '..' || name === '.') {
      throw new InvalidStorageKeyError(key);
    }
    return { dirs, name };
  }

  /** The real directory that holds a key's file, made when `create`; undefined when it does not exist. */
  private async directory(dirs: readonly string[], create: boolean): Promise<string | undefined> {
    if (create) await fs.mkdir(this.rootDir, { recursive: true, mode: STORE_DIRECTORY_MODE });
    let dir: string;
    try {
      dir = await fs.realpath(this.rootDir);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    for (const segment of dirs) {
      dir = path.join(dir, segment);
      if (create) {
        try {
          await fs.mkdir(dir, { mode: STORE_DIRECTORY_MODE });
          const handle = await fs.open(dir, constants.O_RDONLY | DIRECTORY | NO_FOLLOW);
          try {
            await handle.chmod(STORE_DIRECTORY_MODE); // whatever the umask
          } finally {
            await handle.close();
          }
        } catch (error) {
          if (errorCode(error) !== 'EEXIST') throw error;
        }
      }
      const stat = await fs.lstat(dir).catch((error: unknown) => {
        if (errorCode(error) === 'ENOENT') return undefined;
        throw error;
      });
      if (stat === undefined) return undefined;
      if (!stat.isDirectory()) {
        throw new Error(`file store ${this.rootDir}: ${dir} is not a directory (a link is not followed)`);
      }
    }
    return dir;
  }
}
