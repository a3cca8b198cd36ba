import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { formFields, type FormField, type FormSchema } from '../../src/forms/form-schema.js';
import {
  actionFields,
  mentionedFormIds,
  readContract,
  ROOT,
  userTasks,
  type ContractType,
  type ContractUserTask,
} from './support/contract.js';
import { formFiles, loadForm } from './support/forms.js';

const contract = readContract();
const tasks = userTasks(contract);
const formIds = formFiles().map((file) => file.replace(/\.form$/, ''));

/**
 * Options lists the forms take from process variables that the contract does not list yet among the task's
 * reads (see the report to the contract owner): units (value = unit id), staff (value = staff id) and staff
 * by username (value = username), for the review, SG decision and corrective-action owner selects.
 */
const OPTIONS_NOT_YET_IN_CONTRACT = ['unitOptions', 'staffOptions', 'staffUsernameOptions'];

/** Variables a task reads that its form does not show: identifiers. */
const READ_BUT_NOT_SHOWN = ['complaintId', 'correctiveActionId'];

const editable = (field: FormField) => field.readonly === false && field.disabled === false;

/** Why a field does not fit what the contract says of the variable, or null when it does. */
function mismatch(fields: readonly FormField[], name: string, type: ContractType): string | null {
  const own = fields.filter((f) => f.variable === name && editable(f));
  if (own.length === 0) return `no editable field writes '${name}'`;
  const whole = own.find((f) => f.key === name);
  const options = (f: FormField) => [...(f.options ?? [])].map((o) => o.value).sort();
  switch (type.kind) {
    case 'any':
      return null;
    case 'boolean':
      return whole?.valueType === 'boolean' ? null : `'${name}' should be a checkbox (bool)`;
    case 'enum':
      if (whole?.valueType !== 'option') return `'${name}' should be a select or radio`;
      return JSON.stringify(options(whole)) === JSON.stringify([...type.values].sort())
        ? null
        : `'${name}' offers ${options(whole).join('/')}, the contract says ${type.values.join('/')}`;
    case 'list':
      return whole?.valueType === 'options' || whole?.valueType === 'list'
        ? null
        : `'${name}' should be a list`;
    case 'object-list': {
      if (whole?.type !== 'dynamiclist') return `'${name}' should be a dynamic list`;
      const keys = [...new Set((whole.items ?? []).map((f) => f.variable))].sort();
      return JSON.stringify(keys) === JSON.stringify([...type.fields].sort())
        ? null
        : `'${name}' items have ${keys.join(', ')}, the contract says ${type.fields.join(', ')}`;
    }
    case 'date':
      return whole?.valueType === 'date' ? null : `'${name}' should be a date field`;
    case 'date-time':
      return whole?.valueType === 'date-time' ? null : `'${name}' should be a date and time field`;
    case 'range':
      return whole?.valueType === 'number' && whole.min === type.min && whole.max === type.max
        ? null
        : `'${name}' should be a number from ${type.min} to ${type.max}`;
  }
}

function taskFor(formId: string): ContractUserTask {
  const task = tasks.find((t) => t.formId === formId);
  if (!task) throw new Error(`no user task uses ${formId}`);
  return task;
}

