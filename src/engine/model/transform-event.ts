import type {
  BpmnBoundaryEvent,
  BpmnCatchEvent,
  BpmnErrorEventDefinition,
  BpmnMessageEventDefinition,
  BpmnStartEvent,
  BpmnThrowEvent,
  BpmnTimerEventDefinition,
} from 'bpmn-moddle/types';
import type { ModdleElement } from 'moddle';
import type {
  BoundaryEvent,
  EndEvent,
  IntermediateCatchEvent,
  IntermediateThrowEvent,
  StartEvent,
  TimerKind,
} from './executable-process.js';
import type { BpmnElement } from './moddle-access.js';
import type { ProblemCollector } from './problem-collector.js';
import {
  readErrorCatch,
  readErrorThrow,
  readMessageCatch,
  readMessageStart,
  readTimer,
} from './read-event-definition.js';
import type { TimerRules } from './read-event-definition.js';
import { readIoMapping } from './read-io-mapping.js';
import { collectLinkedForm } from './read-form.js';
import { flowNodeBase } from './transform-context.js';
import type { ScopeInfo, TransformContext } from './transform-context.js';
import { reportUnsupportedEvent } from './unsupported.js';

type EventDefinition = ModdleElement & { readonly $type: string };
type StartEventElement = ModdleElement<BpmnStartEvent> & BpmnElement;
type CatchEventElement = ModdleElement<BpmnCatchEvent> & BpmnElement;
type ThrowEventElement = ModdleElement<BpmnThrowEvent> & BpmnElement;
type BoundaryEventElement = ModdleElement<BpmnBoundaryEvent> & BpmnElement;

const ALL_TIMERS: readonly TimerKind[] = ['timeDuration', 'timeDate', 'timeCycle'];
const ONE_SHOT_TIMERS: readonly TimerKind[] = ['timeDuration', 'timeDate'];
const INTERRUPTING_TIMER_RULES: TimerRules = {
  allowed: ONE_SHOT_TIMERS,
  notAllowed:
    'Interrupting timer event with time cycle is not allowed: only a non-interrupting timer event can repeat',
  evaluateAtDeployment: false,
};
const NON_INTERRUPTING_TIMER_RULES: TimerRules = {
  allowed: ALL_TIMERS,
  notAllowed: '',
  evaluateAtDeployment: false,
};

/**
 * The single event definition of an event: `null` for a none event, `undefined` (with a problem) when there
 * are several.
 */
function singleDefinition(
  problems: ProblemCollector,
  event: BpmnElement,
  definitions: readonly EventDefinition[] | undefined,
) {
  if (definitions === undefined || definitions.length === 0) return null;
  if (definitions.length > 1) {
    problems.add(
      event,
      'events with several event definitions (multiple / parallel multiple) are not supported',
    );
    return undefined;
  }
  return definitions[0];
}

function is<T>(definition: EventDefinition, type: string): definition is ModdleElement<T> & EventDefinition {
  return definition.$type === type;
}

