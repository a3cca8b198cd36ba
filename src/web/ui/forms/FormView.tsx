import type { ReactNode } from 'react';
import {
  conditionHolds,
  formFields,
  type FormComponent,
  type FormField,
  type FormSchema,
} from '../../../forms/form-schema.js';
import { faDigits, latinDigits } from '../format.js';
import { Column } from '../components/Column.js';
import { DateTimeInput } from './DateTimeInput.js';
import { Markdown } from './Markdown.js';
import { fillTemplate } from './template.js';
import { fieldName, getIn, pathOf, setIn, type Path, type Values } from './values.js';

interface Props {
  readonly form: Pick<FormSchema, 'components'>;
  /** The process variables the form sees: option lists (`valuesKey`), FEEL conditions, template text. */
  readonly context: Values;
  readonly values: Values;
  onChange(values: Values): void;
  /** Problems by field name (`correctiveActions[0].dueOn`). */
  readonly errors: Readonly<Record<string, string>>;
  readonly disabled?: boolean;
  /** Called with a field's name when the user changes it, so its error can be cleared. */
  onFieldEdited?(name: string): void;
}

interface Scope {
  readonly base: Path;
  /** FEEL context: variables, then values; inside a list item also `this`, `parent`, `i`. */
  readonly feel: Values;
}

/** Renders a Camunda Form (.form) right-to-left: the same components, layout, conditions and rules. */
export function FormView(props: Props) {
  const fields = new Map<FormComponent, FormField>();
  const index = (list: readonly FormField[]) =>
    list.forEach((f) => {
      fields.set(f.component as FormComponent, f);
      if (f.items) index(f.items);
    });
  index(formFields(props.form));
  const feel = { ...props.context, ...props.values };
  return (
    <Components components={props.form.components} scope={{ base: [], feel }} fields={fields} props={props} />
  );
}

function Components({
  components,
  scope,
  fields,
  props,
}: {
  components: readonly FormComponent[];
  scope: Scope;
  fields: ReadonlyMap<FormComponent, FormField>;
  props: Props;
}) {
  const rows: FormComponent[][] = [];
  let lastRow: string | undefined;
  for (const component of components) {
    const row = component.layout?.row;
    if (row !== undefined && row === lastRow) rows[rows.length - 1]!.push(component);
    else rows.push([component]);
    lastRow = row;
  }
  return (
    <>
      {rows.map((row, i) => {
        const visible = row.filter(
          (c) => !(c.conditional?.hide !== undefined && conditionHolds(c.conditional.hide, scope.feel)),
        );
        if (visible.length === 0) return null;
        return (
          <div className="form-row" key={i}>
            {visible.map((component) => {
              const columns = component.layout?.columns ?? Math.floor(16 / visible.length);
              return (
                <Column key={component.id} span={columns} data-component={component.id}>
                  <Component component={component} scope={scope} fields={fields} props={props} />
                </Column>
              );
            })}
          </div>
        );
      })}
    </>
  );
}

function Component({
  component,
  scope,
  fields,
  props,
}: {
  component: FormComponent;
  scope: Scope;
  fields: ReadonlyMap<FormComponent, FormField>;
  props: Props;
}): ReactNode {
  switch (component.type) {
    case 'text':
      return <Markdown text={fillTemplate(component.text, scope.feel)} />;
    case 'separator':
      return <hr />;
    case 'spacer':
      return <div aria-hidden="true" className="spacer" />;
    case 'group': {
      const base = component.path ? pathOf(scope.base, component.path) : scope.base;
      return (
        <fieldset>
          {component.label && <legend>{component.label}</legend>}
          <Components
            components={component.components}
            scope={{ ...scope, base }}
            fields={fields}
            props={props}
          />
        </fieldset>
      );
    }
    case 'dynamiclist':
      return (
        <DynamicList
          component={component}
          field={fields.get(component)!}
          scope={scope}
          fields={fields}
          props={props}
        />
      );
    case 'filepicker':
      return (
        <div className="field">
          <span className="label">{component.label}</span>
          <p className="hint">پیوست‌های پرونده در صفحهٔ پرونده بارگذاری و نگهداری می‌شوند.</p>
        </div>
      );
    default: {
      const field = fields.get(component);
      return field ? <Input field={field} scope={scope} props={props} /> : null;
    }
  }
}

function DynamicList({
  component,
  field,
  scope,
  fields,
  props,
}: {
  component: Extract<FormComponent, { type: 'dynamiclist' }>;
  field: FormField;
  scope: Scope;
  fields: ReadonlyMap<FormComponent, FormField>;
  props: Props;
}) {
  const path = pathOf(scope.base, field.key);
  const items = (getIn(props.values, path) as Values[] | undefined) ?? [];
  const set = (next: Values[]) => props.onChange(setIn(props.values, path, next));
  return (
    <fieldset>
      <legend>{component.label}</legend>
      {items.map((item, i) => (
        <fieldset key={i} aria-label={`${component.label ?? ''} ${faDigits(i + 1)}`}>
          <legend className="small muted">ردیف {faDigits(i + 1)}</legend>
          <Components
            components={component.components}
            scope={{
              base: [...path, i],
              feel: { ...scope.feel, this: item, parent: scope.feel, i: [i + 1] },
            }}
            fields={fields}
            props={props}
          />
          {component.allowAddRemove && (
            <button
              type="button"
              className="secondary"
              disabled={props.disabled}
              onClick={() => set(items.filter((_, j) => j !== i))}
            >
              حذف این ردیف
            </button>
          )}
        </fieldset>
      ))}
      {component.allowAddRemove && (
        <button
          type="button"
          className="secondary"
          disabled={props.disabled}
          onClick={() => set([...items, {}])}
        >
          افزودن ردیف
        </button>
      )}
    </fieldset>
  );
}

