import type { JobDefinition } from './executable-process.js';
import { findExtension, present } from './moddle-access.js';
import type { BpmnElement } from './moddle-access.js';
import type { ProblemCollector } from './problem-collector.js';
import { readValueOrExpression } from './read-attribute.js';

const DEFAULT_RETRIES = '3';

/** `zeebe:taskDefinition` (type required, retries default 3, both static or FEEL) and `zeebe:taskHeaders`. */
export function readJobDefinition(
  problems: ProblemCollector,
  element: BpmnElement,
): JobDefinition | undefined {
  const definition = findExtension(element, 'zeebe:TaskDefinition');
  const rawType = present(definition?.type);
  if (rawType === undefined) {
    problems.add(element, 'a job worker task must have a job type (zeebe:taskDefinition type)');
    return undefined;
  }
  const type = readValueOrExpression(problems, element, 'zeebe:taskDefinition type', rawType);
  const rawRetries = present(definition?.retries) ?? DEFAULT_RETRIES;
  const retries = readValueOrExpression(problems, element, 'zeebe:taskDefinition retries', rawRetries);
  if (retries?.kind === 'static' && !/^\d+$/.test(retries.value)) {
    problems.add(
      element,
      `zeebe:taskDefinition retries must be a whole number (0 or more) or a FEEL expression, but was '${retries.value}'`,
    );
    return undefined;
  }
  const headers = readTaskHeaders(problems, element);
  if (type === undefined || retries === undefined) return undefined;
  return { type, retries, headers };
}

/** `zeebe:taskHeaders`: static key/value pairs handed to the worker (or the task UI). */
export function readTaskHeaders(
  problems: ProblemCollector,
  element: BpmnElement,
): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (const header of findExtension(element, 'zeebe:TaskHeaders')?.values ?? []) {
    const key = present(header.key);
    if (key === undefined) {
      problems.add(element, 'a task header (zeebe:header) must have a key');
      continue;
    }
    headers[key] = header.value ?? '';
  }
  return headers;
}
