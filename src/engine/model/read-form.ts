import type { BindingType, FormReference } from './executable-process.js';
import { findExtension, present, untypedString } from './moddle-access.js';
import type { BpmnElement } from './moddle-access.js';
import type { ProblemCollector } from './problem-collector.js';
import { readValueOrExpression } from './read-attribute.js';
import type { TransformContext } from './transform-context.js';

const BINDING_TYPES: readonly string[] = ['latest', 'deployment', 'versionTag'];

export interface Binding {
  readonly bindingType: BindingType;
  readonly versionTag: string | null;
}

/** `bindingType` (default `latest`) and `versionTag` (required with `bindingType="versionTag"`). */
export function readBinding(
  problems: ProblemCollector,
  element: BpmnElement,
  extension: object,
  name: string,
): Binding {
  const raw = untypedString(extension, 'bindingType') ?? 'latest';
  const versionTag = untypedString(extension, 'versionTag') ?? null;
  if (!BINDING_TYPES.includes(raw)) {
    problems.add(
      element,
      `${name} bindingType must be one of latest, deployment, versionTag, but was '${raw}'`,
    );
    return { bindingType: 'latest', versionTag };
  }
  if (raw === 'versionTag' && versionTag === null) {
    problems.add(element, `${name} with bindingType 'versionTag' must have a versionTag`);
  }
  return { bindingType: raw as BindingType, versionTag };
}

/**
 * `zeebe:formDefinition` of a user task: a linked Camunda form (`formId`), a custom reference
 * (`externalReference`) or an old-style `formKey` (kept as written). Static form ids are collected.
 */
export function readFormReference(context: TransformContext, element: BpmnElement): FormReference | null {
  const { problems } = context;
  const definition = findExtension(element, 'zeebe:FormDefinition');
  if (definition === undefined) return null;
  const formId = present(definition.formId);
  const externalReference = present(definition.externalReference);
  const formKey = present(definition.formKey);
  const given = [formId, externalReference, formKey].filter((value) => value !== undefined);
  if (given.length !== 1) {
    problems.add(
      element,
      'zeebe:formDefinition must have exactly one of formId, externalReference or formKey',
    );
    return null;
  }
  if (formKey !== undefined) return { type: 'formKey', formKey };
  if (externalReference !== undefined) {
    const reference = readValueOrExpression(
      problems,
      element,
      'zeebe:formDefinition externalReference',
      externalReference,
    );
    return reference === undefined ? null : { type: 'externalReference', externalReference: reference };
  }
  const id = readValueOrExpression(problems, element, 'zeebe:formDefinition formId', formId);
  const binding = readBinding(problems, element, definition, 'zeebe:formDefinition');
  if (id === undefined) return null;
  if (id.kind === 'static') {
    context.linkedForms.push({
      bpmnProcessId: context.bpmnProcessId,
      elementId: element.id ?? '',
      formId: id.value,
      ...binding,
    });
  }
  return { type: 'formId', formId: id, ...binding };
}

/** A start event may link a form too (a start form in Tasklist); only its id matters here. */
export function collectLinkedForm(context: TransformContext, element: BpmnElement): void {
  readFormReference(context, element);
}
