/**
 * Camunda Modeler element templates for our job types (`processes/.camunda/element-templates/`), generated
 * from the worker definitions by `scripts/element-templates.ts`, so that process owners pick "ثبت شکایت"
 * from a list instead of typing `complaint.register`.
 *
 * One template per job type: `eccim.<job type>`, applicable to any task and turning it into a service task,
 * with the job type fixed (hidden), the retries editable, and one field per task header the worker reads
 * (a dropdown where the values are known). Our workers read and write process variables directly (no
 * input/output mappings), so the template only documents them: in its description and in the tooltip of
 * its "کار" group.
 *
 * Versions: a template keeps the version of the file on disk while its content stays the same, and gets the
 * next version when anything in it changes; a new template starts at 1. Diagrams name the version they were
 * linked to (`zeebe:modelerTemplateVersion`); `linkServiceTasks` brings them up to date.
 *
 * Generator code only: it loads prettier (a dev dependency) when it formats.
 */
import { ESCALATION_REASONS } from '../../workers/complaints/escalate.js';
import { REMINDER_REASONS } from '../../workers/complaints/remind.js';
import { STAGE_LABELS_FA } from '../domain/complaints/labels.js';
import { COMPLAINT_STAGES } from '../domain/complaints/record-stage.js';
import type { WorkerDefinition } from './worker-definition.js';

export const ELEMENT_TEMPLATE_SCHEMA =
  'https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json';

/** Where Camunda Modeler finds the templates of the diagrams in `processes/`, relative to the repository. */
export const ELEMENT_TEMPLATES_DIR = 'processes/.camunda/element-templates';

/** The id of the template of a job type. */
export const templateId = (jobType: string): string => `eccim.${jobType}`;

/** The file of the template of a job type, in `ELEMENT_TEMPLATES_DIR`. */
export const templateFileName = (jobType: string): string => `${jobType}.json`;

// ---------------------------------------------------------------------------------------------------------
// The template shape (the subset of the zeebe element template schema we write)

export interface TemplateBinding {
  readonly type: 'zeebe:taskDefinition' | 'zeebe:taskHeader';
  readonly property?: 'type' | 'retries';
  readonly key?: string;
}

export interface TemplateProperty {
  readonly id?: string;
  readonly label?: string;
  readonly description?: string;
  readonly type: 'Hidden' | 'String' | 'Text' | 'Dropdown';
  readonly value?: string;
  readonly choices?: readonly { readonly name: string; readonly value: string }[];
  readonly optional?: boolean;
  readonly constraints?: {
    readonly notEmpty?: boolean;
    readonly pattern?: { readonly value: string; readonly message: string };
  };
  readonly group?: string;
  readonly binding: TemplateBinding;
}

export interface ElementTemplate {
  readonly $schema: string;
  readonly name: string;
  readonly id: string;
  readonly version: number;
  readonly description: string;
  readonly keywords: readonly string[];
  readonly category: { readonly id: string; readonly name: string };
  readonly engines: { readonly camunda: string };
  readonly appliesTo: readonly string[];
  readonly elementType: { readonly value: string };
  readonly groups: readonly {
    readonly id: string;
    readonly label: string;
    readonly tooltip?: string;
    readonly openByDefault?: boolean;
  }[];
  readonly properties: readonly TemplateProperty[];
}

// ---------------------------------------------------------------------------------------------------------
// What people read: Persian names, categories and header fields

/** The Persian name of each job type's template (the Modeler's template list). Every worker needs one. */
export const TEMPLATE_NAMES: Readonly<Record<string, string>> = {
  'complaint.register': 'ثبت شکایت',
  'complaint.acknowledge': 'ارسال اعلام وصول شکایت به شاکی',
  'complaint.escalate': 'اعلام تأخیر شکایت به دبیرکل',
  'complaint.record-stage': 'ثبت مرحله در فرم شکایت',
  'complaint.classify-deadlines': 'تعیین مهلت‌های پاسخ و رسیدگی شکایت',
  'complaint.forward-to-secretary-general': 'ارجاع شکایت به دبیرکل',
  'complaint.list-eligible-handlers': 'فهرست افراد واجد شرایط رسیدگی',
  'complaint.check-handler-independence': 'بررسی استقلال مسئول رسیدگی',
  'complaint.remind': 'یادآوری مهلت شکایت به مسئول رسیدگی',
  'complaint.record-root-cause': 'ثبت تحلیل علت ریشه‌ای شکایت',
  'complaint.convene-committee': 'دعوت اعضای کمیته بررسی شکایات',
  'complaint.record-committee-decision': 'ثبت تصمیم کمیته بررسی شکایات',
  'complaint.notify-result': 'اعلام نتیجه و ارسال نظرسنجی رضایت به شاکی',
  'complaint.record-satisfaction': 'ثبت رضایت شاکی از رسیدگی',
  'complaint.close': 'بستن پرونده شکایت',
  'corrective-action.open': 'ثبت و آغاز اقدام اصلاحی',
  'corrective-action.remind': 'یادآوری مهلت اقدام اصلاحی به مسئول آن',
  'corrective-action.escalate': 'اعلام تأخیر اقدام اصلاحی',
  'corrective-action.record-progress': 'ثبت پیشرفت اقدام اصلاحی',
  'corrective-action.record-verification': 'ثبت نتیجه ارزیابی اثربخشی اقدام اصلاحی',
  'notification.notify-staff': 'اطلاع‌رسانی به کارکنان',
};