export function transformStartEvent(
  context: TransformContext,
  xmlElement: BpmnElement,
  scope: ScopeInfo,
): StartEvent | undefined {
  const element = xmlElement as StartEventElement;
  const { problems } = context;
  const base = {
    ...flowNodeBase(context, element, 'START_EVENT', scope),
    kind: 'startEvent' as const,
    ioMapping: readIoMapping(problems, element),
  };
  if (base.incoming.length > 0) problems.add(element, 'a start event must not have incoming sequence flows');
  collectLinkedForm(context, element);
  const definition = singleDefinition(problems, element, element.eventDefinitions);
  if (definition === undefined) return undefined;

  if (scope.kind === 'subProcess') {
    if (definition === null) return { ...base, eventDefinition: { type: 'none' } };
    problems.add(element, 'the start event of an embedded sub-process must be a none start event');
    return undefined;
  }
  if (scope.kind === 'process') {
    if (definition === null) return { ...base, eventDefinition: { type: 'none' } };
    if (is<BpmnTimerEventDefinition>(definition, 'bpmn:TimerEventDefinition')) {
      const timer = readTimer(problems, element, definition, {
        allowed: ['timeDate', 'timeCycle'],
        notAllowed: 'a timer start event of a process must use timeDate or timeCycle, not timeDuration',
        evaluateAtDeployment: true,
      });
      return timer === undefined ? undefined : { ...base, eventDefinition: timer };
    }
    if (is<BpmnMessageEventDefinition>(definition, 'bpmn:MessageEventDefinition')) {
      const message = readMessageStart(problems, element, definition);
      return message === undefined ? undefined : { ...base, eventDefinition: message };
    }
    if (definition.$type === 'bpmn:ErrorEventDefinition') {
      problems.add(element, 'error start events are only allowed in event sub-processes');
      return undefined;
    }
    reportUnsupportedEvent(problems, element, definition, 'start event');
    return undefined;
  }

  // event sub-process
  if (definition === null) {
    problems.add(
      element,
      'the start event of an event sub-process must be a timer, message or error start event',
    );
    return undefined;
  }
  if (is<BpmnTimerEventDefinition>(definition, 'bpmn:TimerEventDefinition')) {
    const rules = scope.isInterrupting ? INTERRUPTING_TIMER_RULES : NON_INTERRUPTING_TIMER_RULES;
    const timer = readTimer(problems, element, definition, rules);
    return timer === undefined ? undefined : { ...base, eventDefinition: timer };
  }
  if (is<BpmnMessageEventDefinition>(definition, 'bpmn:MessageEventDefinition')) {
    const message = readMessageCatch(problems, element, definition);
    return message === undefined ? undefined : { ...base, eventDefinition: message };
  }
  if (is<BpmnErrorEventDefinition>(definition, 'bpmn:ErrorEventDefinition')) {
    if (!scope.isInterrupting) {
      problems.add(element, 'an error start event of an event sub-process must be interrupting');
      return undefined;
    }
    const error = readErrorCatch(problems, element, definition);
    return error === undefined ? undefined : { ...base, eventDefinition: error };
  }
  reportUnsupportedEvent(problems, element, definition, 'start event');
  return undefined;
}

export function transformEndEvent(
  context: TransformContext,
  xmlElement: BpmnElement,
  scope: ScopeInfo,
): EndEvent | undefined {
  const element = xmlElement as ThrowEventElement;
  const { problems } = context;
  const base = {
    ...flowNodeBase(context, element, 'END_EVENT', scope),
    kind: 'endEvent' as const,
    ioMapping: readIoMapping(problems, element),
  };
  if (base.outgoing.length > 0) problems.add(element, 'an end event must not have outgoing sequence flows');
  const definition = singleDefinition(problems, element, element.eventDefinitions);
  if (definition === undefined) return undefined;
  if (definition === null) return { ...base, eventDefinition: { type: 'none' } };
  if (definition.$type === 'bpmn:TerminateEventDefinition')
    return { ...base, eventDefinition: { type: 'terminate' } };
  if (is<BpmnErrorEventDefinition>(definition, 'bpmn:ErrorEventDefinition')) {
    const error = readErrorThrow(problems, element, definition);
    return error === undefined ? undefined : { ...base, eventDefinition: error };
  }
  reportUnsupportedEvent(problems, element, definition, 'end event');
  return undefined;
}

export function transformIntermediateThrowEvent(
  context: TransformContext,
  xmlElement: BpmnElement,
  scope: ScopeInfo,
): IntermediateThrowEvent | undefined {
  const element = xmlElement as ThrowEventElement;
  const { problems } = context;
  const definition = singleDefinition(problems, element, element.eventDefinitions);
  if (definition === undefined) return undefined;
  if (definition !== null) {
    reportUnsupportedEvent(problems, element, definition, 'intermediate throw event');
    return undefined;
  }
  return {
    ...flowNodeBase(context, element, 'INTERMEDIATE_THROW_EVENT', scope),
    kind: 'intermediateThrowEvent',
    ioMapping: readIoMapping(problems, element),
    eventDefinition: { type: 'none' },
  };
}

