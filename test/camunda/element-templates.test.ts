import { describe, expect, it } from '@jest/globals';
// The named export: with NodeNext, TypeScript types the default import of this CommonJS package as the module.
import { Ajv, type ErrorObject } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  ELEMENT_TEMPLATE_SCHEMA,
  ELEMENT_TEMPLATES_DIR,
  elementTemplate,
  linkServiceTasks,
  processVariables,
  renderElementTemplates,
  templateFileName,
  templateId,
  templateVersion,
  type ElementTemplate,
  type TemplateProperty,
} from '../../src/camunda/element-templates.js';
import { defineWorker, type WorkerDefinition } from '../../src/camunda/worker-definition.js';
import { readBpmnXml } from '../../src/engine/model/read-bpmn-xml.js';
import { ALL_WORKERS } from '../../workers/index.js';

/**
 * The Camunda Modeler element templates of our job types: valid for the Modeler, one per worker and in step
 * with it, generated (not hand-edited), and applied to every service task of the diagrams.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const requireFromRoot = createRequire(path.join(root, 'package.json'));
const templatesDir = path.join(root, ELEMENT_TEMPLATES_DIR);

const templateFiles = new Map(
  readdirSync(templatesDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => [name, readFileSync(path.join(templatesDir, name), 'utf8')]),
);
const templates = new Map(
  [...templateFiles].map(([name, text]) => [name, JSON.parse(text) as ElementTemplate] as const),
);
const templateById = new Map([...templates.values()].map((t) => [t.id, t]));

const isTaskType = (p: TemplateProperty) =>
  p.binding.type === 'zeebe:taskDefinition' && p.binding.property === 'type';
const headerProperties = (t: ElementTemplate) =>
  t.properties.filter((p) => p.binding.type === 'zeebe:taskHeader');

// ---------------------------------------------------------------------------------------------------------
// The official JSON schema, with its readable messages (error-messages.json, as the Modeler's validator uses)

const schemaPackage = '@camunda/zeebe-element-templates-json-schema/resources';
const schema = requireFromRoot(`${schemaPackage}/schema.json`) as Record<string, unknown>;
const errorMessages = requireFromRoot(`${schemaPackage}/error-messages.json`) as {
  path: (string | number)[];
  errorMessage: string | Record<string, unknown>;
}[];
const validate = new Ajv({ strict: false, allErrors: true, $data: true, verbose: true }).compile(schema);

/** The readable messages by the schema object they belong to (ajv reports `parentSchema` with `verbose`). */
const messageBySchema = new Map<unknown, unknown>(
  errorMessages.map((m) => [
    m.path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)?.[key], schema),
    m.errorMessage,
  ]),
);

function explain(error: ErrorObject): string {
  const known = messageBySchema.get(error.parentSchema);
  const forKeyword = typeof known === 'object' ? (known as Record<string, unknown>)[error.keyword] : known;
  const missing = (error.params as { missingProperty?: string }).missingProperty;
  const message =
    typeof forKeyword === 'string'
      ? forKeyword
      : typeof forKeyword === 'object' && missing !== undefined
        ? ((forKeyword as Record<string, unknown>)[missing] ?? error.message)
        : error.message;
  return `${error.instancePath || '/'}: ${String(message)} (${error.schemaPath})`;
}

function schemaProblems(template: unknown): string[] {
  return validate(template) ? [] : (validate.errors ?? []).map(explain);
}

// ---------------------------------------------------------------------------------------------------------
// The service tasks of processes/*.bpmn, as bpmn-moddle reads them

interface ServiceTask {
  readonly file: string;
  readonly id: string;
  readonly modelerTemplate?: string;
  readonly modelerTemplateVersion?: number;
  readonly jobType?: string;
  readonly headers: Readonly<Record<string, string>>;
}

interface ModdleServiceTask {
  readonly $type: string;
  readonly id: string;
  readonly modelerTemplate?: string;
  readonly modelerTemplateVersion?: number;
  readonly extensionElements?: {
    readonly values?: readonly {
      readonly $type: string;
      readonly type?: string;
      readonly values?: readonly { readonly key: string; readonly value: string }[];
    }[];
  };
}

