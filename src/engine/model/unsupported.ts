import type { BpmnElement } from './moddle-access.js';
import { extensionsOf } from './moddle-access.js';
import type { ProblemCollector } from './problem-collector.js';

/** BPMN elements the engine does not execute, with what to tell the modeller. */
export const UNSUPPORTED_ELEMENTS: Readonly<Record<string, string>> = {
  'bpmn:ComplexGateway': 'complex gateways are not supported',
  'bpmn:Transaction': 'transactions (transaction sub-processes) are not supported',
  'bpmn:AdHocSubProcess': 'ad-hoc sub-processes are not supported',
  'bpmn:ChoreographyTask': 'choreographies are not supported',
  'bpmn:CallChoreography': 'choreographies are not supported',
  'bpmn:SubChoreography': 'choreographies are not supported',
  'bpmn:ImplicitThrowEvent': 'implicit throw events are not supported',
};

/** Extension elements that change behaviour and that the engine does not implement. */
const UNSUPPORTED_EXTENSIONS: Readonly<Record<string, string>> = {
  'zeebe:ExecutionListeners': 'execution listeners (zeebe:executionListeners) are not supported',
  'zeebe:TaskListeners': 'user task listeners (zeebe:taskListeners) are not supported',
  'zeebe:Script':
    'FEEL script tasks (zeebe:script) are not supported; implement the script task with a job worker (zeebe:taskDefinition)',
  'zeebe:CalledDecision':
    'DMN decisions (zeebe:calledDecision) are not supported; implement the business rule task with a job worker (zeebe:taskDefinition)',
  'zeebe:JobPriorityDefinition':
    'job priorities (zeebe:jobPriorityDefinition) are not supported (not part of Camunda 8.8)',
  'zeebe:LinkedResources': 'linked resources (zeebe:linkedResources) are not supported',
  'zeebe:AdHoc': 'ad-hoc sub-processes (zeebe:adHoc) are not supported',
  'zeebe:AgentDefinition': 'AI agent definitions (zeebe:agentDefinition) are not supported',
  'zeebe:ConditionalFilter': 'conditional events (zeebe:conditionalFilter) are not supported',
};

export function checkUnsupportedExtensions(problems: ProblemCollector, element: BpmnElement): void {
  for (const extension of extensionsOf(element)) {
    const message = UNSUPPORTED_EXTENSIONS[extension.$type];
    if (message !== undefined) problems.add(element, message);
  }
}

const EVENT_DEFINITION_NAMES: Readonly<Record<string, string>> = {
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:TerminateEventDefinition': 'terminate',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:CompensateEventDefinition': 'compensation',
  'bpmn:LinkEventDefinition': 'link',
  'bpmn:ConditionalEventDefinition': 'conditional',
  'bpmn:CancelEventDefinition': 'cancel',
};

/** `signal start events are not supported`, `message end events are not supported`, … */
export function reportUnsupportedEvent(
  problems: ProblemCollector,
  event: BpmnElement,
  definition: { readonly $type: string },
  eventName: string,
  hint = '',
): void {
  const kind = EVENT_DEFINITION_NAMES[definition.$type] ?? definition.$type;
  problems.add(event, `${kind} ${eventName}s are not supported${hint === '' ? '' : ` ${hint}`}`);
}
