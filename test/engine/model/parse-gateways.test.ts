import { describe, expect, it } from '@jest/globals';
import { elementOf, parseFixture } from './fixtures.js';

describe('gateways', () => {
  it('reads an exclusive gateway: default flow and outgoing flows in XML order, with their conditions', async () => {
    const bpmn = await parseFixture('gateways.bpmn');
    expect(elementOf(bpmn, 'Gateway_Score', 'exclusiveGateway')).toEqual({
      kind: 'exclusiveGateway',
      elementType: 'EXCLUSIVE_GATEWAY',
      id: 'Gateway_Score',
      name: 'Score?',
      flowScopeId: 'Process_Gateways',
      incoming: ['Flow_ToScore'],
      outgoing: ['Flow_High', 'Flow_Low', 'Flow_Average'],
      defaultFlowId: 'Flow_Average',
    });
    const flows = bpmn.processes[0]?.process.sequenceFlows;
    expect(flows?.['Flow_High']).toEqual({
      id: 'Flow_High',
      name: 'high',
      sourceId: 'Gateway_Score',
      targetId: 'Task_Praise',
      condition: { kind: 'expression', expression: 'score >= 8' },
    });
    expect(flows?.['Flow_Low']?.condition).toEqual({ kind: 'expression', expression: 'score < 5' });
    expect(flows?.['Flow_Average']?.condition).toBeNull();
  });

  it('reads parallel fork and join gateways', async () => {
    const bpmn = await parseFixture('gateways.bpmn');
    expect(elementOf(bpmn, 'Gateway_Fork', 'parallelGateway')).toMatchObject({
      elementType: 'PARALLEL_GATEWAY',
      incoming: ['Flow_PraiseToFork', 'Flow_ImproveToFork', 'Flow_FileToFork'],
      outgoing: ['Flow_ToBoard', 'Flow_ToUnit'],
    });
    expect(elementOf(bpmn, 'Gateway_Join', 'parallelGateway').incoming).toEqual([
      'Flow_BoardToJoin',
      'Flow_UnitToJoin',
    ]);
  });

  it('reads inclusive fork (with default flow) and join gateways', async () => {
    const bpmn = await parseFixture('gateways.bpmn');
    expect(elementOf(bpmn, 'Gateway_Notify', 'inclusiveGateway')).toMatchObject({
      elementType: 'INCLUSIVE_GATEWAY',
      outgoing: ['Flow_NotifyByEmail', 'Flow_NotifyBySms', 'Flow_NotifyNobody'],
      defaultFlowId: 'Flow_NotifyNobody',
    });
    expect(elementOf(bpmn, 'Gateway_Notified', 'inclusiveGateway')).toMatchObject({
      incoming: ['Flow_NotifyNobody', 'Flow_EmailToNotified', 'Flow_SmsToNotified'],
      defaultFlowId: null,
    });
  });

  it('reads an event-based gateway and the catch events it waits for', async () => {
    const bpmn = await parseFixture('gateways.bpmn');
    expect(elementOf(bpmn, 'Gateway_AwaitAnswer', 'eventBasedGateway')).toMatchObject({
      elementType: 'EVENT_BASED_GATEWAY',
      outgoing: ['Flow_ToAnswer', 'Flow_ToNoAnswer'],
      eventIds: ['Event_AnswerReceived', 'Event_NoAnswer'],
    });
    expect(elementOf(bpmn, 'Event_NoAnswer', 'intermediateCatchEvent').eventDefinition).toEqual({
      type: 'timer',
      kind: 'timeDuration',
      value: { kind: 'static', value: 'P14D' },
    });
  });
});
