// bpmn-moddle ships types for its model (`bpmn-moddle/types`) but not for its entry point.
declare module 'bpmn-moddle' {
  import type { BpmnDefinitions } from 'bpmn-moddle/types';
  import type { ModdleElement } from 'moddle';

  export interface ParseWarning {
    readonly message: string;
    /** The element that holds the unresolved reference or unknown attribute. */
    readonly element?: ModdleElement & { readonly id?: string };
    readonly property?: string;
    readonly value?: unknown;
    readonly error?: Error;
  }

  export interface ParseResult {
    readonly rootElement: ModdleElement<BpmnDefinitions>;
    readonly warnings: readonly ParseWarning[];
    readonly elementsById: Readonly<Record<string, ModdleElement>>;
  }

  export interface BpmnModdleInstance {
    fromXML(xml: string): Promise<ParseResult>;
  }

  /** Creates a moddle for BPMN 2.0 with the given extension packages (e.g. `{ zeebe: zeebeDescriptor }`). */
  export function BpmnModdle(
    packages?: Record<string, unknown>,
    options?: Record<string, unknown>,
  ): BpmnModdleInstance;
}