/** An option as the process gave it: values keep their type (unit ids are numbers, usernames strings). */
interface Option {
  readonly label: string;
  readonly value: unknown;
}

function optionsOf(field: FormField, feel: Values): readonly Option[] {
  if (field.options) return field.options;
  const source = field.optionsKey ? feel[field.optionsKey] : undefined;
  if (!Array.isArray(source)) return [];
  return source.map((o: unknown) =>
    o !== null && typeof o === 'object' && 'value' in o
      ? { value: (o as Option).value, label: String((o as { label?: unknown }).label ?? (o as Option).value) }
      : { value: o, label: String(o) },
  );
}

/** The option's position, as the string a <select> carries; -1 when the value is none of them. */
const indexOf = (options: readonly Option[], value: unknown) => options.findIndex((o) => o.value === value);

function Input({ field, scope, props }: { field: FormField; scope: Scope; props: Props }) {
  const path = pathOf(scope.base, field.key);
  const name = fieldName(path);
  const id = `field-${name.replace(/[^\w-]/g, '_')}`;
  const value = getIn(props.values, path);
  const error = props.errors[name];
  const readOnly = conditionHolds(field.readonly, scope.feel) || conditionHolds(field.disabled, scope.feel);
  const disabled = props.disabled || readOnly;
  const set = (next: unknown) => {
    props.onChange(setIn(props.values, path, next));
    props.onFieldEdited?.(name);
  };
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy =
    [error ? errorId : '', field.description ? hintId : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, disabled, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };
  const options = optionsOf(field, scope.feel);
  const ltr = field.validationType === 'email' || field.validationType === 'phone';

  let control: ReactNode;
  let labelFor: string | undefined = id;
  switch (field.type) {
    case 'textfield':
      control = (
        <input
          {...common}
          className={ltr ? 'ltr' : undefined}
          value={(value as string | undefined) ?? ''}
          onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
        />
      );
      break;
    case 'textarea':
      control = (
        <textarea
          {...common}
          value={(value as string | undefined) ?? ''}
          onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
        />
      );
      break;
    case 'number':
      control = (
        <input
          {...common}
          inputMode="decimal"
          value={value === undefined || value === null ? '' : faDigits(String(value))}
          onChange={(e) => {
            const text = latinDigits(e.target.value).replace('٫', '.').trim();
            set(text === '' ? undefined : Number.isNaN(Number(text)) ? text : Number(text));
          }}
        />
      );
      break;
    case 'checkbox':
      labelFor = undefined;
      control = (
        <label className="choices">
          <input
            type="checkbox"
            {...common}
            checked={value === true}
            onChange={(e) => set(e.target.checked)}
          />
          {field.label}
        </label>
      );
      break;
    case 'select':
      control = (
        <select
          {...common}
          value={String(indexOf(options, value))}
          onChange={(e) => set(options[Number(e.target.value)]?.value)}
        >
          <option value="-1">— انتخاب کنید —</option>
          {options.map((o, i) => (
            <option key={i} value={i}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'radio':
      labelFor = undefined;
      control = (
        <div
          className="choices"
          role="radiogroup"
          aria-labelledby={`${id}-label`}
          aria-describedby={describedBy}
        >
          {options.map((o) => (
            <label key={String(o.value)}>
              <input
                type="radio"
                name={id}
                disabled={disabled}
                checked={value === o.value}
                onChange={() => set(o.value)}
              />
              {o.label}
            </label>
          ))}
        </div>
      );
      break;
    case 'checklist':
    case 'taglist': {
      labelFor = undefined;
      const chosen: unknown[] = Array.isArray(value) ? value : [];
      control = (
        <div className="choices" role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy}>
          {options.map((o) => (
            <label key={String(o.value)}>
              <input
                type="checkbox"
                disabled={disabled}
                checked={chosen.some((v) => v === o.value)}
                onChange={(e) =>
                  set(e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))
                }
              />
              {o.label}
            </label>
          ))}
        </div>
      );
      break;
    }
    case 'datetime':
      control = <DateTimeInput field={field} value={value as string | undefined} set={set} common={common} />;
      break;
    default:
      control = <p className="hint">این نوع فیلد ({field.type}) در این صفحه پشتیبانی نمی‌شود.</p>;
  }

  const label =
    field.type === 'datetime' && field.subtype === 'datetime'
      ? null
      : field.type === 'checkbox'
        ? null
        : field.label;
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      {label !== null &&
        (labelFor ? (
          <label htmlFor={labelFor} id={`${id}-label`} className={field.required ? 'required' : undefined}>
            {label}
          </label>
        ) : (
          <span className={`label${field.required ? ' required' : ''}`} id={`${id}-label`}>
            {label}
          </span>
        ))}
      {control}
      {field.description && (
        <div className="hint" id={hintId}>
          {field.description}
        </div>
      )}
      {error && (
        <div className="error" id={errorId} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