/** The Modeler's template categories, by the area of the job type (`<area>.<action>`). */
export const TEMPLATE_CATEGORIES: Readonly<Record<string, string>> = {
  complaint: 'مرکز ارتباط با اعضا: شکایات',
  'corrective-action': 'مرکز ارتباط با اعضا: اقدامات اصلاحی',
  notification: 'مرکز ارتباط با اعضا: اطلاع‌رسانی',
};

export interface HeaderHint {
  /** The field's Persian label; the header key is added in parentheses. */
  readonly label: string;
  /** The values the worker accepts, in order, with their Persian names: the field becomes a dropdown. */
  readonly choices?: readonly { readonly value: string; readonly label: string }[];
  /** Multi-line text. */
  readonly text?: boolean;
  /** The worker runs without it: the field may stay empty (the header is then left out). */
  readonly optional?: boolean;
}

const REASON_LABELS: Readonly<Record<string, string>> = {
  'acknowledgement-overdue': 'تأخیر در اعلام وصول',
  'response-overdue': 'تأخیر در پاسخ',
  'resolution-overdue': 'تأخیر در رسیدگی',
  'response-deadline-near': 'نزدیک شدن مهلت پاسخ',
};

const choicesOf = (values: readonly string[], labels: Readonly<Record<string, string>>) =>
  values.map((value) => ({ value, label: labels[value] ?? value }));

/**
 * How the task headers of a job type appear in the Modeler. A header without a hint is a required one-line
 * text labelled with its key. The stages are the values of `complaint_stages.stage` (migration 007), the
 * reasons those the escalate and remind workers know.
 */
export const HEADER_HINTS: Readonly<Record<string, Readonly<Record<string, HeaderHint>>>> = {
  'complaint.record-stage': {
    stage: { label: 'مرحله', choices: choicesOf(COMPLAINT_STAGES, STAGE_LABELS_FA) },
    fields: { label: 'متغیرهای ثبت‌شده در مرحله', optional: true },
  },
  'complaint.escalate': {
    reason: { label: 'دلیل', choices: choicesOf(Object.keys(ESCALATION_REASONS), REASON_LABELS) },
  },
  'complaint.remind': {
    reason: { label: 'دلیل', choices: choicesOf(Object.keys(REMINDER_REASONS), REASON_LABELS) },
  },
  'notification.notify-staff': {
    recipients: { label: 'گیرندگان' },
    title: { label: 'عنوان' },
    body: { label: 'متن', text: true },
  },
};

// ---------------------------------------------------------------------------------------------------------
// The process variables a worker reads and writes, from its zod schemas

/** What the generator reads of a zod (v4) schema: its definition and whether it accepts/returns undefined. */
interface SchemaLike {
  readonly _zod: {
    readonly def: {
      readonly type: string;
      readonly shape?: Readonly<Record<string, SchemaLike>>;
      readonly catchall?: SchemaLike;
      readonly in?: SchemaLike;
      readonly out?: SchemaLike;
      readonly innerType?: SchemaLike;
      readonly options?: readonly SchemaLike[];
      readonly left?: SchemaLike;
      readonly right?: SchemaLike;
      readonly getter?: () => SchemaLike;
    };
    readonly optin?: string;
    readonly optout?: string;
  };
  readonly safeParse?: (value: unknown) => { readonly success: boolean };
}

export interface ProcessVariables {
  /** By name, sorted: whether the variable may be absent. */
  readonly names: readonly { readonly name: string; readonly optional: boolean }[];
  /** Whether other variables are read or written too (a loose object, a record, a schema of any shape). */
  readonly others: boolean;
}

