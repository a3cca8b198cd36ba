import type { BpmnExpression } from 'bpmn-moddle/types';
import type { ModdleElement } from 'moddle';
import type { ZeebeModdleTypeMap } from 'zeebe-bpmn-moddle/types';

/** Any element of the bpmn-moddle tree; `$type` is the XML type name, e.g. `bpmn:ServiceTask`. */
export type BpmnElement = ModdleElement & {
  readonly id?: string;
  readonly name?: string;
  readonly extensionElements?: ModdleElement & { readonly values?: readonly ModdleElement[] };
};

export type ZeebeExtension<K extends keyof ZeebeModdleTypeMap> = ZeebeModdleTypeMap[K];

/** The element's `zeebe:*` (and other) extension elements, in document order. */
export function extensionsOf(element: BpmnElement): readonly ModdleElement[] {
  return element.extensionElements?.values ?? [];
}

/** The first extension element of a type, e.g. `zeebe:TaskDefinition`. */
export function findExtension<K extends keyof ZeebeModdleTypeMap>(
  element: BpmnElement,
  type: K,
): ZeebeExtension<K> | undefined {
  return extensionsOf(element).find((extension) => extension.$type === type) as ZeebeExtension<K> | undefined;
}

/** The text of a `bpmn:FormalExpression` (condition, timer value), without surrounding white space. */
export function expressionBody(expression: ModdleElement<BpmnExpression> | undefined): string | undefined {
  const body = expression?.body?.trim();
  return body === undefined || body === '' ? undefined : body;
}

/** A non-empty attribute value, or `undefined`. */
export function present(value: string | undefined | null): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : value;
}

/** A property that bpmn-moddle types do not declare (mixins such as `zeebe:BindingTypeSupported`). */
export function untypedProperty(element: object, name: string): unknown {
  return (element as Record<string, unknown>)[name];
}

/** A string property that bpmn-moddle types do not declare, if set and not empty. */
export function untypedString(element: object, name: string): string | undefined {
  const value = untypedProperty(element, name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
