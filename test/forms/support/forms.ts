import fs from 'node:fs';
import path from 'node:path';
import { validateFormFile, type FormSchema } from '../../../src/forms/form-schema.js';
import { ROOT } from './contract.js';

export const FORMS_DIR = path.join(ROOT, 'forms');

/** The `.form` files of `forms/`, by file name. */
export function formFiles(): string[] {
  return fs
    .readdirSync(FORMS_DIR)
    .filter((name) => name.endsWith('.form'))
    .sort();
}

export function formText(fileName: string): string {
  return fs.readFileSync(path.join(FORMS_DIR, fileName), 'utf8');
}

/** A form by id, validated; throws with the problems when it is not valid. */
export function loadForm(id: string): FormSchema {
  const result = validateFormFile(formText(`${id}.form`));
  if (!result.ok) throw new Error(`${id}.form is not valid:\n${result.problems.join('\n')}`);
  return result.form;
}
