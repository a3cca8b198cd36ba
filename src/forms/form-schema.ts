/**
 * The subset of the Camunda Forms (form-js) JSON schema this project uses, checked with zod, plus the
 * list of a form's input fields and a validator for submitted values that applies the form's own rules
 * (`validate.required`, `minLength`, `maxLength`, `min`, `max`, `pattern`, `validationType`) the way
 * form-js does, with Persian messages. The same `.form` files are rendered by Camunda Tasklist 8.8 and by
 * our RTL inbox; see `reference/camunda88.md` §4 for the schema.
 */
import { z } from 'zod';
import { toPersianDigits } from '../calendar/jalali.js';
import { civilDayOf, TEHRAN } from '../calendar/time-zone.js';
import { evaluateFeel, findFeelSyntaxError } from '../engine/feel/index.js';

/** Input components: they have a `key` and put a value into the submitted variables. */
export const INPUT_TYPES = [
  'textfield',
  'textarea',
  'number',
  'datetime',
  'checkbox',
  'select',
  'radio',
  'checklist',
  'taglist',
  'filepicker',
] as const;
export type InputType = (typeof INPUT_TYPES)[number];

/** Every component type of the subset; others (html, image, iframe, table, button, expression …) are refused. */
export const COMPONENT_TYPES = [
  ...INPUT_TYPES,
  'text',
  'separator',
  'spacer',
  'group',
  'dynamiclist',
] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];

/** A form-js `key` or `path`: a dot-separated path of word characters. */
const KEY_PATTERN = /^\w+(\.\w+)*$/;

const feelExpression = z.string().regex(/^=/, 'a FEEL expression must start with "="');
const booleanOrFeel = z.union([z.boolean(), feelExpression]);
const nonNegativeInt = z.number().int().min(0);

const layoutSchema = z.strictObject({
  row: z.string().min(1).optional(),
  columns: z.number().int().min(2).max(16).nullable().optional(),
});
const conditionalSchema = z.strictObject({ hide: z.union([z.boolean(), feelExpression]).optional() });
const optionSchema = z.strictObject({ label: z.string().min(1), value: z.string().min(1) });
const appearanceSchema = z.strictObject({
  prefixAdorner: z.string().optional(),
  suffixAdorner: z.string().optional(),
});