const processesDir = path.join(root, 'processes');
const bpmnFiles = readdirSync(processesDir)
  .filter((name) => name.endsWith('.bpmn'))
  .sort()
  .map((name) => ({ name, xml: readFileSync(path.join(processesDir, name), 'utf8') }));

async function serviceTasks(file: { name: string; xml: string }): Promise<ServiceTask[]> {
  const read = await readBpmnXml(file.xml);
  if (!read.ok) throw new Error(`${file.name} does not parse: ${read.message}`);
  return Object.values(read.result.elementsById as unknown as Record<string, ModdleServiceTask>)
    .filter((e) => e.$type === 'bpmn:ServiceTask')
    .map((e) => {
      const extensions = e.extensionElements?.values ?? [];
      const headers = extensions.find((x) => x.$type === 'zeebe:TaskHeaders')?.values ?? [];
      return {
        file: file.name,
        id: e.id,
        modelerTemplate: e.modelerTemplate,
        modelerTemplateVersion: e.modelerTemplateVersion,
        jobType: extensions.find((x) => x.$type === 'zeebe:TaskDefinition')?.type,
        headers: Object.fromEntries(headers.map((h) => [h.key, h.value])),
      };
    });
}

// ---------------------------------------------------------------------------------------------------------

describe(`${ELEMENT_TEMPLATES_DIR}/*.json`, () => {
  it.each([...templateFiles.keys()])(
    '%s validates against the official zeebe element template schema',
    (name) => {
      expect(schemaProblems(templates.get(name))).toEqual([]);
    },
  );

  it('the schema check catches an invalid template (a dropdown without choices, no appliesTo)', () => {
    const broken = {
      ...templates.values().next().value,
      appliesTo: undefined,
      properties: [{ type: 'Dropdown', binding: { type: 'zeebe:taskHeader', key: 'x' } }],
    };
    const problems = schemaProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('missing appliesTo=[]'),
        expect.stringContaining('must provide choices=[] with "Dropdown" type'),
      ]),
    );
  });

  it('has one template per job type of ALL_WORKERS and none without a worker', () => {
    expect([...templateFiles.keys()]).toEqual(ALL_WORKERS.map((w) => templateFileName(w.type)).sort());
  });

  it.each(ALL_WORKERS.map((w) => [w.type, w] as const))(
    '%s: its template fixes the job type, offers the retries and one field per declared header',
    (jobType, worker) => {
      const template = templates.get(templateFileName(jobType));
      expect(template).toMatchObject({
        $schema: ELEMENT_TEMPLATE_SCHEMA,
        id: templateId(jobType),
        appliesTo: ['bpmn:Task'],
        elementType: { value: 'bpmn:ServiceTask' },
      });
      if (template === undefined) return;
      expect(Number.isInteger(template.version) && template.version >= 1).toBe(true);
      expect(template.name).toMatch(/\p{Script=Arabic}/u);
      expect(template.description).toContain(jobType);

      const typeProperties = template.properties.filter(isTaskType);
      expect(typeProperties).toEqual([expect.objectContaining({ type: 'Hidden', value: jobType })]);
      const retries = template.properties.filter(
        (p) => p.binding.type === 'zeebe:taskDefinition' && p.binding.property === 'retries',
      );
      expect(retries).toEqual([expect.objectContaining({ type: 'String', value: '3' })]);

      const headers = headerProperties(template);
      expect(headers.map((p) => p.binding.key).sort()).toEqual(Object.keys(worker.headers ?? {}).sort());
      for (const property of headers) {
        expect(property.description).toBe(worker.headers?.[property.binding.key ?? '']);
      }
    },
  );

  it.each(ALL_WORKERS.map((w) => [w.type, w] as const))(
    '%s: its template documents every variable the worker reads and writes',
    (jobType, worker) => {
      const template = templates.get(templateFileName(jobType));
      const names = [
        ...processVariables(worker.input, 'input').names,
        ...processVariables(worker.output, 'output').names,
      ].map((v) => v.name);
      for (const name of names) {
        expect(template?.description).toMatch(new RegExp(`\\b${name}\\b`));
        expect(template?.groups[0]?.tooltip).toMatch(new RegExp(`\\b${name}\\b`));
      }
    },
  );

  it('offers the stages of complaint_stages.stage (migration 007) as a dropdown of complaint.record-stage', () => {
    const migration = readFileSync(path.join(root, 'src/db/migrations/007_complaints.ts'), 'utf8');
    const check = /complaint_stages__stage__known check \(stage in \(([^)]*)\)\)/.exec(migration)?.[1];
    const stages = [...(check ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(stages.length).toBeGreaterThan(10);
    const stage = headerProperties(templates.get(templateFileName('complaint.record-stage'))!).find(
      (p) => p.binding.key === 'stage',
    );
    expect(stage?.type).toBe('Dropdown');
    expect(stage?.choices?.map((c) => c.value)).toEqual(stages);
  });

  it('offers the reasons the escalate and remind workers know as dropdowns', () => {
    const reasons = (jobType: string) =>
      headerProperties(templates.get(templateFileName(jobType))!)
        .find((p) => p.binding.key === 'reason')
        ?.choices?.map((c) => c.value);
    expect(reasons('complaint.escalate')).toEqual([
      'acknowledgement-overdue',
      'response-overdue',
      'resolution-overdue',
    ]);
    expect(reasons('complaint.remind')).toEqual(['response-deadline-near']);
  });

  it('are what the generator makes from the workers now (run `npm run templates` after changing a worker)', async () => {
    const generated = await renderElementTemplates(ALL_WORKERS, templateFiles, root);
    expect([...generated.keys()]).toEqual([...templateFiles.keys()]);
    for (const [name, text] of generated)
      expect({ name, text }).toEqual({ name, text: templateFiles.get(name) });
  });
});