export function transformIntermediateCatchEvent(
  context: TransformContext,
  xmlElement: BpmnElement,
  scope: ScopeInfo,
): IntermediateCatchEvent | undefined {
  const element = xmlElement as CatchEventElement;
  const { problems } = context;
  const base = {
    ...flowNodeBase(context, element, 'INTERMEDIATE_CATCH_EVENT', scope),
    kind: 'intermediateCatchEvent' as const,
    ioMapping: readIoMapping(problems, element),
  };
  const definition = singleDefinition(problems, element, element.eventDefinitions);
  if (definition === undefined) return undefined;
  if (definition === null) {
    problems.add(element, 'an intermediate catch event needs a timer or message event definition');
    return undefined;
  }
  if (is<BpmnTimerEventDefinition>(definition, 'bpmn:TimerEventDefinition')) {
    const timer = readTimer(problems, element, definition, {
      allowed: ONE_SHOT_TIMERS,
      notAllowed: 'an intermediate timer catch event must use timeDuration or timeDate, not timeCycle',
      evaluateAtDeployment: false,
    });
    return timer === undefined ? undefined : { ...base, eventDefinition: timer };
  }
  if (is<BpmnMessageEventDefinition>(definition, 'bpmn:MessageEventDefinition')) {
    const message = readMessageCatch(problems, element, definition);
    return message === undefined ? undefined : { ...base, eventDefinition: message };
  }
  reportUnsupportedEvent(problems, element, definition, 'intermediate catch event');
  return undefined;
}

export function transformBoundaryEvent(
  context: TransformContext,
  xmlElement: BpmnElement,
  scope: ScopeInfo,
): BoundaryEvent | undefined {
  const element = xmlElement as BoundaryEventElement;
  const { problems } = context;
  const attached = element.attachedToRef;
  if (attached === undefined || !attached.$instanceOf('bpmn:Activity')) {
    problems.add(element, 'a boundary event must be attached to an activity (attachedToRef)');
  }
  const boundary = readBoundaryEvent(context, element, scope, attached?.id ?? '');
  if (boundary !== undefined) {
    if (boundary.incoming.length > 0)
      problems.add(element, 'a boundary event must not have incoming sequence flows');
    if (boundary.outgoing.length === 0)
      problems.add(element, 'a boundary event must have an outgoing sequence flow');
  }
  return boundary;
}

function readBoundaryEvent(
  context: TransformContext,
  element: BoundaryEventElement,
  scope: ScopeInfo,
  attachedToId: string,
): BoundaryEvent | undefined {
  const { problems } = context;
  const base = {
    ...flowNodeBase(context, element, 'BOUNDARY_EVENT', scope),
    kind: 'boundaryEvent' as const,
    ioMapping: readIoMapping(problems, element),
    attachedToId,
  };
  const cancelActivity = element.cancelActivity ?? true;
  const definition = singleDefinition(problems, element, element.eventDefinitions);
  if (definition === undefined) return undefined;
  if (definition === null) {
    problems.add(element, 'a boundary event needs a timer, message or error event definition');
    return undefined;
  }
  if (is<BpmnTimerEventDefinition>(definition, 'bpmn:TimerEventDefinition')) {
    const rules = cancelActivity ? INTERRUPTING_TIMER_RULES : NON_INTERRUPTING_TIMER_RULES;
    const timer = readTimer(problems, element, definition, rules);
    return timer === undefined ? undefined : { ...base, cancelActivity, eventDefinition: timer };
  }
  if (is<BpmnMessageEventDefinition>(definition, 'bpmn:MessageEventDefinition')) {
    const message = readMessageCatch(problems, element, definition);
    return message === undefined ? undefined : { ...base, cancelActivity, eventDefinition: message };
  }
  if (is<BpmnErrorEventDefinition>(definition, 'bpmn:ErrorEventDefinition')) {
    if (!cancelActivity) {
      problems.add(
        element,
        'an error boundary event must be interrupting: BPMN has no non-interrupting error events',
      );
      return undefined;
    }
    const error = readErrorCatch(problems, element, definition);
    return error === undefined ? undefined : { ...base, cancelActivity: true, eventDefinition: error };
  }
  reportUnsupportedEvent(problems, element, definition, 'boundary event');
  return undefined;
}
