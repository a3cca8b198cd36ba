import { evaluateCorrelationKey, evaluateString, type JsonObject } from '../feel/index.js';
import type { MessageCatchDefinition, TimerDefinition } from '../model/executable-process.js';
import { evaluateTimer, firstDueDate, type Timer } from '../model/index.js';
import type { ProcessBatch } from './process-batch.js';
import type { ElementInstance } from './runtime.js';

/** A catch event waiting on an element instance: its id, what it waits for, whether it interrupts. */
export interface CatchEvent {
  readonly elementId: string;
  readonly definition: TimerDefinition | MessageCatchDefinition | { readonly type: 'error' };
  readonly interrupting: boolean;
}

/** How often a timer fires: once, n times, or (−1) until its scope ends. */
export function repetitionsOf(timer: Timer): number {
  return timer.kind === 'interval' ? timer.repetitions : timer.kind === 'date' ? 1 : -1;
}

/**
 * Opens the timer and message subscriptions of `owner`'s catch events (zeebe-semantics §4.3, §5.2).
 * A failing expression raises an incident on the owner and opens nothing: false. A buffered message
 * that matches a new subscription is correlated at once (queued as a trigger).
 */
export async function openSubscriptions(
  batch: ProcessBatch,
  owner: ElementInstance,
  events: readonly CatchEvent[],
): Promise<boolean> {
  const variables = batch.variables.visible(owner.key);
  const now = batch.env.now().getTime();
  let matched: { elementId: string; variables: JsonObject } | undefined;
  const timers = [];
  const messages = [];
  for (const event of events) {
    const definition = event.definition;
    if (definition.type === 'timer') {
      const timer = evaluateTimer(definition, variables, { now: new Date(now) });
      if (!timer.ok) return fail(batch, owner, timer.failure.message);
      const due = firstDueDate(timer.value, now);
      if (due === null) return fail(batch, owner, `the timer of ${event.elementId} never fires`);
      timers.push({ event, timer: timer.value, due });
    } else if (definition.type === 'message') {
      const name = evaluateString(definition.messageName, variables);
      if (!name.ok) return fail(batch, owner, name.failure.message);
      const correlationKey = evaluateCorrelationKey(definition.correlationKey, variables);
      if (!correlationKey.ok) return fail(batch, owner, correlationKey.failure.message);
      messages.push({ event, name: name.value, correlationKey: correlationKey.value });
    }
  }
  for (const { event, timer, due } of timers) {
    const key = await batch.key();
    batch.changes.timer({
      key,
      processDefinitionKey: batch.definition.key,
      processInstanceKey: batch.instance.key,
      scopeKey: owner.key,
      elementId: event.elementId,
      tenantId: batch.definition.tenantId,
      dueAt: new Date(due),
      repetitions: repetitionsOf(timer),
      timer,
    });
    batch.record(key, 'TIMER', 'CREATED', {
      targetElementId: event.elementId,
      elementInstanceKey: owner.key.toString(),
      dueDate: due,
    });
  }
  for (const { event, name, correlationKey } of messages) {
    const key = await batch.key();
    batch.changes.messageSubscription({
      key,
      processInstanceKey: batch.instance.key,
      scopeKey: owner.key,
      elementId: event.elementId,
      bpmnProcessId: batch.definition.bpmnProcessId,
      tenantId: batch.definition.tenantId,
      messageName: name,
      correlationKey,
      interrupting: event.interrupting,
    });
    batch.record(key, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CREATED', {
      messageName: name,
      correlationKey,
      elementId: event.elementId,
    });
    // One buffered message at most: an owner with several catch events (event-based gateway) takes the first.
    if (!matched) {
      const tenantId = batch.definition.tenantId;
      const buffered = await batch.env.takeBufferedMessage(
        name,
        correlationKey,
        tenantId,
        batch.definition.bpmnProcessId,
      );
      if (buffered) matched = { elementId: event.elementId, variables: buffered.variables };
    }
  }
  if (matched) batch.trigger(owner.key, matched.elementId, matched.variables);
  return true;
}

function fail(batch: ProcessBatch, owner: ElementInstance, message: string): false {
  batch.raiseIncident(owner, 'EXTRACT_VALUE_ERROR', message, 'ACTIVATING');
  return false;
}