describe('the element template generator', () => {
  const worker = (output: z.ZodType = z.object({ done: z.boolean() })): WorkerDefinition =>
    defineWorker({
      type: 'complaint.close',
      description: 'Closes the complaint with its final result',
      input: z.object({ complaintId: z.number() }),
      output,
      handler: async () => ({}),
    });

  it('keeps the version while the template is unchanged, and takes the next one when it changes', () => {
    const v3 = JSON.stringify(elementTemplate(worker(), 3));
    expect(templateVersion(worker(), undefined)).toBe(1);
    expect(templateVersion(worker(), v3)).toBe(3);
    expect(templateVersion(worker(z.object({ done: z.boolean(), note: z.string() })), v3)).toBe(4);
    expect(() => templateVersion(worker(), '{ not json')).toThrow(/not JSON/);
    expect(() => templateVersion(worker(), '{"id":"x"}')).toThrow(/no integer version/);
  });

  it('gives the same files on a second run and bumps only the template that changed', async () => {
    const first = await renderElementTemplates([worker()], new Map(), root);
    expect(await renderElementTemplates([worker()], first, root)).toEqual(first);
    const changed = await renderElementTemplates([worker(z.object({}))], first, root);
    expect(JSON.parse(changed.get('complaint.close.json')!)).toMatchObject({ version: 2 });
  });

  it('refuses a job type without a Persian template name', () => {
    const unnamed = defineWorker({ ...worker(), type: 'complaint.unnamed' });
    expect(() => elementTemplate(unnamed, 1)).toThrow(/no Persian template name/);
  });

  it('reads variable names through preprocess, transform, refinements, loose objects and records', () => {
    const input = z
      .object({
        id: z.preprocess((v) => v, z.number()),
        note: z.preprocess((v) => v ?? undefined, z.string().optional()),
        count: z.number().optional(),
      })
      .superRefine(() => undefined);
    expect(processVariables(input, 'input')).toEqual({
      names: [
        { name: 'count', optional: true },
        { name: 'id', optional: false },
        { name: 'note', optional: true },
      ],
      others: false,
    });
    expect(
      processVariables(
        z.preprocess((v) => v, input),
        'input',
      ).names,
    ).toHaveLength(3);
    expect(
      processVariables(
        z.object({ a: z.string() }).transform((v) => v),
        'output',
      ).names,
    ).toEqual([{ name: 'a', optional: false }]);
    expect(processVariables(z.looseObject({ a: z.string() }), 'input')).toMatchObject({ others: true });
    expect(processVariables(z.strictObject({ a: z.string() }), 'input')).toMatchObject({ others: false });
    expect(processVariables(z.record(z.string(), z.unknown()), 'input')).toEqual({ names: [], others: true });
  });

  it('links service tasks to their templates by their job type, changing nothing else', () => {
    const xml = [
      '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">',
      '<bpmn:serviceTask id="A" name="a > b"><bpmn:extensionElements><zeebe:taskDefinition type="complaint.close" /></bpmn:extensionElements></bpmn:serviceTask>',
      '<bpmn:serviceTask id="B" zeebe:modelerTemplate="eccim.complaint.close" zeebe:modelerTemplateVersion="1"><bpmn:extensionElements><zeebe:taskDefinition type="complaint.close" /></bpmn:extensionElements></bpmn:serviceTask>',
      '<bpmn:serviceTask id="C"><bpmn:extensionElements><zeebe:taskDefinition type="elsewhere.job" /></bpmn:extensionElements></bpmn:serviceTask>',
      '<bpmn:serviceTask id="D" />',
      '<bpmn:userTask id="E"><bpmn:extensionElements><zeebe:taskDefinition type="complaint.close" /></bpmn:extensionElements></bpmn:userTask>',
      '</bpmn:definitions>',
    ].join('\n');
    const result = linkServiceTasks(xml, new Map([['complaint.close', 2]]));
    const template = 'zeebe:modelerTemplate="eccim.complaint.close" zeebe:modelerTemplateVersion="2"';
    expect(result.xml.split('\n')).toEqual([
      expect.any(String),
      expect.stringContaining(`<bpmn:serviceTask id="A" name="a > b" ${template}>`),
      expect.stringContaining(`<bpmn:serviceTask id="B" ${template}>`),
      expect.not.stringContaining('modelerTemplate'),
      '<bpmn:serviceTask id="D" />',
      expect.not.stringContaining('modelerTemplate'),
      '</bpmn:definitions>',
    ]);
    expect(result.skipped).toEqual(['C: no template for elsewhere.job', 'D: no job type']);
    expect(linkServiceTasks(result.xml, new Map([['complaint.close', 2]])).xml).toBe(result.xml);
  });
});

