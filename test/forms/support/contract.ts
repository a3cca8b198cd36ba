/**
 * Reads the process contract (`processes/complaint-handling.md`): its user tasks, with their form ids and
 * the variables each reads and writes, from the markdown tables.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CONTRACT_FILE = path.join(ROOT, 'processes', 'complaint-handling.md');

/** What the contract says about a variable's value, from the words in parentheses after its name. */
export type ContractType =
  | { kind: 'any' }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'list' }
  | { kind: 'object-list'; fields: string[] }
  | { kind: 'date' }
  | { kind: 'date-time' }
  | { kind: 'range'; min: number; max: number };

export interface ContractVariable {
  readonly name: string;
  readonly optional: boolean;
  readonly type: ContractType;
  /** The cell text for this variable, for messages. */
  readonly text: string;
}

export interface ContractUserTask {
  readonly process: string;
  readonly elementId: string;
  readonly formId: string;
  readonly reads: ContractVariable[];
  readonly writes: ContractVariable[];
}

export function readContract(): string {
  return fs.readFileSync(CONTRACT_FILE, 'utf8');
}

/** Every form id the contract mentions (`form \`id\``), wherever it is. */
export function mentionedFormIds(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(/form `([a-z0-9-]+)`/g)].map((m) => m[1]!))];
}

/** Splits at commas outside parentheses and braces. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(' || char === '{') depth++;
    if (char === ')' || char === '}') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** The contents of the top-level parenthesised groups of a text. */
function parenthesised(text: string): string[] {
  const groups: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === ')') {
      depth--;
      if (depth === 0) {
        groups.push(current.trim());
        current = '';
        continue;
      }
    }
    if (depth > 0) current += char;
    if (char === '(') depth++;
  }
  return groups;
}

function typeOf(hints: string[]): ContractType {
  for (const hint of hints) {
    if (hint === 'bool') return { kind: 'boolean' };
    if (/^`\w+`(\/`\w+`)+$/.test(hint))
      return { kind: 'enum', values: [...hint.matchAll(/`(\w+)`/g)].map((m) => m[1]!) };
    const objects = /^list of `?\{([^}]*)\}`?$/.exec(hint);
    if (objects) return { kind: 'object-list', fields: objects[1]!.split(',').map((f) => f.trim()) };
    if (/^list\b/.test(hint)) return { kind: 'list' };
    if (hint === 'date') return { kind: 'date' };
    if (hint === 'date-time') return { kind: 'date-time' };
    const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(hint);
    if (range) return { kind: 'range', min: Number(range[1]), max: Number(range[2]) };
  }
  return { kind: 'any' };
}

/** The variables of a reads/writes cell: backticked names, `?` when optional, and a type from the hints. */
export function parseVariables(cell: string): ContractVariable[] {
  const variables: ContractVariable[] = [];
  for (const part of splitTopLevel(cell)) {
    // `name`, `name?` or `name`?, then hints in parentheses
    const match = /^`(\w+)(\?)?`(\?)?(.*)$/.exec(part);
    if (!match) continue;
    const hints = parenthesised(match[4]!).filter((h) => !/^R-[A-Z]+-\d+/.test(h));
    const optional = match[2] === '?' || match[3] === '?';
    variables.push({ name: match[1]!, optional, type: typeOf(hints), text: part });
  }
  return variables;
}

/** The user tasks of every process table: rows whose kind is `user`. */
export function userTasks(markdown: string): ContractUserTask[] {
  const tasks: ContractUserTask[] = [];
  let process = '';
  let columns: string[] | null = null;
  for (const line of markdown.split('\n')) {
    const heading = /^## `([a-z0-9-]+)`/.exec(line);
    if (heading) {
      process = heading[1]!;
      columns = null;
      continue;
    }
    if (!line.startsWith('|')) {
      columns = null;
      continue;
    }
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (columns === null) {
      columns = cells;
      continue;
    }
    if (cells.every((c) => /^-+$/.test(c))) continue;
    const cell = (name: string) => cells[columns!.indexOf(name)] ?? '';
    if (cell('kind') !== 'user') continue;
    const formId = /form `([a-z0-9-]+)`/.exec(cell('job type / form'))?.[1];
    if (formId === undefined) throw new Error(`user task row without a form: ${line}`);
    tasks.push({
      process,
      elementId: cell('element id').replace(/`/g, ''),
      formId,
      reads: parseVariables(cell('reads')),
      writes: parseVariables(cell('writes')),
    });
  }
  return tasks;
}

/** The corrective-action `action` object's fields, as the contract spells them out. */
export function actionFields(markdown: string): string[] {
  const match = /`action`\s*\n?\s*\(`\{([^}]*)\}`/.exec(markdown);
  if (!match) throw new Error('the contract does not describe the action object');
  return match[1]!.split(',').map((f) => f.trim());
}