const requiredOnly = z.strictObject({ required: z.boolean().optional() });
const textareaValidate = z.strictObject({
  required: z.boolean().optional(),
  minLength: nonNegativeInt.optional(),
  maxLength: z.number().int().min(1).optional(),
});
const textfieldValidate = textareaValidate.extend({
  pattern: z.string().min(1).optional(),
  patternErrorMessage: z.string().min(1).optional(),
  validationType: z.enum(['email', 'phone', 'custom', '']).nullable().optional(),
});
const numberValidate = z.strictObject({
  required: z.boolean().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

const common = {
  id: z.string().min(1),
  layout: layoutSchema.optional(),
  conditional: conditionalSchema.optional(),
  properties: z.record(z.string(), z.string()).optional(),
};
const input = {
  ...common,
  key: z.string().regex(KEY_PATTERN, 'a key is word characters separated by dots'),
  label: z.string().optional(),
  description: z.string().optional(),
  readonly: booleanOrFeel.optional(),
  disabled: booleanOrFeel.optional(),
};
const options = {
  values: z.array(optionSchema).min(1).optional(),
  valuesKey: z
    .string()
    .regex(/^[^\s]+$/, 'valuesKey names one variable')
    .optional(),
  valuesExpression: feelExpression.optional(),
};
const container = {
  ...common,
  label: z.string().optional(),
  showOutline: z.boolean().optional(),
  verticalAlignment: z.enum(['start', 'center', 'end']).optional(),
  components: z.array(z.unknown()),
};

const textfieldSchema = z.strictObject({
  ...input,
  type: z.literal('textfield'),
  defaultValue: z.string().optional(),
  appearance: appearanceSchema.optional(),
  validate: textfieldValidate.optional(),
});
const textareaSchema = z.strictObject({
  ...input,
  type: z.literal('textarea'),
  defaultValue: z.string().optional(),
  validate: textareaValidate.optional(),
});
const numberSchema = z.strictObject({
  ...input,
  type: z.literal('number'),
  defaultValue: z.number().optional(),
  decimalDigits: nonNegativeInt.optional(),
  increment: z.number().positive().optional(),
  serializeToString: z.boolean().optional(),
  appearance: appearanceSchema.optional(),
  validate: numberValidate.optional(),
});
const datetimeSchema = z.strictObject({
  ...input,
  type: z.literal('datetime'),
  subtype: z.enum(['date', 'time', 'datetime']),
  dateLabel: z.string().optional(),
  timeLabel: z.string().optional(),
  use24h: z.boolean().optional(),
  timeSerializingFormat: z.enum(['utc_offset', 'utc_normalized', 'no_timezone']).optional(),
  timeInterval: z.number().int().min(1).max(60).optional(),
  disallowPassedDates: z.boolean().optional(),
  validate: requiredOnly.optional(),
});
const checkboxSchema = z.strictObject({
  ...input,
  type: z.literal('checkbox'),
  defaultValue: z.boolean().optional(),
  validate: requiredOnly.optional(),
});
const selectSchema = z.strictObject({
  ...input,
  ...options,
  type: z.literal('select'),
  searchable: z.boolean().optional(),
  defaultValue: z.string().optional(),
  validate: requiredOnly.optional(),
});
const radioSchema = z.strictObject({
  ...input,
  ...options,
  type: z.literal('radio'),
  defaultValue: z.string().optional(),
  validate: requiredOnly.optional(),
});
const checklistSchema = z.strictObject({
  ...input,
  ...options,
  type: z.literal('checklist'),
  defaultValue: z.array(z.string()).optional(),
  validate: requiredOnly.optional(),
});
const taglistSchema = z.strictObject({
  ...input,
  ...options,
  type: z.literal('taglist'),
  defaultValue: z.array(z.string()).optional(),
  validate: requiredOnly.optional(),
});
const filepickerSchema = z.strictObject({
  ...input,
  type: z.literal('filepicker'),
  accept: z.string().optional(),
  multiple: booleanOrFeel.optional(),
  validate: requiredOnly.optional(),
});
const textSchema = z.strictObject({ ...common, type: z.literal('text'), text: z.string().min(1) });
const separatorSchema = z.strictObject({ ...common, type: z.literal('separator') });
const spacerSchema = z.strictObject({
  ...common,
  type: z.literal('spacer'),
  height: z.number().positive().optional(),
});
const groupSchema = z.strictObject({
  ...container,
  type: z.literal('group'),
  path: z.string().regex(KEY_PATTERN, 'a path is word characters separated by dots').optional(),
});
const dynamiclistSchema = z.strictObject({
  ...container,
  type: z.literal('dynamiclist'),
  path: z.string().regex(KEY_PATTERN, 'a path is word characters separated by dots'),
  isRepeating: z.literal(true),
  allowAddRemove: z.boolean().optional(),
  defaultRepetitions: nonNegativeInt.optional(),
  disableCollapse: z.boolean().optional(),
  nonCollapsedItems: z.number().int().min(1).optional(),
});

const componentSchemas = {
  textfield: textfieldSchema,
  textarea: textareaSchema,
  number: numberSchema,
  datetime: datetimeSchema,
  checkbox: checkboxSchema,
  select: selectSchema,
  radio: radioSchema,
  checklist: checklistSchema,
  taglist: taglistSchema,
  filepicker: filepickerSchema,
  text: textSchema,
  separator: separatorSchema,
  spacer: spacerSchema,
  group: groupSchema,
  dynamiclist: dynamiclistSchema,
} as const satisfies Record<ComponentType, z.ZodType>;

export type TextfieldComponent = z.infer<typeof textfieldSchema>;
export type TextareaComponent = z.infer<typeof textareaSchema>;
export type NumberComponent = z.infer<typeof numberSchema>;
export type DatetimeComponent = z.infer<typeof datetimeSchema>;
export type CheckboxComponent = z.infer<typeof checkboxSchema>;
export type SelectComponent = z.infer<typeof selectSchema>;
export type RadioComponent = z.infer<typeof radioSchema>;
export type ChecklistComponent = z.infer<typeof checklistSchema>;
export type TaglistComponent = z.infer<typeof taglistSchema>;
export type FilepickerComponent = z.infer<typeof filepickerSchema>;
export type TextComponent = z.infer<typeof textSchema>;
export type SeparatorComponent = z.infer<typeof separatorSchema>;
export type SpacerComponent = z.infer<typeof spacerSchema>;
export type GroupComponent = Omit<z.infer<typeof groupSchema>, 'components'> & {
  components: FormComponent[];
};
export type DynamiclistComponent = Omit<z.infer<typeof dynamiclistSchema>, 'components'> & {
  components: FormComponent[];
};
export type InputComponent =
  | TextfieldComponent
  | TextareaComponent
  | NumberComponent
  | DatetimeComponent
  | CheckboxComponent
  | SelectComponent
  | RadioComponent
  | ChecklistComponent
  | TaglistComponent
  | FilepickerComponent;
export type OptionsComponent = SelectComponent | RadioComponent | ChecklistComponent | TaglistComponent;
export type FormComponent =
  | InputComponent
  | TextComponent
  | SeparatorComponent
  | SpacerComponent
  | GroupComponent
  | DynamiclistComponent;

const formSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a form id is lower-case words joined by "-"'),
  type: z.literal('default'),
  components: z.array(z.unknown()),
  schemaVersion: z.number().int().min(1).max(19),
  executionPlatform: z.literal('Camunda Cloud'),
  executionPlatformVersion: z.string().regex(/^8\.8\.\d+$/, 'this project targets Camunda 8.8'),
  exporter: z.strictObject({ name: z.string(), version: z.string() }).optional(),
  versionTag: z.string().optional(),
});