describe('the service tasks of processes/*.bpmn', () => {
  it.each(bpmnFiles.map((f) => [f.name, f] as const))(
    '%s: every service task names an existing template, at its current version and with its job type',
    async (_name, file) => {
      const problems: string[] = [];
      const tasks = await serviceTasks(file);
      expect(tasks.length).toBeGreaterThan(0);
      for (const task of tasks) {
        const template = templateById.get(task.modelerTemplate ?? '');
        if (template === undefined) {
          problems.push(`${task.id}: zeebe:modelerTemplate names no template (${task.modelerTemplate})`);
          continue;
        }
        if (task.modelerTemplateVersion !== template.version)
          problems.push(
            `${task.id}: version ${task.modelerTemplateVersion}, template is at ${template.version}`,
          );
        const jobType = template.properties.find(isTaskType)?.value;
        if (task.jobType !== jobType)
          problems.push(`${task.id}: job type ${task.jobType}, template's ${jobType}`);
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(bpmnFiles.map((f) => [f.name, f] as const))(
    '%s: its task headers are fields of the template, filled where required and with a listed value',
    async (_name, file) => {
      const problems: string[] = [];
      for (const task of await serviceTasks(file)) {
        const template = templateById.get(task.modelerTemplate ?? '');
        if (template === undefined) continue;
        const fields = new Map(headerProperties(template).map((p) => [p.binding.key ?? '', p]));
        for (const key of Object.keys(task.headers)) {
          if (!fields.has(key)) problems.push(`${task.id}: header ${key} is not a field of ${template.id}`);
        }
        for (const [key, field] of fields) {
          const value = task.headers[key];
          if (field.constraints?.notEmpty === true && !value)
            problems.push(`${task.id}: header ${key} is empty`);
          if (field.choices && value !== undefined && !field.choices.some((c) => c.value === value))
            problems.push(`${task.id}: header ${key}=${value} is not a choice of ${template.id}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(bpmnFiles.map((f) => [f.name, f] as const))(
    '%s: is linked as the generator links it (`npm run templates -- --link-bpmn`)',
    (_name, file) => {
      const versions = new Map(
        [...templates.values()].map((t) => [t.properties.find(isTaskType)?.value ?? '', t.version]),
      );
      expect(linkServiceTasks(file.xml, versions).xml).toBe(file.xml);
    },
  );
});