interface Found {
  readonly names: Map<string, boolean>;
  readonly others: boolean;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/**
 * The variables a worker schema names: the keys of a `z.object` (also inside preprocess/transform pipes,
 * wrappers, lazy, unions and intersections; refinements are checks on the object itself). `side` says whether
 * the schema parses what the worker reads (`input`) or what it returns (`output`), which decides which side of
 * a transform pipe names the variables. A variable is optional when its schema accepts undefined (so a
 * preprocess that turns an absent value into a default makes it optional, one that does not, required).
 */
export function processVariables(schema: unknown, side: 'input' | 'output'): ProcessVariables {
  const found = walk(schema as SchemaLike, side, 0);
  const names = [...found.names]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, optional]) => ({ name, optional }));
  return { names, others: found.others };
}

function acceptsUndefined(schema: SchemaLike, side: 'input' | 'output'): boolean {
  try {
    if (schema.safeParse !== undefined) return schema.safeParse(undefined).success;
  } catch {
    // An async refinement or transform: fall back to what the schema declares.
  }
  return (side === 'input' ? schema._zod.optin : schema._zod.optout) !== undefined;
}

function walk(schema: SchemaLike, side: 'input' | 'output', depth: number): Found {
  if (depth > 20) return { names: new Map(), others: true };
  const def = schema._zod.def;
  const next = (inner: SchemaLike) => walk(inner, side, depth + 1);
  if (def.type === 'object' && def.shape !== undefined) {
    const names = new Map<string, boolean>();
    for (const [name, value] of Object.entries(def.shape)) {
      names.set(name, acceptsUndefined(value, side));
    }
    return { names, others: def.catchall !== undefined && def.catchall._zod.def.type !== 'never' };
  }
  if (def.type === 'pipe' && def.in !== undefined && def.out !== undefined) {
    // z.preprocess(f, s) is pipe(transform, s); s.transform(f) is pipe(s, transform).
    if (side === 'input') return next(def.in._zod.def.type === 'transform' ? def.out : def.in);
    return next(def.out._zod.def.type === 'transform' ? def.in : def.out);
  }
  if (WRAPPERS.has(def.type) && def.innerType !== undefined) return next(def.innerType);
  if (def.type === 'lazy' && def.getter !== undefined) return next(def.getter());
  if (def.type === 'intersection' && def.left !== undefined && def.right !== undefined) {
    const left = next(def.left);
    const right = next(def.right);
    const names = new Map(left.names);
    for (const [name, optional] of right.names) names.set(name, (names.get(name) ?? true) && optional);
    return { names, others: left.others || right.others };
  }
  if (def.type === 'union' && def.options !== undefined && def.options.length > 0) {
    const options = def.options.map(next);
    const names = new Map<string, boolean>();
    for (const option of options) {
      for (const [name, optional] of option.names) {
        const everywhere = options.every((o) => o.names.has(name));
        names.set(name, (names.get(name) ?? false) || optional || !everywhere);
      }
    }
    return { names, others: options.some((o) => o.others) };
  }
  // z.record, z.any, z.unknown, ...: any variable.
  return { names: new Map(), others: true };
}

/** `a, b?` (sorted; `?` = may be absent), for the template's English description. */
export function describeVariables(variables: ProcessVariables): string {
  const named = variables.names.map((v) => `${v.name}${v.optional ? '?' : ''}`).join(', ');
  if (!variables.others) return named === '' ? 'nothing' : named;
  return named === '' ? 'any variable' : `${named} and any other variable`;
}

function describeVariablesFa(variables: ProcessVariables): string {
  const named = variables.names.map((v) => `${v.name}${v.optional ? '?' : ''}`).join('، ');
  if (!variables.others) return named === '' ? 'هیچ' : named;
  return named === '' ? 'هر متغیری' : `${named} و هر متغیر دیگر`;
}

// ---------------------------------------------------------------------------------------------------------
// Templates

const RETRIES_DEFAULT = '3';

