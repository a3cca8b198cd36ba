import type { ExecutableProcess, FlowScope } from '../model/executable-process.js';
import type { CatchEvent } from './event-subscriptions.js';
import type { ProcessBatch } from './process-batch.js';

/** The timer and message starts of a scope's event sub-processes: opened when the scope activates. */
export function eventSubProcessCatchEvents(
  batch: ProcessBatch,
  scope: FlowScope | ExecutableProcess,
): CatchEvent[] {
  const events: CatchEvent[] = [];
  for (const id of scope.eventSubProcessIds) {
    const esp = batch.element(id);
    if (esp.kind !== 'eventSubProcess' || esp.eventDefinition.type === 'error') continue;
    events.push({ elementId: id, definition: esp.eventDefinition, interrupting: esp.isInterrupting });
  }
  return events;
}