/** Whether a form shows a variable: as a field, as the source of options, or in a text or condition. */
function shows(form: FormSchema, name: string): boolean {
  const fields = formFields(form);
  if (fields.some((f) => f.key === name || f.optionsKey === name)) return true;
  return new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}|=.*\\b${name}\\b`).test(JSON.stringify(form.components));
}

describe('forms and the process contract (processes/complaint-handling.md)', () => {
  it('the contract tables list the user tasks of both processes', () => {
    expect(new Set(tasks.map((t) => t.process))).toEqual(
      new Set(['complaint-handling', 'corrective-action']),
    );
    expect(tasks.map((t) => t.formId).sort()).toEqual(mentionedFormIds(contract).sort());
  });

  it('every form id the contract mentions has a form file', () => {
    const missing = mentionedFormIds(contract).filter((id) => !formIds.includes(id));
    expect(missing).toEqual([]);
  });

  it('R-CMP-14 every variable a user task writes is an editable field of its form, with a compatible type', () => {
    const problems = tasks.flatMap((task) => {
      const fields = formFields(loadForm(task.formId));
      return task.writes
        .map((v) => mismatch(fields, v.name, v.type))
        .filter((p): p is string => p !== null)
        .map((p) => `${task.elementId} (${task.formId}): ${p}`);
    });
    expect(problems).toEqual([]);
  });

  it('R-CMP-14 a form writes nothing the contract does not list: its other fields are read-only context', () => {
    const extra = tasks.flatMap((task) => {
      const written = new Set(task.writes.map((v) => v.name));
      return formFields(loadForm(task.formId))
        .filter((f) => editable(f) && !written.has(f.variable))
        .map((f) => `${task.formId}: ${f.key}`);
    });
    expect(extra).toEqual([]);
  });

  it('each variable a user task reads is shown on its form (ids aside)', () => {
    const hidden = tasks.flatMap((task) => {
      const form = loadForm(task.formId);
      return task.reads
        .filter((v) => !READ_BUT_NOT_SHOWN.includes(v.name) && !shows(form, v.name))
        .map((v) => `${task.formId}: ${v.name}`);
    });
    expect(hidden).toEqual([]);
  });

  it('options lists come from variables the task reads (or the listed ones the contract still lacks)', () => {
    const unknown = tasks.flatMap((task) => {
      const reads = task.reads.map((v) => v.name);
      return formFields(loadForm(task.formId))
        .flatMap((f) => [f, ...(f.items ?? [])])
        .map((f) => f.optionsKey)
        .filter((key): key is string => key !== undefined)
        .filter((key) => !reads.includes(key) && !OPTIONS_NOT_YET_IN_CONTRACT.includes(key))
        .map((key) => `${task.formId}: ${key}`);
    });
    expect(unknown).toEqual([]);
  });

  it('every formId linked in processes/*.bpmn has a form file', () => {
    const dir = path.join(ROOT, 'processes');
    const linked = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.bpmn'))
      .flatMap((name) =>
        [...fs.readFileSync(path.join(dir, name), 'utf8').matchAll(/formId="([^"]+)"/g)].map((m) => ({
          file: name,
          formId: m[1]!,
        })),
      )
      .filter((link) => !link.formId.startsWith('='));
    const missing = linked
      .filter((link) => !formIds.includes(link.formId))
      .map((l) => `${l.file}: ${l.formId}`);
    expect(missing).toEqual([]);
  });

  it('R-CMP-05 the handler-assignment select takes its options from handlerOptions and shows why the previous choice was refused', () => {
    expect(taskFor('complaint-handler-assignment').reads.map((v) => v.name)).toContain('handlerOptions');
    const form = loadForm('complaint-handler-assignment');
    const handler = formFields(form).find((f) => f.key === 'handlerUsername');
    expect(handler).toMatchObject({ type: 'select', optionsKey: 'handlerOptions', required: true });
    const refusal = form.components.find(
      (c) => c.type === 'text' && c.text.includes('{{handlerRejectionReason}}'),
    );
    expect(refusal?.conditional?.hide).toMatch(/handlerRejectionReason = null/);
  });

  it('R-ISO-04 a further action after an ineffective verification has the fields of the action the contract passes back', () => {
    expect(taskFor('corrective-action-effectiveness').writes.map((v) => v.name)).toContain('furtherAction');
    const fields = formFields(loadForm('corrective-action-effectiveness')).filter(
      (f) => f.variable === 'furtherAction',
    );
    expect(fields.map((f) => f.key.replace(/^furtherAction\./, '')).sort()).toEqual(
      actionFields(contract).sort(),
    );
    // only asked for when the action was not effective
    expect(fields.every((f) => f.hide.includes('=effective = true'))).toBe(true);
    // and the definition form edits the same fields
    const defined = formFields(loadForm('corrective-action-definition')).map((f) => f.key);
    expect(defined).toEqual(expect.arrayContaining(actionFields(contract)));
  });
});