/** The element template of a worker, at the given version. Throws when its Persian name is missing. */
export function elementTemplate(worker: WorkerDefinition, version: number): ElementTemplate {
  const jobType = worker.type;
  const name = TEMPLATE_NAMES[jobType];
  if (name === undefined) {
    throw new Error(
      `job type ${jobType} has no Persian template name: add it to TEMPLATE_NAMES in src/camunda/element-templates.ts`,
    );
  }
  const area = jobType.split('.')[0] ?? jobType;
  const reads = processVariables(worker.input, 'input');
  const writes = processVariables(worker.output, 'output');
  const headers = Object.entries(worker.headers ?? {});
  const hints = HEADER_HINTS[jobType] ?? {};
  const undeclared = Object.keys(hints).filter((key) => !Object.hasOwn(worker.headers ?? {}, key));
  if (undeclared.length > 0) {
    throw new Error(`HEADER_HINTS names headers ${jobType} does not declare: ${undeclared.join(', ')}`);
  }

  const headerProperties = headers.map(([key, meaning]): TemplateProperty => {
    const hint = hints[key];
    const choices = hint?.choices?.map((c) => ({ name: `${c.label} (${c.value})`, value: c.value }));
    return {
      id: `header.${key}`,
      label: hint === undefined ? key : `${hint.label} (${key})`,
      description: meaning,
      type: choices !== undefined ? 'Dropdown' : hint?.text === true ? 'Text' : 'String',
      ...(choices !== undefined ? { choices } : {}),
      group: 'headers',
      ...(hint?.optional === true ? { optional: true } : { constraints: { notEmpty: true } }),
      binding: { type: 'zeebe:taskHeader', key },
    };
  });

  return {
    $schema: ELEMENT_TEMPLATE_SCHEMA,
    name,
    id: templateId(jobType),
    version,
    description:
      `Job type ${jobType}: ${worker.description.replace(/\.$/, '')}. ` +
      `Reads ${describeVariables(reads)}; writes ${describeVariables(writes)}.`,
    keywords: [jobType, area],
    category: { id: `eccim.${area}`, name: TEMPLATE_CATEGORIES[area] ?? area },
    engines: { camunda: '^8.8' },
    appliesTo: ['bpmn:Task'],
    elementType: { value: 'bpmn:ServiceTask' },
    groups: [
      {
        id: 'job',
        label: 'کار',
        tooltip:
          `نوع کار (job type): ${jobType}. ` +
          'این کار متغیرهای فرایند را مستقیم می‌خواند و می‌نویسد (بدون نگاشت ورودی و خروجی). ' +
          `می‌خواند: ${describeVariablesFa(reads)}. می‌نویسد: ${describeVariablesFa(writes)}.`,
        openByDefault: true,
      },
      ...(headerProperties.length > 0
        ? [
            {
              id: 'headers',
              label: 'تنظیمات کار (task headers)',
              tooltip: 'سرآیندهای کار (zeebe:taskHeaders) که کارگزار می‌خواند.',
              openByDefault: true,
            },
          ]
        : []),
    ],
    properties: [
      {
        id: 'taskType',
        type: 'Hidden',
        value: jobType,
        binding: { type: 'zeebe:taskDefinition', property: 'type' },
      },
      {
        id: 'retries',
        label: 'تعداد تلاش (retries)',
        description: `How often the job is tried before an incident is raised (default ${RETRIES_DEFAULT}).`,
        type: 'String',
        value: RETRIES_DEFAULT,
        group: 'job',
        constraints: {
          notEmpty: true,
          pattern: { value: '^[1-9][0-9]*$', message: 'یک عدد صحیح مثبت وارد کنید.' },
        },
        binding: { type: 'zeebe:taskDefinition', property: 'retries' },
      },
      ...headerProperties,
    ],
  };
}

/**
 * The version a template gets: the one in `previous` (the file's current text) when the content is the same
 * apart from the version, the next one when it changed, 1 for a new template.
 */
export function templateVersion(worker: WorkerDefinition, previous: string | undefined): number {
  if (previous === undefined) return 1;
  let parsed: unknown;
  try {
    parsed = JSON.parse(previous);
  } catch (error) {
    throw new Error(
      `the template of ${worker.type} on disk is not JSON (${String(error)}); fix or delete it`,
    );
  }
  const version = (parsed as { version?: unknown } | null)?.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new Error(`the template of ${worker.type} on disk has no integer version; fix or delete it`);
  }
  const same = JSON.stringify(elementTemplate(worker, version)) === JSON.stringify(parsed);
  return same ? version : version + 1;
}

/** A template as its file holds it: JSON as prettier formats it with the repository's settings. */
export async function templateText(template: ElementTemplate, repositoryRoot: string): Promise<string> {
  const prettier = await import('prettier');
  const file = `${repositoryRoot.replace(/\/$/, '')}/${ELEMENT_TEMPLATES_DIR}/x.json`;
  const options = (await prettier.resolveConfig(file, { editorconfig: true })) ?? {};
  return prettier.format(JSON.stringify(template), { ...options, parser: 'json' });
}

