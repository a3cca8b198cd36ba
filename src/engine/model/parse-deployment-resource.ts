import { createHash } from 'node:crypto';
import type { BpmnProcess } from 'bpmn-moddle/types';
import type { ParseWarning } from 'bpmn-moddle';
import type { ModdleElement } from 'moddle';
import { DeploymentRejected } from './deployment-problems.js';
import type { BpmnElement } from './moddle-access.js';
import type { LinkedFormReference, ParsedBpmn, ParsedProcess } from './parsed-bpmn.js';
import { ProblemCollector } from './problem-collector.js';
import { oneLine, readBpmnXml } from './read-bpmn-xml.js';
import { transformProcess } from './transform-process.js';

type ProcessElement = ModdleElement<BpmnProcess> & BpmnElement;

/**
 * Reads a BPMN resource as Camunda Modeler writes it and returns the executable form of each executable
 * process. Anything the engine would not run as Zeebe does is rejected before deployment: the thrown
 * `DeploymentRejected` lists every problem found, not just the first.
 */
export async function parseDeploymentResource(resourceName: string, xml: string): Promise<ParsedBpmn> {
  const problems = new ProblemCollector(resourceName);
  const read = await readBpmnXml(xml);
  if (!read.ok) {
    problems.add(null, `the BPMN XML could not be parsed: ${read.message}`);
    throw new DeploymentRejected(problems.problems);
  }
  for (const warning of read.result.warnings) reportWarning(problems, warning);

  const rootElements = (read.result.rootElement.rootElements ?? []) as BpmnElement[];
  const executableProcesses = rootElements.filter(
    (element): element is ProcessElement =>
      element.$type === 'bpmn:Process' && (element as ProcessElement).isExecutable === true,
  );
  if (executableProcesses.length === 0) {
    problems.add(null, 'the resource must contain at least one executable process (isExecutable="true")');
  }
  const checksum = createHash('md5').update(xml, 'utf8').digest('hex');
  const linkedForms: LinkedFormReference[] = [];
  const processes: ParsedProcess[] = executableProcesses.map((element) => {
    const process = transformProcess(problems, element, linkedForms);
    return {
      bpmnProcessId: process.id,
      name: process.name,
      versionTag: process.versionTag,
      checksum,
      process,
    };
  });
  if (!problems.isEmpty) throw new DeploymentRejected(problems.problems);
  return { resourceName, processes, linkedForms };
}

/**
 * Moddle reads leniently and warns about what it could not read. Content it dropped or references it could not
 * resolve would change the model, so they are problems; unknown attributes are ignored.
 */
function reportWarning(problems: ProblemCollector, warning: ParseWarning): void {
  if (warning.message.startsWith('unknown attribute')) return;
  const property = warning.property === undefined ? '' : ` (${warning.property})`;
  problems.add(owningElement(warning.element), `${oneLine(warning.message)}${property}`);
}

/** The flow element (or root element, e.g. a message) that holds a warned-about element, such as an event definition. */
function owningElement(element: ParseWarning['element']): BpmnElement | null {
  let current = element as BpmnElement | undefined;
  while (current !== undefined) {
    const isFlowOrRootElement =
      current.$instanceOf('bpmn:FlowElement') || current.$instanceOf('bpmn:RootElement');
    if (current.id !== undefined && isFlowOrRootElement && !current.$instanceOf('bpmn:EventDefinition'))
      return current;
    current = current.$parent as BpmnElement | undefined;
  }
  return null;
}