export type FormSchema = Omit<z.infer<typeof formSchema>, 'components'> & { components: FormComponent[] };

export type FormValidation = { ok: true; form: FormSchema } | { ok: false; problems: string[] };

const INPUT_TYPE_SET: ReadonlySet<string> = new Set(INPUT_TYPES);
const OPTION_TYPES: ReadonlySet<string> = new Set(['select', 'radio', 'checklist', 'taglist']);

export function isInputComponent(component: FormComponent): component is InputComponent {
  return INPUT_TYPE_SET.has(component.type);
}

function isOptionsComponent(component: FormComponent): component is OptionsComponent {
  return OPTION_TYPES.has(component.type);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function propertyPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function zodProblems(error: z.ZodError, subject: string): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const at = issue.path.length > 0 ? `${propertyPath(issue.path)}.` : '';
      return issue.keys.map((key) => `${subject} property '${at}${key}': not allowed here`);
    }
    const property = issue.path.length > 0 ? propertyPath(issue.path) : '(whole)';
    return [`${subject} property '${property}': ${issue.message}`];
  });
}

/**
 * Checks a `.form` file (its text or its parsed JSON) against the subset of the form-js schema we use, and
 * the rules form-js applies at run time: unique ids and keys, one options source, patterns that compile,
 * FEEL that parses, bounds that make sense. Each problem names the component (by key, path or id) and the
 * property.
 */
export function validateFormFile(json: unknown): FormValidation {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (error) {
      return { ok: false, problems: [`the form is not valid JSON: ${(error as Error).message}`] };
    }
  }
  const top = formSchema.safeParse(data);
  if (!top.success) return { ok: false, problems: zodProblems(top.error, 'form') };
  const problems: string[] = [];
  const ids = new Map<string, string>();
  const paths = new Map<string, Binding>();
  const components = checkComponents(top.data.components, 'components', '', problems, ids, paths);
  checkPathCollisions(paths, problems);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, form: { ...top.data, components } };
}

function describe(raw: unknown, at: string): string {
  if (isRecord(raw)) {
    if (typeof raw.key === 'string') return `component '${raw.key}'`;
    if (typeof raw.path === 'string') return `component '${raw.path}'`;
    if (typeof raw.id === 'string') return `component '${raw.id}'`;
  }
  return `component ${at}`;
}

