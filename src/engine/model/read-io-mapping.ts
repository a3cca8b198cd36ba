import type { ValueOrExpression } from '../feel/index.js';
import type { InputMapping, IoMapping, OutputMapping } from './executable-process.js';
import { findExtension, present } from './moddle-access.js';
import type { BpmnElement } from './moddle-access.js';
import type { ProblemCollector } from './problem-collector.js';
import { readExpression, readValueOrExpression } from './read-attribute.js';

export const NO_IO_MAPPING: IoMapping = { inputs: [], outputs: [] };

/** `zeebe:ioMapping`: inputs (static or FEEL source, may be absent) and outputs (FEEL source). */
export function readIoMapping(problems: ProblemCollector, element: BpmnElement): IoMapping {
  const ioMapping = findExtension(element, 'zeebe:IoMapping');
  if (ioMapping === undefined) return NO_IO_MAPPING;
  const inputs: InputMapping[] = [];
  for (const input of ioMapping.inputParameters ?? []) {
    const target = present(input.target);
    if (target === undefined) {
      problems.add(element, 'an input mapping (zeebe:input) must have a target');
      continue;
    }
    const rawSource = present(input.source);
    const source: ValueOrExpression | undefined =
      rawSource === undefined
        ? undefined
        : readValueOrExpression(problems, element, `zeebe:input source of '${target}'`, rawSource);
    if (rawSource !== undefined && source === undefined) continue;
    inputs.push({ source: source ?? null, target });
  }
  const outputs: OutputMapping[] = [];
  for (const output of ioMapping.outputParameters ?? []) {
    const target = present(output.target);
    if (target === undefined) {
      problems.add(element, 'an output mapping (zeebe:output) must have a target');
      continue;
    }
    const rawSource = present(output.source);
    if (rawSource === undefined) {
      problems.add(element, `the output mapping to '${target}' must have a source expression`);
      continue;
    }
    const source = readExpression(problems, element, `zeebe:output source of '${target}'`, rawSource);
    if (source !== undefined) outputs.push({ source, target });
  }
  return { inputs, outputs };
}
