import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import type { ParseResult } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const zeebeDescriptor: unknown = require('zeebe-bpmn-moddle/resources/zeebe.json');

const moddle = BpmnModdle({ zeebe: zeebeDescriptor });

export type BpmnXmlRead =
  { readonly ok: true; readonly result: ParseResult } | { readonly ok: false; readonly message: string };

/** Reads BPMN XML into the bpmn-moddle model, with the Zeebe extensions Camunda Modeler writes. */
export async function readBpmnXml(xml: string): Promise<BpmnXmlRead> {
  try {
    return { ok: true, result: await moddle.fromXML(xml) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? oneLine(error.message) : String(error) };
  }
}

/** Moddle's messages span lines (`unparsable content <x> detected\n\tline: 3\n\tcolumn: 4\n\tnested error: …`). */
export function oneLine(message: string): string {
  return message
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('; ');
}