function checkComponents(
  raws: readonly unknown[],
  at: string,
  scope: string,
  problems: string[],
  ids: Map<string, string>,
  paths: Map<string, Binding>,
): FormComponent[] {
  const result: FormComponent[] = [];
  raws.forEach((raw, index) => {
    const where = `${at}[${index}]`;
    const subject = describe(raw, where);
    if (!isRecord(raw)) {
      problems.push(`${subject}: a component must be a JSON object`);
      return;
    }
    const type = raw.type;
    if (typeof type !== 'string' || !(type in componentSchemas)) {
      problems.push(
        `${subject} property 'type': '${String(type)}' is not one of ${COMPONENT_TYPES.join(', ')}`,
      );
      return;
    }
    const parsed = componentSchemas[type as ComponentType].safeParse(raw);
    if (!parsed.success) {
      problems.push(...zodProblems(parsed.error, subject));
      return;
    }
    const component = parsed.data as FormComponent;
    const previous = ids.get(component.id);
    if (previous !== undefined) {
      problems.push(`${subject} property 'id': '${component.id}' is also the id of ${previous}`);
    } else ids.set(component.id, subject);
    checkCommon(component, subject, problems);
    if (isInputComponent(component)) {
      checkInput(component, subject, problems);
      claimPath(paths, join(scope, component.key), subject, problems, 'key');
    }
    if (component.type === 'group' || component.type === 'dynamiclist') {
      const childScope = component.path === undefined ? scope : join(scope, component.path);
      if (component.path !== undefined) claimPath(paths, childScope, subject, problems, 'path');
      // A dynamic list's children are keyed relative to each item; they cannot collide with outer keys.
      const children = checkComponents(
        component.components,
        `${where}.components`,
        component.type === 'dynamiclist' ? `${childScope}[]` : childScope,
        problems,
        ids,
        paths,
      );
      result.push({ ...component, components: children });
      return;
    }
    result.push(component);
  });
  return result;
}

function join(scope: string, key: string): string {
  return scope === '' ? key : `${scope}.${key}`;
}

interface Binding {
  readonly subject: string;
  readonly property: 'key' | 'path';
}

function claimPath(
  paths: Map<string, Binding>,
  path: string,
  subject: string,
  problems: string[],
  property: 'key' | 'path',
): void {
  const previous = paths.get(path);
  if (previous !== undefined) {
    problems.push(`${subject} property '${property}': '${path}' is also bound by ${previous.subject}`);
  } else paths.set(path, { subject, property });
}

/** An input's value is a leaf: no other binding may lie inside it (`a` and `a.b` would overwrite each other). */
function checkPathCollisions(paths: Map<string, Binding>, problems: string[]): void {
  for (const [path, owner] of paths) {
    if (owner.property !== 'key') continue;
    for (const [other, inside] of paths) {
      if (other.startsWith(`${path}.`) || other.startsWith(`${path}[].`)) {
        problems.push(
          `${inside.subject} property '${inside.property}': '${other}' lies inside the value of ${owner.subject}`,
        );
      }
    }
  }
}

function checkFeel(value: unknown, subject: string, property: string, problems: string[]): void {
  if (typeof value !== 'string' || !value.startsWith('=')) return;
  const error = findFeelSyntaxError(value.slice(1));
  if (error !== null) problems.push(`${subject} property '${property}': FEEL does not parse: ${error}`);
}

function checkCommon(component: FormComponent, subject: string, problems: string[]): void {
  checkFeel(component.conditional?.hide, subject, 'conditional.hide', problems);
  if (component.type === 'text') checkFeel(component.text, subject, 'text', problems);
}

function checkInput(component: InputComponent, subject: string, problems: string[]): void {
  checkFeel(component.readonly, subject, 'readonly', problems);
  checkFeel(component.disabled, subject, 'disabled', problems);
  if (component.type === 'datetime') {
    const needsDate = component.subtype !== 'time';
    const needsTime = component.subtype !== 'date';
    if (needsDate && !component.dateLabel) {
      problems.push(`${subject} property 'dateLabel': a ${component.subtype} field needs a date label`);
    }
    if (needsTime && !component.timeLabel) {
      problems.push(`${subject} property 'timeLabel': a ${component.subtype} field needs a time label`);
    }
  } else if (!component.label) {
    problems.push(`${subject} property 'label': an input needs a label`);
  }
  if (component.type === 'textfield' || component.type === 'textarea') {
    const { minLength, maxLength } = component.validate ?? {};
    if (minLength !== undefined && maxLength !== undefined && minLength > maxLength) {
      problems.push(`${subject} property 'validate.minLength': ${minLength} is above maxLength ${maxLength}`);
    }
    const text = component.defaultValue;
    if (text !== undefined && maxLength !== undefined && text.length > maxLength) {
      problems.push(`${subject} property 'defaultValue': longer than maxLength ${maxLength}`);
    }
  }
  if (component.type === 'textfield') {
    const { pattern, patternErrorMessage } = component.validate ?? {};
    if (pattern !== undefined) {
      try {
        new RegExp(pattern);
      } catch (error) {
        problems.push(
          `${subject} property 'validate.pattern': not a regular expression: ${(error as Error).message}`,
        );
      }
    }
    if (patternErrorMessage !== undefined && pattern === undefined) {
      problems.push(`${subject} property 'validate.patternErrorMessage': there is no pattern`);
    }
  }
  if (component.type === 'number') {
    const { min, max } = component.validate ?? {};
    if (min !== undefined && max !== undefined && min > max) {
      problems.push(`${subject} property 'validate.min': ${min} is above max ${max}`);
    }
    const value = component.defaultValue;
    if (value !== undefined && ((min !== undefined && value < min) || (max !== undefined && value > max))) {
      problems.push(`${subject} property 'defaultValue': ${value} is outside [${min ?? ''}, ${max ?? ''}]`);
    }
    if (value !== undefined && component.decimalDigits === 0 && !Number.isInteger(value)) {
      problems.push(`${subject} property 'defaultValue': ${value} is not an integer`);
    }
  }
  if (component.type === 'filepicker') checkFeel(component.multiple, subject, 'multiple', problems);
  if (isOptionsComponent(component)) checkOptions(component, subject, problems);
}

