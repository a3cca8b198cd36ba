import type { SequenceFlow } from './executable-process.js';
import type { CollectedFlow } from './index-process.js';
import { expressionBody } from './moddle-access.js';
import type { ProblemCollector } from './problem-collector.js';
import { readExpression } from './read-attribute.js';

const GATEWAYS_WITH_CONDITIONS = new Set(['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway']);

/**
 * Sequence flows with their conditions. A condition must be FEEL, and only flows leaving an exclusive or
 * inclusive gateway may have one (Zeebe has no conditional flows from activities).
 */
export function transformSequenceFlows(
  problems: ProblemCollector,
  flows: readonly CollectedFlow[],
  nodes: ReadonlyMap<string, { readonly $type: string }>,
): { flows: Record<string, SequenceFlow>; withConditionInXml: ReadonlySet<string> } {
  const result: Record<string, SequenceFlow> = {};
  const withConditionInXml = new Set<string>();
  for (const flow of flows) {
    const rawCondition = expressionBody(flow.element.conditionExpression);
    let condition = null;
    if (rawCondition !== undefined) {
      withConditionInXml.add(flow.id);
      const sourceType = nodes.get(flow.sourceId)?.$type ?? flow.element.sourceRef?.$type ?? '';
      if (GATEWAYS_WITH_CONDITIONS.has(sourceType)) {
        condition =
          readExpression(problems, flow.element, 'the condition (conditionExpression)', rawCondition) ?? null;
      } else {
        problems.add(
          flow.element,
          'conditional sequence flows are only supported where they leave an exclusive or inclusive gateway',
        );
      }
    }
    result[flow.id] = {
      id: flow.id,
      name: flow.element.name ?? null,
      sourceId: flow.sourceId,
      targetId: flow.targetId,
      condition,
    };
  }
  return { flows: result, withConditionInXml };
}
