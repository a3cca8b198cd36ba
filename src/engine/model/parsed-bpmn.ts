import type { BindingType, ExecutableProcess } from './executable-process.js';

/** One executable process of a BPMN resource. */
export interface ParsedProcess {
  readonly bpmnProcessId: string;
  readonly name: string | null;
  readonly versionTag: string | null;
  /**
   * MD5 (hex) of the resource text. Zeebe deploys a new version of a process unless the latest version has the
   * same checksum and the same resource name; it does not depend on version or key.
   */
  readonly checksum: string;
  readonly process: ExecutableProcess;
}

/** A Camunda form linked by a user task or start event, for the deployer to check. */
export interface LinkedFormReference {
  readonly bpmnProcessId: string;
  readonly elementId: string;
  readonly formId: string;
  readonly bindingType: BindingType;
  readonly versionTag: string | null;
}

export interface ParsedBpmn {
  readonly resourceName: string;
  readonly processes: readonly ParsedProcess[];
  /** Static `formId`s, in document order. */
  readonly linkedForms: readonly LinkedFormReference[];
}
