import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';
import { evaluateFeel } from '../../src/engine/feel/index.js';
import type { ValueOrExpression } from '../../src/engine/feel/index.js';
import type {
  ErrorCatchDefinition,
  ErrorThrowDefinition,
  ExecutableElement,
  ExecutableProcess,
  MessageCatchDefinition,
  MessageStartDefinition,
  NoneDefinition,
  TerminateDefinition,
  TimerDefinition,
} from '../../src/engine/model/index.js';

/** The repository root, where `.bpmnlintrc` and `processes/` are. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** `require` from the repository root. */
const requireFromRoot = createRequire(path.join(repositoryRoot, 'package.json'));

export interface ProcessFile {
  readonly name: string;
  readonly xml: string;
}

/** Every `processes/*.bpmn`, by file name. */
export function processFiles(): ProcessFile[] {
  const dir = path.join(repositoryRoot, 'processes');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.bpmn'))
    .sort()
    .map((name) => ({ name, xml: readFileSync(path.join(dir, name), 'utf8') }));
}

// ---------------------------------------------------------------------------------------------------------
// bpmnlint, as `npx bpmnlint` runs it with the project's `.bpmnlintrc`

const LINT_SCRIPT = path.join(repositoryRoot, 'test', 'processes', 'lint-bpmn.ts');

/**
 * Lints BPMN texts with the project's `.bpmnlintrc` (see `lint-bpmn.ts`, run in a child process) and returns,
 * by file name, one line per problem (errors, warnings and import warnings):
 * `<rule> <category> <element id>: <message>`; an empty list when the file is clean.
 */
export function lintProblems(files: readonly ProcessFile[]): Record<string, string[]> {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', LINT_SCRIPT], {
    cwd: repositoryRoot,
    input: JSON.stringify(files),
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(stdout) as Record<string, string[]>;
}

// ---------------------------------------------------------------------------------------------------------
// What the engine's executable model does not keep: labels, documentation, diagram

export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ModelElement {
  readonly id: string;
  readonly $type: string;
  readonly name?: string;
  readonly documentation?: readonly { readonly text?: string }[];
  readonly attachedToRef?: ModelElement;
  readonly sourceRef?: ModelElement;
  readonly targetRef?: ModelElement;
  readonly conditionExpression?: unknown;
  readonly outgoing?: readonly ModelElement[];
}

export interface ModelProcess extends ModelElement {
  readonly flowElements: readonly ModelElement[];
}

export interface DiagramModel {
  readonly processes: readonly ModelProcess[];
  /** Shape bounds by element id. */
  readonly shapes: ReadonlyMap<string, Bounds>;
  /** Edge waypoints by sequence flow id. */
  readonly edges: ReadonlyMap<string, readonly { readonly x: number; readonly y: number }[]>;
}

interface DiElement {
  readonly $type: string;
  readonly bpmnElement?: { readonly id: string };
  readonly bounds?: Bounds;
  readonly waypoint?: readonly { readonly x: number; readonly y: number }[];
}

const zeebeDescriptor: unknown = requireFromRoot('zeebe-bpmn-moddle/resources/zeebe.json');

/** Reads the processes, their labels and documentation, and the diagram of a BPMN text. */
export async function readDiagramModel(xml: string): Promise<DiagramModel> {
  const read = await BpmnModdle({ zeebe: zeebeDescriptor }).fromXML(xml);
  const definitions = read.rootElement as unknown as {
    readonly rootElements?: readonly ModelElement[];
    readonly diagrams?: readonly { readonly plane?: { readonly planeElement?: readonly DiElement[] } }[];
  };
  const processes = (definitions.rootElements ?? []).filter(
    (element): element is ModelProcess => element.$type === 'bpmn:Process',
  );
  const shapes = new Map<string, Bounds>();
  const edges = new Map<string, readonly { readonly x: number; readonly y: number }[]>();
  for (const diagram of definitions.diagrams ?? []) {
    for (const element of diagram.plane?.planeElement ?? []) {
      const id = element.bpmnElement?.id;
      if (id === undefined) continue;
      if (element.$type === 'bpmndi:BPMNShape' && element.bounds) shapes.set(id, element.bounds);
      if (element.$type === 'bpmndi:BPMNEdge') edges.set(id, element.waypoint ?? []);
    }
  }
  return { processes, shapes, edges };
}

// ---------------------------------------------------------------------------------------------------------
// The executable model, summarized as the contract describes it

/** An attribute as written in the XML: `=expr` for FEEL, the value itself when static. */
export function written(value: ValueOrExpression | null): string | undefined {
  if (value === null) return undefined;
  return value.kind === 'expression' ? `=${value.expression}` : value.value;
}

type EventDefinition =
  | NoneDefinition
  | TerminateDefinition
  | TimerDefinition
  | MessageStartDefinition
  | MessageCatchDefinition
  | ErrorCatchDefinition
  | ErrorThrowDefinition;

