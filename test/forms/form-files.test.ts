import { describe, expect, it } from '@jest/globals';
import {
  formFields,
  isInputComponent,
  validateFormFile,
  type FormComponent,
  type FormSchema,
} from '../../src/forms/form-schema.js';
import { formFiles, formText, loadForm } from './support/forms.js';

const PERSIAN_LETTER = /[\u0600-\u06FF]/;
const LATIN_LETTER = /[A-Za-z]/;

function allComponents(components: readonly FormComponent[]): FormComponent[] {
  return components.flatMap((c) =>
    c.type === 'group' || c.type === 'dynamiclist' ? [c, ...allComponents(c.components)] : [c],
  );
}

/** The texts a user reads on an input: label (or date/time labels), description, option labels. */
function visibleTexts(component: FormComponent): { property: string; text: string }[] {
  const texts: { property: string; text: string }[] = [];
  const add = (property: string, text: string | undefined) => {
    if (text !== undefined) texts.push({ property, text });
  };
  if (component.type === 'datetime') {
    add('dateLabel', component.dateLabel);
    add('timeLabel', component.timeLabel);
  } else if (component.type !== 'text' && component.type !== 'separator' && component.type !== 'spacer') {
    add('label', component.label);
  }
  if (isInputComponent(component)) add('description', component.description);
  if ('values' in component) component.values?.forEach((v, i) => add(`values[${i}].label`, v.label));
  return texts;
}

describe('the Camunda forms in forms/', () => {
  const files = formFiles();

  it('there are forms', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s is valid JSON and passes validateFormFile', (file) => {
    const text = formText(file);
    expect(() => JSON.parse(text)).not.toThrow();
    const result = validateFormFile(text);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it.each(files)('%s has the id of its file name and targets Camunda 8.8 (schemaVersion 18)', (file) => {
    const form = JSON.parse(formText(file)) as FormSchema;
    expect(form).toMatchObject({
      id: file.replace(/\.form$/, ''),
      type: 'default',
      executionPlatform: 'Camunda Cloud',
      executionPlatformVersion: '8.8.0',
      schemaVersion: 18,
    });
  });

  it('form ids are unique', () => {
    const ids = files.map((file) => (JSON.parse(formText(file)) as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(files)('%s labels every input, list and group in Persian', (file) => {
    const form = loadForm(file.replace(/\.form$/, ''));
    const bad: string[] = [];
    for (const component of allComponents(form.components)) {
      if (isInputComponent(component) || component.type === 'group' || component.type === 'dynamiclist') {
        const texts = visibleTexts(component);
        if (!texts.some((t) => t.property === 'label' || t.property === 'dateLabel')) {
          bad.push(`${component.id}: no label`);
        }
        for (const { property, text } of texts) {
          if (!PERSIAN_LETTER.test(text)) bad.push(`${component.id} ${property}: not Persian: ${text}`);
          // file types and examples may be Latin in descriptions; labels are Persian only
          if (property !== 'description' && LATIN_LETTER.test(text)) {
            bad.push(`${component.id} ${property}: Latin letters in: ${text}`);
          }
        }
      }
      if (component.type === 'text' && !PERSIAN_LETTER.test(component.text)) {
        bad.push(`${component.id}: text not Persian`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.each(files)('%s: every text input has a maximum length', (file) => {
    const form = loadForm(file.replace(/\.form$/, ''));
    const unbounded = formFields(form)
      .flatMap((f) => (f.items ? f.items : [f]))
      .filter(
        (f) =>
          (f.type === 'textfield' || f.type === 'textarea') &&
          f.readonly === false &&
          f.maxLength === undefined &&
          f.pattern === undefined,
      )
      .map((f) => f.key);
    expect(unbounded).toEqual([]);
  });
});
