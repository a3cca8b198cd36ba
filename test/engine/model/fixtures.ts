import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DeploymentRejected, parseDeploymentResource } from '../../../src/engine/model/index.js';
import type { DeploymentProblem, ExecutableElement, ParsedBpmn } from '../../../src/engine/model/index.js';

/** The text of a BPMN file in `test/engine/fixtures/` (written as Camunda Modeler 8.8 writes them). */
export function readFixture(name: string): Promise<string> {
  return readFile(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8');
}

export async function parseFixture(name: string): Promise<ParsedBpmn> {
  return parseDeploymentResource(name, await readFixture(name));
}

/** The problems a rejected resource reports; fails when it is accepted. */
export async function rejectionOf(name: string, xml?: string): Promise<readonly DeploymentProblem[]> {
  try {
    await parseDeploymentResource(name, xml ?? (await readFixture(name)));
  } catch (error) {
    if (error instanceof DeploymentRejected) return error.problems;
    throw error;
  }
  throw new Error(`expected ${name} to be rejected`);
}

/** The messages reported for one element. */
export function messagesFor(problems: readonly DeploymentProblem[], elementId: string | null): string[] {
  return problems.filter((problem) => problem.elementId === elementId).map((problem) => problem.message);
}

/** An element of the first process of a parsed resource, narrowed to its kind. */
export function elementOf<K extends ExecutableElement['kind']>(
  bpmn: ParsedBpmn,
  id: string,
  kind: K,
): ExecutableElement & { readonly kind: K } {
  const element = bpmn.processes[0]?.process.elements[id];
  if (element?.kind !== kind) {
    throw new Error(
      `expected '${id}' to be a ${kind}, but it is ${element === undefined ? 'missing' : element.kind}`,
    );
  }
  return element as ExecutableElement & { readonly kind: K };
}
