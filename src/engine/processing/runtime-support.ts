import type { DeploymentProblem } from '../model/index.js';
import type { ExecutableElement, ExecutableProcess } from '../model/executable-process.js';
import { EXECUTABLE_KINDS } from './element-behaviors.js';

/** What the model accepts but this version of the engine does not run yet. */
function unsupported(element: ExecutableElement): string | undefined {
  if (!EXECUTABLE_KINDS.has(element.kind)) return `${element.kind} is not supported by this engine yet`;
  return undefined;
}

/**
 * Deployment rejects what the engine cannot run yet, naming each element, so that nothing is
 * accepted and then stuck.
 */
export function runtimeProblems(resourceName: string, process: ExecutableProcess): DeploymentProblem[] {
  return Object.values(process.elements).flatMap((element) => {
    const message = unsupported(element);
    const elementType = `bpmn:${element.kind[0]!.toUpperCase()}${element.kind.slice(1)}`;
    return message ? [{ resourceName, elementId: element.id, elementType, message }] : [];
  });
}
