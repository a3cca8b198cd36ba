import type { BpmnMultiInstanceLoopCharacteristics } from 'bpmn-moddle/types';
import type { ModdleElement } from 'moddle';
import type { MultiInstanceDefinition } from './executable-process.js';
import { expressionBody, findExtension, present } from './moddle-access.js';
import type { BpmnElement } from './moddle-access.js';
import type { ProblemCollector } from './problem-collector.js';
import { readExpression } from './read-attribute.js';

type LoopCharacteristics = ModdleElement & { readonly $type: string };

/**
 * `bpmn:multiInstanceLoopCharacteristics` with `zeebe:loopCharacteristics`: the input collection is required;
 * output collection and output element come together; the completion condition is FEEL.
 */
export function readMultiInstance(
  problems: ProblemCollector,
  activity: BpmnElement,
  loop: LoopCharacteristics | undefined,
): MultiInstanceDefinition | null {
  if (loop === undefined) return null;
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    problems.add(
      activity,
      'loops (standard loop characteristics) are not supported; use multi-instance instead',
    );
    return null;
  }
  const multiInstance = loop as ModdleElement<BpmnMultiInstanceLoopCharacteristics> & BpmnElement;
  const zeebeLoop = findExtension(multiInstance, 'zeebe:LoopCharacteristics');
  const rawInputCollection = present(zeebeLoop?.inputCollection);
  if (rawInputCollection === undefined) {
    problems.add(
      activity,
      'a multi-instance activity must have an input collection (zeebe:loopCharacteristics inputCollection)',
    );
  }
  const inputCollection = readExpression(
    problems,
    activity,
    'zeebe:loopCharacteristics inputCollection',
    rawInputCollection,
  );
  const outputCollection = present(zeebeLoop?.outputCollection);
  const rawOutputElement = present(zeebeLoop?.outputElement);
  if ((outputCollection === undefined) !== (rawOutputElement === undefined)) {
    problems.add(
      activity,
      'zeebe:loopCharacteristics outputCollection and outputElement must be set together',
    );
  }
  const outputElement = readExpression(
    problems,
    activity,
    'zeebe:loopCharacteristics outputElement',
    rawOutputElement,
  );
  const rawCondition = expressionBody(multiInstance.completionCondition);
  const completionCondition = readExpression(problems, activity, 'completionCondition', rawCondition);
  if (inputCollection === undefined) return null;
  return {
    isSequential: multiInstance.isSequential ?? false,
    inputCollection,
    inputElement: present(zeebeLoop?.inputElement) ?? null,
    output:
      outputCollection !== undefined && outputElement !== undefined
        ? { collection: outputCollection, element: outputElement }
        : null,
    completionCondition: completionCondition ?? null,
  };
}