function checkOptions(component: OptionsComponent, subject: string, problems: string[]): void {
  const sources = (['values', 'valuesKey', 'valuesExpression'] as const).filter(
    (p) => component[p] !== undefined,
  );
  if (sources.length !== 1) {
    problems.push(
      `${subject} property 'values': needs exactly one of values, valuesKey, valuesExpression (has ${
        sources.length === 0 ? 'none' : sources.join(', ')
      })`,
    );
  }
  checkFeel(component.valuesExpression, subject, 'valuesExpression', problems);
  const values = component.values?.map((option) => option.value) ?? [];
  const duplicate = values.find((value, index) => values.indexOf(value) !== index);
  if (duplicate !== undefined)
    problems.push(`${subject} property 'values': the value '${duplicate}' appears twice`);
  const defaults = component.defaultValue === undefined ? [] : [component.defaultValue].flat();
  if (defaults.length > 0 && component.valuesKey !== undefined) {
    problems.push(`${subject} property 'defaultValue': not allowed with valuesKey`);
  } else if (component.values !== undefined) {
    for (const value of defaults) {
      if (!values.includes(value)) {
        problems.push(`${subject} property 'defaultValue': '${value}' is not one of the values`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// The input fields of a form

/** The JSON type of a field's value, as form-js submits it. */
export type FieldValueType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'date' // `2026-03-01`
  | 'time' // `12:30+03:30`
  | 'date-time' // `2026-03-01T12:30+03:30`
  | 'option' // one option value
  | 'options' // a list of option values
  | 'files' // a file picker's reference (Tasklist: document references)
  | 'list'; // a dynamic list: a list of objects, one per item

export interface FieldOption {
  readonly label: string;
  readonly value: string;
}

export interface FormField {
  /** Where the value goes, as a dot path from the root (or, for the items of a dynamic list, from the item). */
  readonly key: string;
  /** The process variable the value is written to: the first segment of `key`. */
  readonly variable: string;
  readonly type: InputType | 'dynamiclist';
  /** The label (for a date/time field, its date and time labels). */
  readonly label: string;
  readonly description?: string;
  readonly valueType: FieldValueType;
  readonly required: boolean;
  readonly readonly: boolean | string;
  readonly disabled: boolean | string;
  /** `conditional.hide` of the field and of the containers around it: hidden when any is true. */
  readonly hide: readonly (string | true)[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly decimalDigits?: number;
  readonly pattern?: string;
  readonly patternErrorMessage?: string;
  readonly validationType?: string;
  readonly subtype?: 'date' | 'time' | 'datetime';
  readonly timeSerializingFormat?: 'utc_offset' | 'utc_normalized' | 'no_timezone';
  readonly disallowPassedDates?: boolean;
  /** Static options. */
  readonly options?: readonly FieldOption[];
  /** The variable holding the options (`valuesKey`), a list of `{label, value}`. */
  readonly optionsKey?: string;
  readonly optionsExpression?: string;
  readonly multiple?: boolean | string;
  readonly accept?: string;
  readonly defaultValue?: unknown;
  /** A dynamic list's fields, keyed relative to each item. */
  readonly items?: readonly FormField[];
  readonly component: InputComponent | DynamiclistComponent;
}

/** Lists the input fields of a form, in order, looking into groups; a dynamic list is one field with `items`. */
export function formFields(form: Pick<FormSchema, 'components'>): FormField[] {
  return collectFields(form.components, '', []);
}

function collectFields(
  components: readonly FormComponent[],
  scope: string,
  hide: (string | true)[],
): FormField[] {
  const fields: FormField[] = [];
  for (const component of components) {
    const own = component.conditional?.hide;
    const hidden = own === undefined || own === false ? hide : [...hide, own];
    if (component.type === 'group') {
      const inner = component.path === undefined ? scope : join(scope, component.path);
      fields.push(...collectFields(component.components, inner, hidden));
    } else if (component.type === 'dynamiclist') {
      const key = join(scope, component.path);
      fields.push({
        key,
        variable: firstSegment(key),
        type: 'dynamiclist',
        label: component.label ?? '',
        valueType: 'list',
        required: false,
        readonly: false,
        disabled: false,
        hide: hidden,
        items: collectFields(component.components, '', []),
        component,
      });
    } else if (isInputComponent(component)) {
      fields.push(inputField(component, join(scope, component.key), hidden));
    }
  }
  return fields;
}

function firstSegment(key: string): string {
  return key.split('.')[0]!;
}

function defined<T extends object>(entries: T): T {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as T;
}

function inputField(component: InputComponent, key: string, hide: (string | true)[]): FormField {
  const base = {
    key,
    variable: firstSegment(key),
    type: component.type,
    description: component.description,
    required: component.validate?.required === true,
    readonly: component.readonly ?? false,
    disabled: component.disabled ?? false,
    hide,
    component,
  };
  switch (component.type) {
    case 'textfield':
      return defined({
        ...base,
        label: component.label ?? '',
        valueType: 'string',
        minLength: component.validate?.minLength,
        maxLength: component.validate?.maxLength,
        pattern: component.validate?.pattern,
        patternErrorMessage: component.validate?.patternErrorMessage,
        validationType: component.validate?.validationType ?? undefined,
        defaultValue: component.defaultValue,
      });
    case 'textarea':
      return defined({
        ...base,
        label: component.label ?? '',
        valueType: 'string',
        minLength: component.validate?.minLength,
        maxLength: component.validate?.maxLength,
        defaultValue: component.defaultValue,
      });
    case 'number':
      return defined({
        ...base,
        label: component.label ?? '',
        valueType: 'number',
        min: component.validate?.min,
        max: component.validate?.max,
        decimalDigits: component.decimalDigits,
        defaultValue: component.defaultValue,
      });
    case 'datetime':
      return defined({
        ...base,
        label:
          [component.dateLabel, component.timeLabel].filter(Boolean).join(' / ') || (component.label ?? ''),
        valueType: component.subtype === 'datetime' ? 'date-time' : component.subtype,
        subtype: component.subtype,
        timeSerializingFormat: component.timeSerializingFormat,
        disallowPassedDates: component.disallowPassedDates,
      });
    case 'checkbox':
      return defined({
        ...base,
        label: component.label ?? '',
        valueType: 'boolean',
        defaultValue: component.defaultValue,
      });
    case 'select':
    case 'radio':
    case 'checklist':
    case 'taglist':
      return defined({
        ...base,
        label: component.label ?? '',
        valueType: component.type === 'select' || component.type === 'radio' ? 'option' : 'options',
        options: component.values,
        optionsKey: component.valuesKey,
        optionsExpression: component.valuesExpression,
        defaultValue: component.defaultValue,
      });
    case 'filepicker':
      return defined({
        ...base,
        label: component.label ?? '',
        valueType: 'files',
        multiple: component.multiple,
        accept: component.accept,
      });
  }
}

// ---------------------------------------------------------------------------------------------------
// Submitted values

export interface SubmissionProblem {
  /** The field's value path, e.g. `complainantPhone` or `correctiveActions[0].dueOn`. */
  readonly field: string;
  readonly message: string;
}

export interface SubmissionOptions {
  /** Other variables the form sees (process variables): options lists for `valuesKey`, FEEL conditions. */
  readonly context?: Readonly<Record<string, unknown>>;
  /** "Today" for `disallowPassedDates`; default: now. */
  readonly now?: Date;
  /** The zone whose calendar date is "today"; default Asia/Tehran. */
  readonly timeZone?: string;
}

export const MESSAGES = {
  required: 'این فیلد الزامی است',
  text: 'مقدار این فیلد باید متن باشد',
  number: 'مقدار این فیلد باید عدد باشد',
  integer: 'مقدار این فیلد باید عدد صحیح باشد',
  decimals: (digits: number) => `مقدار این فیلد حداکثر ${faDigits(digits)} رقم اعشار می‌تواند داشته باشد`,
  min: (min: number) => `مقدار این فیلد نباید کمتر از ${faDigits(min)} باشد`,
  max: (max: number) => `مقدار این فیلد نباید بیشتر از ${faDigits(max)} باشد`,
  minLength: (length: number) => `این فیلد باید دست‌کم ${faDigits(length)} نویسه داشته باشد`,
  maxLength: (length: number) => `این فیلد نباید بیش از ${faDigits(length)} نویسه داشته باشد`,
  pattern: 'قالب مقدار واردشده درست نیست',
  email: 'نشانی رایانامه درست نیست',
  phone: 'شمارهٔ تلفن بین‌المللی درست نیست (مانند ‎+989131234567)',
  boolean: 'مقدار این فیلد باید «بله» یا «خیر» باشد',
  date: 'تاریخ واردشده درست نیست',
  time: 'ساعت واردشده درست نیست',
  dateTime: 'تاریخ و ساعت واردشده درست نیست',
  passedDate: 'تاریخ گذشته پذیرفته نیست',
  option: 'گزینهٔ انتخاب‌شده در فهرست گزینه‌ها نیست',
  options: 'مقدار این فیلد باید فهرستی از گزینه‌ها باشد',
  list: 'مقدار این فیلد باید فهرست باشد',
  listItem: 'هر ردیف این فهرست باید مجموعه‌ای از فیلدها باشد',
} as const;

/** Western digits (and the minus sign and decimal point) in Persian. */
export function faDigits(value: number | string): string {
  return toPersianDigits(value).replace(/\./g, '٫').replace(/^-/, '−');
}

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const INTERNATIONAL_PHONE = /^(\+|00)[1-9][0-9]{6,14}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Checks submitted values against a form's rules the way form-js does before it submits: fields hidden by
 * `conditional.hide` and read-only or disabled fields are skipped; a required field must have a value
 * (a non-blank text, a ticked checkbox, a non-empty list); then type, length, range, pattern and option
 * checks. Returns one problem per failing field, with a Persian message; an empty list means valid.
 */
export function validateSubmission(
  form: Pick<FormSchema, 'components'>,
  values: Readonly<Record<string, unknown>>,
  options: SubmissionOptions = {},
): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  const feelContext = { ...options.context, ...values };
  checkFields(formFields(form), values, feelContext, '', problems, options);
  return problems;
}

function checkFields(
  fields: readonly FormField[],
  scope: Readonly<Record<string, unknown>>,
  feelContext: Record<string, unknown>,
  prefix: string,
  problems: SubmissionProblem[],
  options: SubmissionOptions,
): void {
  for (const field of fields) {
    if (field.hide.some((condition) => conditionHolds(condition, feelContext))) continue;
    const name = `${prefix}${field.key}`;
    const value = getPath(scope, field.key);
    if (field.type === 'dynamiclist') {
      if (value === undefined || value === null) continue;
      if (!Array.isArray(value)) {
        problems.push({ field: name, message: MESSAGES.list });
        continue;
      }
      value.forEach((item: unknown, index) => {
        const itemName = `${name}[${index}]`;
        if (!isRecord(item)) {
          problems.push({ field: itemName, message: MESSAGES.listItem });
          return;
        }
        const itemContext = {
          ...feelContext,
          this: item,
          _this_: item,
          parent: scope,
          _parent_: scope,
          i: [index + 1],
        };
        checkFields(field.items ?? [], item, itemContext, `${itemName}.`, problems, options);
      });
      continue;
    }
    if (conditionHolds(field.readonly, feelContext) || conditionHolds(field.disabled, feelContext)) continue;
    const message = checkValue(field, value, options);
    if (message !== null) problems.push({ field: name, message });
  }
}

/** Whether a form property that is a boolean or a FEEL expression (`hide`, `readonly`, `disabled`) holds. */
export function conditionHolds(condition: string | boolean, context: Record<string, unknown>): boolean {
  if (typeof condition === 'boolean') return condition;
  if (!condition.startsWith('=')) return false;
  const result = evaluateFeel(condition.slice(1), context);
  return result.ok && result.value === true;
}

function getPath(scope: Readonly<Record<string, unknown>>, key: string): unknown {
  let value: unknown = scope;
  for (const segment of key.split('.')) {
    if (!isRecord(value)) return undefined;
    value = value[segment];
  }
  return value;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function checkValue(field: FormField, value: unknown, options: SubmissionOptions): string | null {
  if (field.valueType === 'boolean' && field.required && value !== true) return MESSAGES.required;
  if (isEmpty(value)) return field.required ? MESSAGES.required : null;
  switch (field.valueType) {
    case 'string':
      return checkText(field, value);
    case 'number':
      return checkNumber(field, value);
    case 'boolean':
      return typeof value === 'boolean' ? null : MESSAGES.boolean;
    case 'date':
    case 'date-time':
    case 'time':
      return checkTemporal(field, value, options);
    case 'option':
      return isOption(field, value, options) ? null : MESSAGES.option;
    case 'options':
      if (!Array.isArray(value)) return MESSAGES.options;
      return value.every((item: unknown) => isOption(field, item, options)) ? null : MESSAGES.option;
    case 'files':
    case 'list':
      return null;
  }
}

function checkText(field: FormField, value: unknown): string | null {
  if (typeof value !== 'string') return MESSAGES.text;
  const length = [...value.trim()].length;
  if (field.minLength !== undefined && length < field.minLength) return MESSAGES.minLength(field.minLength);
  if (field.maxLength !== undefined && length > field.maxLength) return MESSAGES.maxLength(field.maxLength);
  if (field.pattern !== undefined && !new RegExp(field.pattern).test(value)) {
    return field.patternErrorMessage ?? MESSAGES.pattern;
  }
  if (field.validationType === 'email' && !EMAIL.test(value)) return MESSAGES.email;
  if (field.validationType === 'phone' && !INTERNATIONAL_PHONE.test(value)) return MESSAGES.phone;
  return null;
}

function checkNumber(field: FormField, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return MESSAGES.number;
  if (field.decimalDigits === 0 && !Number.isInteger(value)) return MESSAGES.integer;
  if (field.decimalDigits !== undefined && field.decimalDigits > 0) {
    const decimals = (String(value).split('.')[1] ?? '').length;
    if (decimals > field.decimalDigits) return MESSAGES.decimals(field.decimalDigits);
  }
  if (field.min !== undefined && value < field.min) return MESSAGES.min(field.min);
  if (field.max !== undefined && value > field.max) return MESSAGES.max(field.max);
  return null;
}

function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function checkTemporal(field: FormField, value: unknown, options: SubmissionOptions): string | null {
  const invalid =
    field.valueType === 'date'
      ? MESSAGES.date
      : field.valueType === 'time'
        ? MESSAGES.time
        : MESSAGES.dateTime;
  if (typeof value !== 'string') return invalid;
  const withZone = field.timeSerializingFormat !== 'no_timezone' && field.timeSerializingFormat !== undefined;
  let datePart: string;
  if (field.valueType === 'date') {
    if (!isCalendarDate(value)) return invalid;
    datePart = value;
  } else {
    const [day, time] = field.valueType === 'time' ? [undefined, value] : value.split('T');
    if (field.valueType === 'date-time' && (day === undefined || !isCalendarDate(day))) return invalid;
    if (time === undefined || !TIME.test(time)) return invalid;
    if (withZone && !/(Z|[+-]\d{2}:\d{2})$/.test(time)) return invalid;
    if (day === undefined) return null;
    datePart = day;
  }
  if (field.disallowPassedDates === true && datePart < today(options)) return MESSAGES.passedDate;
  return null;
}

function today(options: SubmissionOptions): string {
  return civilDayOf(options.now ?? new Date(), options.timeZone ?? TEHRAN);
}

function optionValues(field: FormField, options: SubmissionOptions): unknown[] | undefined {
  if (field.options !== undefined) return field.options.map((option) => option.value);
  if (field.optionsKey === undefined) return undefined;
  const source = options.context?.[field.optionsKey];
  if (!Array.isArray(source)) return undefined;
  return source.map((option: unknown) => (isRecord(option) && 'value' in option ? option.value : option));
}

function isOption(field: FormField, value: unknown, options: SubmissionOptions): boolean {
  const allowed = optionValues(field, options);
  if (allowed === undefined) return ['string', 'number', 'boolean'].includes(typeof value);
  return allowed.includes(value);
}