/** `none`, `timeDate =dueAt`, `message complaint-raised`, `message x correlated by =key`, `error CODE`. */
function trigger(definition: EventDefinition): string {
  switch (definition.type) {
    case 'none':
    case 'terminate':
      return definition.type;
    case 'timer':
      return `${definition.kind} ${written(definition.value) ?? ''}`;
    case 'message':
      return 'correlationKey' in definition
        ? `message ${written(definition.messageName) ?? ''} correlated by ${written(definition.correlationKey) ?? ''}`
        : `message ${definition.messageName}`;
    case 'error': {
      const code = definition.errorCode;
      return `error ${code === null ? '*' : typeof code === 'string' ? code : (written(code) ?? '')}`;
    }
  }
}

const nonEmpty = (record: Readonly<Record<string, string>>): Record<string, string> | undefined =>
  Object.keys(record).length === 0 ? undefined : { ...record };

/**
 * What the contract says of an element: its kind and, by kind, job type and headers, form and assignment,
 * event trigger and attachment, called process and its inputs. Absent facts are `undefined`.
 */
export function summarize(process: ExecutableProcess, element: ExecutableElement): Record<string, unknown> {
  const base = { id: element.id, kind: element.kind };
  switch (element.kind) {
    case 'serviceTask':
    case 'sendTask':
    case 'scriptTask':
    case 'businessRuleTask':
      return { ...base, jobType: written(element.job.type), headers: nonEmpty(element.job.headers) };
    case 'userTask':
      return {
        ...base,
        formId: element.form?.type === 'formId' ? written(element.form.formId) : undefined,
        candidateGroups: written(element.candidateGroups),
        assignee: written(element.assignee),
      };
    case 'boundaryEvent':
      return {
        ...base,
        attachedTo: element.attachedToId,
        interrupting: element.cancelActivity,
        trigger: trigger(element.eventDefinition),
        outputs: mappings(element.ioMapping.outputs),
        leadsTo: nextActivity(process, element.id),
      };
    case 'startEvent':
    case 'intermediateCatchEvent':
    case 'endEvent':
      return { ...base, trigger: trigger(element.eventDefinition) };
    case 'intermediateThrowEvent':
      return { ...base, outputs: mappings(element.ioMapping.outputs) };
    case 'callActivity':
      return {
        ...base,
        processId: written(element.processId),
        multiInstance: element.multiInstance && {
          sequential: element.multiInstance.isSequential,
          inputCollection: written(element.multiInstance.inputCollection),
          inputElement: element.multiInstance.inputElement,
        },
        inputs: mappings(element.ioMapping.inputs),
      };
    default:
      return base;
  }
}

function mappings(
  list: readonly { readonly source: ValueOrExpression | null; readonly target: string }[],
): Record<string, string | undefined> | undefined {
  if (list.length === 0) return undefined;
  return Object.fromEntries(list.map((mapping) => [mapping.target, written(mapping.source)]));
}

/** The element a flow node leads to, passing through merging gateways (one way out). */
export function nextActivity(process: ExecutableProcess, fromId: string): string | undefined {
  let current = process.elements[fromId];
  for (let step = 0; current !== undefined && step < 20; step += 1) {
    if (current.outgoing.length !== 1) return undefined;
    const flow = process.sequenceFlows[current.outgoing[0] ?? ''];
    const target = flow === undefined ? undefined : process.elements[flow.targetId];
    if (target === undefined) return undefined;
    const isMerge = target.kind === 'exclusiveGateway' && target.outgoing.length === 1;
    if (!isMerge) return target.id;
    current = target;
  }
  return undefined;
}

/**
 * Where an exclusive gateway sends a token with these variables: the first outgoing flow (in XML order, as the
 * engine tries them) whose FEEL condition is `true`, else the default flow. The target id, or `undefined`
 * when nothing matches (an incident in the engine).
 */
export function route(
  process: ExecutableProcess,
  gatewayId: string,
  variables: Readonly<Record<string, unknown>>,
): string | undefined {
  const gateway = process.elements[gatewayId];
  if (gateway?.kind !== 'exclusiveGateway') throw new Error(`${gatewayId} is not an exclusive gateway`);
  for (const flowId of gateway.outgoing) {
    const flow = process.sequenceFlows[flowId];
    if (flow === undefined || flowId === gateway.defaultFlowId || flow.condition === null) continue;
    const result = evaluateFeel(flow.condition.expression, variables);
    if (!result.ok) throw new Error(result.failure.message);
    if (result.value === true) return flow.targetId;
  }
  const fallback = gateway.defaultFlowId === null ? undefined : process.sequenceFlows[gateway.defaultFlowId];
  return fallback?.targetId;
}
