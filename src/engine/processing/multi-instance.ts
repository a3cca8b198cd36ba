import { evaluateBoolean, evaluateJson, evaluateList, type JsonValue } from '../feel/index.js';
import type { ExecutableElement, MultiInstanceDefinition } from '../model/executable-process.js';
import type { ProcessBatch } from './process-batch.js';
import type { ElementInstance } from './runtime.js';

/** The multi-instance characteristics of an element, if it has them. */
export function multiInstanceOf(element: ExecutableElement): MultiInstanceDefinition | null {
  return 'multiInstance' in element ? element.multiInstance : null;
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The body activates (zeebe-semantics §7.2): the input collection fixes the number of inner
 * instances; the output collection starts as that many nulls, local to the body.
 */
export async function activateBody(
  batch: ProcessBatch,
  body: ElementInstance,
  element: ExecutableElement,
): Promise<void> {
  const mi = multiInstanceOf(element)!;
  const items = evaluateList(mi.inputCollection, batch.variables.visible(body.key));
  if (!items.ok) return batch.raiseIncident(body, 'EXTRACT_VALUE_ERROR', items.failure.message, 'ACTIVATING');
  if (!(await batch.openBoundaryEvents(body))) return;
  const size = items.value.length;
  body.runtime = {
    ...body.runtime,
    activeChildren: 0,
    activeFlows: 0,
    mi: { size, next: 1, completed: 0, terminated: 0, done: false },
  };
  batch.transition(body, 'ACTIVATED');
  if (mi.output)
    batch.variables.setLocal(
      body.key,
      mi.output.collection,
      Array.from({ length: size }, () => null),
    );
  if (size === 0) return batch.complete(body.key);
  const first = mi.isSequential ? 1 : size;
  for (let i = 1; i <= first; i++) batch.activateInner(element.id, body, i);
  body.runtime.mi!.next = first + 1;
}

/**
 * Before an inner instance's input mappings (§7.3): `loopCounter`, the item of the re-evaluated
 * collection as `inputElement`, and the output element pre-created as a local null.
 */
export function prepareInner(
  batch: ProcessBatch,
  inner: ElementInstance,
  element: ExecutableElement,
): boolean {
  const mi = multiInstanceOf(element)!;
  const loopCounter = inner.runtime.loopCounter!;
  const items = evaluateList(mi.inputCollection, batch.variables.visible(inner.key));
  if (!items.ok) {
    batch.raiseIncident(inner, 'EXTRACT_VALUE_ERROR', items.failure.message, 'ACTIVATING');
    return false;
  }
  if (items.value.length < loopCounter) {
    batch.raiseIncident(
      inner,
      'EXTRACT_VALUE_ERROR',
      `Expected result of the expression '${mi.inputCollection.expression}' to be a list with at least ${loopCounter} items, but it has ${items.value.length}. The input collection might be modified while iterating over it.`,
      'ACTIVATING',
    );
    return false;
  }
  batch.variables.setLocal(inner.key, 'loopCounter', loopCounter);
  if (mi.inputElement)
    batch.variables.setLocal(inner.key, mi.inputElement, items.value[loopCounter - 1] ?? null);
  const outputName = mi.output?.element.expression;
  if (
    outputName &&
    PLAIN_NAME.test(outputName) &&
    outputName !== mi.inputElement &&
    outputName !== 'loopCounter'
  ) {
    if (!batch.variables.local(inner.key, outputName)) batch.variables.setLocal(inner.key, outputName, null);
  }
  return true;
}

/**
 * An inner instance is completing (§7.4): its output element goes into the body's output collection
 * at its index, and the completion condition is checked. False after raising an incident on it.
 */
export function completeInner(
  batch: ProcessBatch,
  inner: ElementInstance,
  element: ExecutableElement,
  body: ElementInstance,
): boolean {
  const mi = multiInstanceOf(element)!;
  const state = body.runtime.mi!;
  const loopCounter = inner.runtime.loopCounter!;
  if (mi.output) {
    const value = evaluateJson(mi.output.element, batch.variables.visible(inner.key));
    if (!value.ok) {
      batch.raiseIncident(inner, 'EXTRACT_VALUE_ERROR', value.failure.message, 'COMPLETING');
      return false;
    }
    const collection = batch.variables.local(body.key, mi.output.collection)?.value;
    if (!Array.isArray(collection) || collection.length < loopCounter) {
      batch.raiseIncident(
        inner,
        'EXTRACT_VALUE_ERROR',
        `Unable to update the output collection '${mi.output.collection}': it is not a list of at least ${loopCounter} items.`,
        'COMPLETING',
      );
      return false;
    }
    const updated: JsonValue[] = [...collection];
    updated[loopCounter - 1] = value.value;
    batch.variables.setLocal(body.key, mi.output.collection, updated);
  }
  if (mi.completionCondition) {
    const condition = evaluateBoolean(mi.completionCondition, {
      ...batch.variables.visible(inner.key),
      numberOfInstances: state.size,
      numberOfActiveInstances: Math.max(0, (body.runtime.activeChildren ?? 1) - 1),
      numberOfCompletedInstances: state.completed + 1,
      numberOfTerminatedInstances: state.terminated,
    });
    if (!condition.ok) {
      batch.raiseIncident(inner, 'EXTRACT_VALUE_ERROR', condition.failure.message, 'COMPLETING');
      return false;
    }
    if (condition.value) state.done = true;
  }
  state.completed += 1;
  batch.changes.touch(body);
  return true;
}

/** After an inner instance ended: the next one (sequential), the end of the others (condition met), or the body completes. */
export function afterInner(batch: ProcessBatch, body: ElementInstance, element: ExecutableElement): void {
  const mi = multiInstanceOf(element)!;
  const state = body.runtime.mi!;
  const active = body.runtime.activeChildren ?? 0;
  if (state.done) {
    if (active === 0) batch.complete(body.key);
    else for (const child of batch.children(body.key)) batch.terminate(child.key);
    return;
  }
  if (mi.isSequential && state.next <= state.size) {
    batch.activateInner(element.id, body, state.next);
    state.next += 1;
    batch.changes.touch(body);
    return;
  }
  if (active === 0 && state.completed + state.terminated >= state.size) batch.complete(body.key);
}