/**
 * The template files for the workers, by file name (sorted): `previous` are the files now on disk (file name →
 * text), which decide the versions. Throws when two workers share a job type or one lacks a Persian name.
 */
export async function renderElementTemplates(
  workers: readonly WorkerDefinition[],
  previous: ReadonlyMap<string, string>,
  repositoryRoot: string,
): Promise<Map<string, string>> {
  const sorted = [...workers].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  const files = new Map<string, string>();
  for (const worker of sorted) {
    const file = templateFileName(worker.type);
    if (files.has(file)) throw new Error(`two workers share the job type ${worker.type}`);
    const template = elementTemplate(worker, templateVersion(worker, previous.get(file)));
    files.set(file, await templateText(template, repositoryRoot));
  }
  return files;
}

// ---------------------------------------------------------------------------------------------------------
// Linking the service tasks of a diagram to their templates

export interface LinkResult {
  readonly xml: string;
  /** `<element id>: <template id> v<version>`, for every service task linked (or already linked). */
  readonly linked: readonly string[];
  /** Service tasks left alone: no task definition, or a job type without a template. */
  readonly skipped: readonly string[];
}

const ZEEBE_NS = 'http://camunda.org/schema/zeebe/1.0';

/** One attribute of a start tag, quoted either way. */
const ATTRIBUTE = String.raw`\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"]*"|'[^']*')`;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(String.raw`\s${escapeRegExp(name)}\s*=\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  const raw = match?.[1] ?? match?.[2];
  return raw
    ?.replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Sets an attribute of a start tag (the text before its `>` or `/>`): in place, or appended. */
function setAttribute(tag: string, name: string, value: string): string {
  const present = new RegExp(String.raw`(\s${escapeRegExp(name)}\s*=\s*)(?:"[^"]*"|'[^']*')`);
  return present.test(tag) ? tag.replace(present, `$1"${value}"`) : `${tag} ${name}="${value}"`;
}

/**
 * Sets `zeebe:modelerTemplate` and `zeebe:modelerTemplateVersion` on the start tag of every
 * `<bpmn:serviceTask>` whose `zeebe:taskDefinition` type has a template (`versions`: job type → version);
 * changes nothing else in the text. Expects the prefixes Camunda Modeler writes (`bpmn:`, `zeebe:`).
 */
export function linkServiceTasks(xml: string, versions: ReadonlyMap<string, number>): LinkResult {
  if (!new RegExp(String.raw`\sxmlns:zeebe\s*=\s*["']${escapeRegExp(ZEEBE_NS)}["']`).test(xml)) {
    throw new Error(`the diagram does not declare the prefix zeebe for ${ZEEBE_NS}`);
  }
  const linked: string[] = [];
  const skipped: string[] = [];
  const startTag = new RegExp(String.raw`<bpmn:serviceTask((?:${ATTRIBUTE})*)(\s*)(\/?)>`, 'g');
  let out = '';
  let copied = 0;
  for (let match = startTag.exec(xml); match !== null; match = startTag.exec(xml)) {
    const [whole, attrs = '', space = '', selfClosing = ''] = match;
    const end = selfClosing === '' ? xml.indexOf('</bpmn:serviceTask>', startTag.lastIndex) : -1;
    const body = end === -1 ? '' : xml.slice(startTag.lastIndex, end);
    const id = attribute(attrs, 'id') ?? '(no id)';
    const definition = /<zeebe:taskDefinition\b(?:[^>"']|"[^"]*"|'[^']*')*>/.exec(body)?.[0];
    const jobType = definition === undefined ? undefined : attribute(definition, 'type');
    const version = jobType === undefined ? undefined : versions.get(jobType);
    if (jobType === undefined || version === undefined) {
      skipped.push(`${id}: ${jobType === undefined ? 'no job type' : `no template for ${jobType}`}`);
      continue;
    }
    let tag = `<bpmn:serviceTask${attrs}`;
    tag = setAttribute(tag, 'zeebe:modelerTemplate', templateId(jobType));
    tag = setAttribute(tag, 'zeebe:modelerTemplateVersion', String(version));
    out += xml.slice(copied, match.index) + `${tag}${space}${selfClosing}>`;
    copied = match.index + whole.length;
    linked.push(`${id}: ${templateId(jobType)} v${version}`);
  }
  return { xml: out + xml.slice(copied), linked, skipped };
}
