/**
 * What is wrong with a deployment resource. Every problem is collected, so one answer lists all of them.
 */
export interface DeploymentProblem {
  readonly resourceName: string;
  /** The BPMN element the problem is about; `null` for the resource as a whole (e.g. XML that does not parse). */
  readonly elementId: string | null;
  /** Its type as written in the XML, e.g. `bpmn:ComplexGateway`; `null` with `elementId`. */
  readonly elementType: string | null;
  readonly message: string;
}

/** Thrown when a resource cannot be deployed; carries every problem found. */
export class DeploymentRejected extends Error {
  readonly problems: readonly DeploymentProblem[];

  constructor(problems: readonly DeploymentProblem[]) {
    super(formatDeploymentProblems(problems));
    this.name = 'DeploymentRejected';
    this.problems = problems;
  }
}

/**
 * One readable message, grouped by resource and element, worded like Zeebe's rejection:
 *
 * ```
 * Expected to deploy new resources, but encountered the following errors:
 * 'complaint.bpmn':
 * - Element 'Gateway_Decide' (bpmn:ComplexGateway): the element is not supported: complex gateway
 * ```
 */
export function formatDeploymentProblems(problems: readonly DeploymentProblem[]): string {
  const lines = ['Expected to deploy new resources, but encountered the following errors:'];
  const byResource = new Map<string, DeploymentProblem[]>();
  for (const problem of problems) {
    const list = byResource.get(problem.resourceName) ?? [];
    list.push(problem);
    byResource.set(problem.resourceName, list);
  }
  for (const [resourceName, list] of byResource) {
    lines.push(`'${resourceName}':`);
    for (const problem of list) {
      lines.push(`- ${describeSubject(problem)}: ${problem.message}`);
    }
  }
  return lines.join('\n');
}

function describeSubject(problem: DeploymentProblem): string {
  if (problem.elementId === null) return 'Resource';
  const type = problem.elementType === null ? '' : ` (${problem.elementType})`;
  return `Element '${problem.elementId}'${type}`;
}
