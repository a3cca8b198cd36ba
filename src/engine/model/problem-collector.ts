import type { DeploymentProblem } from './deployment-problems.js';

/** Collects the problems of one resource, so that every one of them is reported at once. */
export class ProblemCollector {
  readonly resourceName: string;
  private readonly list: DeploymentProblem[] = [];

  constructor(resourceName: string) {
    this.resourceName = resourceName;
  }

  /** A problem with an element (or with the resource when `element` is `null`). */
  add(element: { readonly id?: string; readonly $type: string } | null, message: string): void {
    this.list.push({
      resourceName: this.resourceName,
      elementId: element === null ? null : (element.id ?? null),
      elementType: element === null || element.id === undefined ? null : element.$type,
      message,
    });
  }

  get problems(): readonly DeploymentProblem[] {
    return this.list;
  }

  get isEmpty(): boolean {
    return this.list.length === 0;
  }
}
