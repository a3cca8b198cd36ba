import type { BpmnErrorEventDefinition, BpmnMessage, BpmnTimerEventDefinition } from 'bpmn-moddle/types';
import type { ModdleElement } from 'moddle';
import { evaluateString } from '../feel/index.js';
import type {
  ErrorCatchDefinition,
  ErrorThrowDefinition,
  MessageCatchDefinition,
  MessageStartDefinition,
  TimerDefinition,
  TimerKind,
} from './executable-process.js';
import { expressionBody, findExtension, present } from './moddle-access.js';
import type { BpmnElement } from './moddle-access.js';
import type { ProblemCollector } from './problem-collector.js';
import { readExpression, readValueOrExpression } from './read-attribute.js';
import { evaluateTimer, parseTimerText } from './timer/timer.js';

/** Readers of the event definitions the engine supports; each records its problems against the event. */

type TimerEventDefinition = ModdleElement<BpmnTimerEventDefinition>;
/** A message event definition, or a receive task: both reference a `bpmn:message`. */
type MessageEventDefinition = { readonly messageRef?: ModdleElement<BpmnMessage> };
type ErrorEventDefinition = ModdleElement<BpmnErrorEventDefinition>;

const TIMER_KINDS: readonly TimerKind[] = ['timeDuration', 'timeDate', 'timeCycle'];
const TIMER_LABELS: Readonly<Record<TimerKind, string>> = {
  timeDuration: 'duration',
  timeDate: 'date',
  timeCycle: 'cycle',
};

export interface TimerRules {
  /** The kinds allowed where the timer is, and why others are not. */
  readonly allowed: readonly TimerKind[];
  readonly notAllowed: string;
  /** Process-level timer start events: FEEL is evaluated at deployment, without variables (as Zeebe). */
  readonly evaluateAtDeployment: boolean;
}

export function readTimer(
  problems: ProblemCollector,
  event: BpmnElement,
  definition: TimerEventDefinition,
  rules: TimerRules,
): TimerDefinition | undefined {
  const kinds = TIMER_KINDS.filter((kind) => definition[kind] !== undefined);
  const kind = kinds[0];
  if (kinds.length !== 1 || kind === undefined) {
    problems.add(event, 'Must be exactly one type of timer: timeDuration, timeDate or timeCycle');
    return undefined;
  }
  if (!rules.allowed.includes(kind)) {
    problems.add(event, rules.notAllowed);
    return undefined;
  }
  const label = TIMER_LABELS[kind];
  const body = expressionBody(definition[kind]);
  if (body === undefined) {
    problems.add(event, `the timer ${label} (${kind}) is empty`);
    return undefined;
  }
  const value = readValueOrExpression(problems, event, `timer ${label} (${kind})`, body);
  if (value === undefined) return undefined;
  const timer: TimerDefinition = { type: 'timer', kind, value };
  if (value.kind === 'static') {
    const parsed = parseTimerText(kind, value.value);
    if (!parsed.ok) {
      problems.add(event, `Invalid timer ${label}: ${parsed.reason}`);
      return undefined;
    }
  } else if (rules.evaluateAtDeployment) {
    const evaluated = evaluateTimer(timer, {});
    if (!evaluated.ok) {
      problems.add(
        event,
        `Invalid timer ${label} expression (evaluated at deployment): ${evaluated.failure.message}`,
      );
      return undefined;
    }
  }
  return timer;
}

/** A message caught by a process instance: it needs a name and a correlation key. */
export function readMessageCatch(
  problems: ProblemCollector,
  event: BpmnElement,
  definition: MessageEventDefinition,
): MessageCatchDefinition | undefined {
  const message = definition.messageRef;
  const messageName = readMessageName(problems, event, definition);
  const rawKey =
    message === undefined ? undefined : present(findExtension(message, 'zeebe:Subscription')?.correlationKey);
  if (message !== undefined && rawKey === undefined) {
    problems.add(
      event,
      `the message '${message.name ?? message.id ?? ''}' must have a correlation key (zeebe:subscription correlationKey)`,
    );
    return undefined;
  }
  const correlationKey = readExpression(problems, event, 'zeebe:subscription correlationKey', rawKey);
  if (messageName === undefined || correlationKey === undefined) return undefined;
  return { type: 'message', messageName, correlationKey };
}

/** A message start event of a process: its name must be known at deployment; no correlation key. */
export function readMessageStart(
  problems: ProblemCollector,
  event: BpmnElement,
  definition: MessageEventDefinition,
): MessageStartDefinition | undefined {
  const messageName = readMessageName(problems, event, definition);
  if (messageName === undefined) return undefined;
  const name = evaluateString(messageName, {});
  if (!name.ok) {
    problems.add(
      event,
      `the message name of a message start event must be known at deployment, without variables: ${name.failure.message}`,
    );
    return undefined;
  }
  return { type: 'message', messageName: name.value };
}

function readMessageName(problems: ProblemCollector, event: BpmnElement, definition: MessageEventDefinition) {
  const message = definition.messageRef;
  if (message === undefined) {
    problems.add(event, 'the message event must reference a message (messageRef)');
    return undefined;
  }
  const name = present(message.name);
  if (name === undefined) {
    problems.add(event, `the message '${message.id ?? ''}' must have a name`);
    return undefined;
  }
  return readValueOrExpression(problems, event, 'message name', name);
}

/** An error boundary event or error start event: a static code, or none to catch every error. */
export function readErrorCatch(
  problems: ProblemCollector,
  event: BpmnElement,
  definition: ErrorEventDefinition,
): ErrorCatchDefinition | undefined {
  const errorCode = present(definition.errorRef?.errorCode);
  if (errorCode?.startsWith('=') === true) {
    problems.add(
      event,
      `The errorCode of the error catch event is not allowed to be an expression ('${errorCode}')`,
    );
    return undefined;
  }
  return { type: 'error', errorCode: errorCode ?? null };
}

/** An error end event: it must name the error it throws. */
export function readErrorThrow(
  problems: ProblemCollector,
  event: BpmnElement,
  definition: ErrorEventDefinition,
): ErrorThrowDefinition | undefined {
  const error = definition.errorRef;
  if (error === undefined) {
    problems.add(event, 'an error end event must reference an error (errorRef) with an error code');
    return undefined;
  }
  const rawCode = present(error.errorCode);
  if (rawCode === undefined) {
    problems.add(
      event,
      `the error '${error.name ?? error.id ?? ''}' thrown by the error end event must have an error code`,
    );
    return undefined;
  }
  const errorCode = readValueOrExpression(problems, event, 'error code', rawCode);
  return errorCode === undefined ? undefined : { type: 'error', errorCode };
}
