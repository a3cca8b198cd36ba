import { beforeAll, describe, expect, it } from '@jest/globals';
import { parseDeploymentResource } from '../../src/engine/model/index.js';
import type { ExecutableElement, ExecutableProcess, ParsedBpmn } from '../../src/engine/model/index.js';
import { runtimeProblems } from '../../src/engine/processing/runtime-support.js';
import {
  lintProblems,
  nextActivity,
  processFiles,
  readDiagramModel,
  route,
  summarize,
  written,
} from './process-files.js';
import type { DiagramModel, ModelElement } from './process-files.js';

/**
 * The BPMN files of `processes/` as process owners edit them in Camunda Modeler: they lint clean, deploy on
 * the engine, keep the contract of `processes/complaint-handling.md`, read in Persian with requirement IDs,
 * and have a complete diagram.
 */

const files = processFiles();
const fileNames = files.map((file) => file.name);
const xmlOf = (name: string): string => {
  const file = files.find((candidate) => candidate.name === name);
  if (file === undefined) throw new Error(`processes/${name} is missing`);
  return file.xml;
};

const REQUIREMENT_ID = /R-(CALL|PS|SS|CMP|MTG|ISO|X)-[0-9]{2}/;
const DOCUMENT_CODE = /(ME|SY|SE)-(FR|PR)-[0-9]{2}-[0-9]{2}-[0-9]{2}/;
/** Persian script, no Latin letters, and the Persian ی and ک (not Arabic ي and ك, which break search). */
const isPersianLabel = (name: string): boolean =>
  /\p{Script=Arabic}/u.test(name) && !/[A-Za-z]/.test(name) && !/[\u064A\u0643]/.test(name);

// ---------------------------------------------------------------------------------------------------------
// The contract (processes/complaint-handling.md), one row per element

type ContractRow = { readonly id: string; readonly kind: ExecutableElement['kind'] } & Record<
  string,
  unknown
>;

const service = (id: string, jobType: string, headers?: Record<string, string>): ContractRow => ({
  id,
  kind: 'serviceTask',
  jobType,
  headers,
});
const groupTask = (id: string, formId: string, candidateGroups: string): ContractRow => ({
  id,
  kind: 'userTask',
  formId,
  candidateGroups,
});
const assignedTask = (id: string, formId: string, assignee: string): ContractRow => ({
  id,
  kind: 'userTask',
  formId,
  assignee,
});
const timerOn = (id: string, attachedTo: string, timeDate: string, leadsTo: string): ContractRow => ({
  id,
  kind: 'boundaryEvent',
  attachedTo,
  interrupting: false,
  trigger: `timeDate ${timeDate}`,
  leadsTo,
});
const gateway = (id: string, kind: ExecutableElement['kind']): ContractRow => ({ id, kind });

const complaintContract: readonly ContractRow[] = [
  { id: 'Start_Registered', kind: 'startEvent', trigger: 'none' },
  { id: 'Start_Raised', kind: 'startEvent', trigger: 'message complaint-raised' },
  service('Task_Register', 'complaint.register'),
  gateway('Gateway_CanNotify', 'exclusiveGateway'),
  service('Task_Acknowledge', 'complaint.acknowledge'),
  groupTask('Task_AcknowledgeByPhone', 'complaint-acknowledge-by-phone', 'mcc-expert'),
  timerOn(
    'Timer_AcknowledgementDue',
    'Task_AcknowledgeByPhone',
    '=acknowledgementDueAt',
    'Task_EscalateAcknowledgement',
  ),
  service('Task_EscalateAcknowledgement', 'complaint.escalate', { reason: 'acknowledgement-overdue' }),
  service('Task_RecordPhoneAcknowledgement', 'complaint.record-stage', {
    stage: 'acknowledged',
    fields: 'reached,acknowledgementNote',
  }),
  groupTask('Task_ManagerReview', 'complaint-review', 'mcc-manager'),
  service('Task_RecordReview', 'complaint.record-stage', {
    stage: 'reviewed',
    fields: 'severity,concernedUnitId,namedStaffIds,kind,reviewNote',
  }),
  service('Task_SetDeadlines', 'complaint.classify-deadlines'),
  service('Task_ForwardToSecretaryGeneral', 'complaint.forward-to-secretary-general'),
  service('Task_ListEligibleHandlers', 'complaint.list-eligible-handlers'),
  groupTask('Task_AssignHandler', 'complaint-handler-assignment', 'secretary-general'),
  service('Task_CheckIndependence', 'complaint.check-handler-independence'),
  {
    id: 'Error_HandlerIsStakeholder',
    kind: 'boundaryEvent',
    attachedTo: 'Task_CheckIndependence',
    interrupting: true,
    trigger: 'error HANDLER_IS_STAKEHOLDER',
    outputs: { handlerRejectionReason: '=reason' },
    leadsTo: 'Task_ListEligibleHandlers',
  },
  assignedTask('Task_Investigate', 'complaint-investigation-report', '=handlerUsername'),
  timerOn('Timer_ResponseReminder', 'Task_Investigate', '=reminderAt', 'Task_RemindHandler'),
  service('Task_RemindHandler', 'complaint.remind', { reason: 'response-deadline-near' }),
  timerOn('Timer_ResponseOverdue', 'Task_Investigate', '=responseDueAt', 'Task_EscalateOverdue'),
  service('Task_EscalateOverdue', 'complaint.escalate', { reason: 'response-overdue' }),
  service('Task_RecordInvestigation', 'complaint.record-stage', {
    stage: 'investigated',
    fields: 'circumstances,causes,consequences,actionsTaken,evidence',
  }),
  gateway('Gateway_NeedsRootCause', 'exclusiveGateway'),
  assignedTask('Task_RootCauseAnalysis', 'complaint-root-cause-analysis', '=handlerUsername'),
  service('Task_RecordRootCause', 'complaint.record-root-cause'),
  groupTask('Task_SecretaryGeneralDecision', 'complaint-sg-decision', 'secretary-general'),
  timerOn(
    'Timer_DecisionOverdue',
    'Task_SecretaryGeneralDecision',
    '=resolutionDueAt',
    'Task_EscalateDecisionOverdue',
  ),
  service('Task_EscalateDecisionOverdue', 'complaint.escalate', { reason: 'resolution-overdue' }),
  service('Task_RecordDecision', 'complaint.record-stage', {
    stage: 'decided',
    fields: 'decision,conveneCommittee,committeeExtraStaffIds,decisionNote',
  }),
  gateway('Gateway_Decision', 'exclusiveGateway'),
  groupTask('Task_ArrangeCommittee', 'complaint-committee-arrangement', 'mcc-manager'),
  service('Task_ConveneCommittee', 'complaint.convene-committee'),
  groupTask('Task_CommitteeDecision', 'complaint-committee-decision', 'mcc-manager'),
  timerOn(
    'Timer_CommitteeDecisionOverdue',
    'Task_CommitteeDecision',
    '=resolutionDueAt',
    'Task_EscalateCommitteeOverdue',
  ),
  service('Task_EscalateCommitteeOverdue', 'complaint.escalate', { reason: 'resolution-overdue' }),
  service('Task_RecordCommitteeDecision', 'complaint.record-committee-decision'),
  gateway('Gateway_SplitActions', 'parallelGateway'),
  {
    id: 'Call_CorrectiveActions',
    kind: 'callActivity',
    processId: 'corrective-action',
    multiInstance: {
      sequential: false,
      inputCollection: '=if correctiveActions = null then [] else correctiveActions',
      inputElement: 'action',
    },
    inputs: { sourceType: '="complaint"', complaintId: '=complaintId', action: '=action' },
  },
  groupTask('Task_CommunicateResult', 'complaint-result-notification', 'mcc-manager'),
  service('Task_NotifyMemberOfResult', 'complaint.notify-result'),
  gateway('Gateway_AwaitFeedback', 'eventBasedGateway'),
  {
    id: 'Catch_SatisfactionFeedback',
    kind: 'intermediateCatchEvent',
    trigger: 'message complaint-satisfaction correlated by =trackingCode',
  },
  { id: 'Timer_NoFeedback', kind: 'intermediateCatchEvent', trigger: 'timeDuration P14D' },
  service('Task_RecordSatisfaction', 'complaint.record-satisfaction'),
  service('Task_Close', 'complaint.close'),
  gateway('Gateway_JoinActions', 'parallelGateway'),
  { id: 'End_Closed', kind: 'endEvent', trigger: 'none' },
];

const correctiveActionContract: readonly ContractRow[] = [
  groupTask('Task_DefineAction', 'corrective-action-definition', 'mcc-manager'),
  service('Task_OpenAction', 'corrective-action.open'),
  assignedTask('Task_ReportProgress', 'corrective-action-progress', '=ownerUsername'),
  timerOn('Timer_ActionReminder', 'Task_ReportProgress', '=reminderAt', 'Task_RemindOwner'),
  service('Task_RemindOwner', 'corrective-action.remind'),
  timerOn('Timer_ActionOverdue', 'Task_ReportProgress', '=dueAt', 'Task_EscalateAction'),
  service('Task_EscalateAction', 'corrective-action.escalate'),
  service('Task_RecordProgress', 'corrective-action.record-progress'),
  gateway('Gateway_Done', 'exclusiveGateway'),
  { id: 'Timer_VerificationDue', kind: 'intermediateCatchEvent', trigger: 'timeDate =verificationDueAt' },
  groupTask('Task_VerifyEffectiveness', 'corrective-action-effectiveness', 'mcc-manager'),
  service('Task_RecordVerification', 'corrective-action.record-verification'),
  service('Task_NotifyActionClosed', 'notification.notify-staff', {
    recipients: 'mcc-manager, strategy-manager',
    title: 'اقدام اصلاحی {correctiveActionId} بسته شد',
    body: 'اثربخشی اقدام اصلاحی «{description}» تأیید و اقدام بسته شد.',
  }),
  gateway('Gateway_Effective', 'exclusiveGateway'),
  { id: 'End_Closed', kind: 'endEvent', trigger: 'none' },
];

// ---------------------------------------------------------------------------------------------------------

const parsed = new Map<string, ParsedBpmn>();

async function parsedFile(name: string): Promise<ParsedBpmn> {
  const known = parsed.get(name);
  if (known) return known;
  const result = await parseDeploymentResource(name, xmlOf(name));
  parsed.set(name, result);
  return result;
}

async function executable(name: string, bpmnProcessId: string): Promise<ExecutableProcess> {
  const found = (await parsedFile(name)).processes.find((p) => p.bpmnProcessId === bpmnProcessId);
  if (found === undefined) throw new Error(`${name} has no executable process '${bpmnProcessId}'`);
  return found.process;
}

function element<K extends ExecutableElement['kind']>(
  process: ExecutableProcess,
  id: string,
  kind: K,
): ExecutableElement & { readonly kind: K } {
  const found = process.elements[id];
  if (found?.kind !== kind)
    throw new Error(`expected ${id} to be a ${kind}, found ${found?.kind ?? 'nothing'}`);
  return found as ExecutableElement & { readonly kind: K };
}

describe('processes/*.bpmn', () => {
  it('has the complaint and corrective action processes', () => {
    expect(fileNames).toEqual(expect.arrayContaining(['complaint-handling.bpmn', 'corrective-action.bpmn']));
  });

  describe.each(fileNames)('%s', (name) => {
    let diagram: DiagramModel;
    beforeAll(async () => {
      diagram = await readDiagramModel(xmlOf(name));
    });

    it('passes bpmnlint with the project .bpmnlintrc (recommended + camunda-compat 8.8), without warnings', () => {
      expect(lintProblems([{ name, xml: xmlOf(name) }])).toEqual({ [name]: [] });
    });

    it('deploys on the embedded engine without problems', async () => {
      const bpmn = await parsedFile(name);
      expect(bpmn.processes.length).toBeGreaterThan(0);
      expect(bpmn.processes.flatMap((p) => runtimeProblems(name, p.process))).toEqual([]);
    });

    it('targets Camunda 8.8 as Camunda Modeler writes it', () => {
      const xml = xmlOf(name);
      expect(xml).toContain('modeler:executionPlatform="Camunda Cloud"');
      expect(xml).toContain('modeler:executionPlatformVersion="8.8.0"');
    });

    it('names every process and flow node in Persian and cites requirement IDs and the document code', () => {
      const unlabelled: string[] = [];
      for (const process of diagram.processes) {
        for (const item of [process, ...process.flowElements.filter(isFlowNode)]) {
          const name = item.name?.trim() ?? '';
          const documentation = (item.documentation ?? []).map((d) => d.text ?? '').join('\n');
          if (!isPersianLabel(name)) unlabelled.push(`${item.id}: name '${name}' is not a Persian label`);
          if (!REQUIREMENT_ID.test(documentation))
            unlabelled.push(`${item.id}: documentation cites no requirement ID`);
          if (!DOCUMENT_CODE.test(documentation))
            unlabelled.push(`${item.id}: documentation cites no document code`);
        }
        for (const flow of process.flowElements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
          const source = flow.sourceRef;
          const forks = source?.$type === 'bpmn:ExclusiveGateway' && (source.outgoing?.length ?? 0) > 1;
          if (forks && !isPersianLabel(flow.name ?? ''))
            unlabelled.push(`${flow.id}: gateway branch has no Persian label`);
        }
      }
      expect(unlabelled).toEqual([]);
    });

    it('has a diagram shape for every flow node and an edge for every sequence flow', () => {
      const missing: string[] = [];
      for (const process of diagram.processes) {
        for (const item of process.flowElements) {
          if (item.$type === 'bpmn:SequenceFlow') {
            const waypoints = diagram.edges.get(item.id);
            if (waypoints === undefined || waypoints.length < 2) missing.push(`edge of ${item.id}`);
            else if (!touches(waypoints[0], item.sourceRef) || !touches(waypoints.at(-1), item.targetRef))
              missing.push(`edge of ${item.id} does not connect its source and target shapes`);
          } else if (isFlowNode(item) && !diagram.shapes.has(item.id)) missing.push(`shape of ${item.id}`);
        }
      }
      expect(missing).toEqual([]);

      function touches(point: { x: number; y: number } | undefined, node: ModelElement | undefined): boolean {
        const bounds = node === undefined ? undefined : diagram.shapes.get(node.id);
        if (point === undefined || bounds === undefined) return false;
        const inside = (value: number, from: number, size: number) =>
          value >= from - 1 && value <= from + size + 1;
        return inside(point.x, bounds.x, bounds.width) && inside(point.y, bounds.y, bounds.height);
      }
    });

    it('places every boundary event on the border of its host', () => {
      const misplaced: string[] = [];
      for (const process of diagram.processes) {
        for (const event of process.flowElements.filter((e) => e.$type === 'bpmn:BoundaryEvent')) {
          const shape = diagram.shapes.get(event.id);
          const host = event.attachedToRef && diagram.shapes.get(event.attachedToRef.id);
          if (!shape || !host) continue;
          const cx = shape.x + shape.width / 2;
          const cy = shape.y + shape.height / 2;
          const near = (a: number, b: number) => Math.abs(a - b) <= 2;
          const withinX = cx >= host.x && cx <= host.x + host.width;
          const withinY = cy >= host.y && cy <= host.y + host.height;
          const onBorder =
            (withinX && (near(cy, host.y) || near(cy, host.y + host.height))) ||
            (withinY && (near(cx, host.x) || near(cx, host.x + host.width)));
          if (!onBorder) misplaced.push(event.id);
        }
      }
      expect(misplaced).toEqual([]);
    });
  });

  it('reports a lint problem with the rule name and the element id', () => {
    const xml = xmlOf('complaint-handling.bpmn').replace(
      /(<bpmn:serviceTask id="Task_Register") name="[^"]*"/,
      '$1',
    );
    expect(xml).not.toEqual(xmlOf('complaint-handling.bpmn'));
    expect(lintProblems([{ name: 'unnamed-task.bpmn', xml }])).toEqual({
      'unnamed-task.bpmn': [expect.stringMatching(/^label-required error Task_Register: /)],
    });
  });
});

function isFlowNode(item: ModelElement): boolean {
  return (
    item.$type !== 'bpmn:SequenceFlow' && !item.$type.startsWith('bpmn:Data') && item.$type !== 'bpmn:Process'
  );
}

// ---------------------------------------------------------------------------------------------------------

describe('complaint-handling: the contract of processes/complaint-handling.md', () => {
  let process: ExecutableProcess;
  beforeAll(async () => {
    process = await executable('complaint-handling.bpmn', 'complaint-handling');
  });

  it.each(complaintContract)('$id is a $kind as the contract says', (row) => {
    const found = process.elements[row.id];
    expect(found && summarize(process, found)).toEqual(row);
  });

  it('R-CMP-02 surveys, meetings and calls raise a complaint with the message complaint-raised', () => {
    const start = element(process, 'Start_Raised', 'startEvent');
    expect(start.eventDefinition).toEqual({ type: 'message', messageName: 'complaint-raised' });
    expect(nextActivity(process, 'Start_Raised')).toBe('Task_Register');
    expect(nextActivity(process, 'Start_Registered')).toBe('Task_Register');
    expect(process.noneStartEventId).toBe('Start_Registered');
  });

  it('R-ISO-01 acknowledges automatically when the complainant can be notified, otherwise by phone', () => {
    expect(route(process, 'Gateway_CanNotify', { complainantCanBeNotified: true })).toBe('Task_Acknowledge');
    expect(route(process, 'Gateway_CanNotify', { complainantCanBeNotified: false })).toBe(
      'Task_AcknowledgeByPhone',
    );
    expect(route(process, 'Gateway_CanNotify', {})).toBe('Task_AcknowledgeByPhone');
    expect(nextActivity(process, 'Task_Acknowledge')).toBe('Task_ManagerReview');
    expect(nextActivity(process, 'Task_AcknowledgeByPhone')).toBe('Task_RecordPhoneAcknowledgement');
    expect(nextActivity(process, 'Task_RecordPhoneAcknowledgement')).toBe('Task_ManagerReview');
  });

  it('R-CMP-04 R-ISO-02 the MCC manager reviews, deadlines are set, then the complaint goes to the SG', () => {
    expect(nextActivity(process, 'Task_Register')).toBe('Gateway_CanNotify');
    expect(nextActivity(process, 'Task_ManagerReview')).toBe('Task_RecordReview');
    expect(nextActivity(process, 'Task_RecordReview')).toBe('Task_SetDeadlines');
    expect(nextActivity(process, 'Task_SetDeadlines')).toBe('Task_ForwardToSecretaryGeneral');
    expect(nextActivity(process, 'Task_ForwardToSecretaryGeneral')).toBe('Task_ListEligibleHandlers');
  });

  it('R-CMP-05 the independence check loops back to the SG with the reason', () => {
    const check = element(process, 'Error_HandlerIsStakeholder', 'boundaryEvent');
    expect(check.eventDefinition).toEqual({ type: 'error', errorCode: 'HANDLER_IS_STAKEHOLDER' });
    expect(check.ioMapping.outputs.map((o) => [o.target, `=${o.source.expression}`])).toEqual([
      ['handlerRejectionReason', '=reason'],
    ]);
    expect(nextActivity(process, 'Error_HandlerIsStakeholder')).toBe('Task_ListEligibleHandlers');
    expect(nextActivity(process, 'Task_ListEligibleHandlers')).toBe('Task_AssignHandler');
    expect(nextActivity(process, 'Task_AssignHandler')).toBe('Task_CheckIndependence');
    expect(nextActivity(process, 'Task_CheckIndependence')).toBe('Task_Investigate');
  });

  it('R-CMP-06 R-CMP-15 the handler investigates and the report is recorded on the complaint form', () => {
    expect(nextActivity(process, 'Task_Investigate')).toBe('Task_RecordInvestigation');
    expect(nextActivity(process, 'Task_RecordInvestigation')).toBe('Gateway_NeedsRootCause');
  });

  it('R-ISO-03 root-cause analysis is required for major and critical complaints only', () => {
    for (const severity of ['major', 'critical']) {
      expect(route(process, 'Gateway_NeedsRootCause', { severity })).toBe('Task_RootCauseAnalysis');
    }
    expect(route(process, 'Gateway_NeedsRootCause', { severity: 'minor' })).toBe('Gateway_MergeRootCause');
    expect(nextActivity(process, 'Task_RootCauseAnalysis')).toBe('Task_RecordRootCause');
    expect(nextActivity(process, 'Task_RecordRootCause')).toBe('Task_SecretaryGeneralDecision');
    expect(nextActivity(process, 'Gateway_MergeRootCause')).toBe('Task_SecretaryGeneralDecision');
  });

  it('R-CMP-07 R-CMP-08 only an accepted complaint with a committee goes to the committee', () => {
    const committee = { decision: 'accepted', conveneCommittee: true };
    expect(nextActivity(process, 'Task_SecretaryGeneralDecision')).toBe('Task_RecordDecision');
    expect(route(process, 'Gateway_Decision', committee)).toBe('Task_ArrangeCommittee');
    for (const variables of [
      { decision: 'accepted', conveneCommittee: false },
      { decision: 'rejected', conveneCommittee: false },
      { decision: 'rejected', conveneCommittee: true },
    ]) {
      const target = route(process, 'Gateway_Decision', variables);
      expect(target && nextActivity(process, target)).toBe('Task_CommunicateResult');
    }
  });

  it('R-CMP-09 R-CMP-10 the MCC manager arranges the committee, members are invited, the decision is recorded', () => {
    expect(nextActivity(process, 'Task_ArrangeCommittee')).toBe('Task_ConveneCommittee');
    expect(nextActivity(process, 'Task_ConveneCommittee')).toBe('Task_CommitteeDecision');
    expect(nextActivity(process, 'Task_CommitteeDecision')).toBe('Task_RecordCommitteeDecision');
    expect(nextActivity(process, 'Task_RecordCommitteeDecision')).toBe('Gateway_SplitActions');
    const split = element(process, 'Gateway_SplitActions', 'parallelGateway');
    const targets = split.outgoing.map((id) => process.sequenceFlows[id]?.targetId);
    expect(targets).toEqual(expect.arrayContaining(['Call_CorrectiveActions', 'Gateway_MergeResult']));
  });

  it('R-CMP-11 R-ISO-04 each corrective action of the committee runs as its own corrective-action instance', () => {
    const call = element(process, 'Call_CorrectiveActions', 'callActivity');
    expect(call.multiInstance).toMatchObject({ isSequential: false, inputElement: 'action' });
    // Only the inputs reach the child, and the child's variables (reminderAt, dueAt, ...) stay there.
    expect(call.propagateAllParentVariables).toBe(false);
    expect(call.propagateAllChildVariables).toBe(false);
  });

  it('R-CMP-11 the instance ends after the corrective actions, and does not wait for them without a committee', () => {
    const committee = { decision: 'accepted', conveneCommittee: true };
    const join = element(process, 'Gateway_JoinActions', 'parallelGateway');
    expect(join.incoming.map((id) => process.sequenceFlows[id]?.sourceId).sort()).toEqual([
      'Call_CorrectiveActions',
      'Gateway_ActionsPending',
    ]);
    expect(route(process, 'Gateway_ActionsPending', committee)).toBe('Gateway_JoinActions');
    for (const variables of [
      { decision: 'accepted', conveneCommittee: false },
      { decision: 'rejected', conveneCommittee: true },
    ]) {
      expect(route(process, 'Gateway_ActionsPending', variables)).toBe('Gateway_MergeClosed');
      // The same variables never reached the committee, so no corrective action is running.
      expect(route(process, 'Gateway_Decision', variables)).not.toBe('Task_ArrangeCommittee');
    }
    expect(nextActivity(process, 'Gateway_JoinActions')).toBe('End_Closed');
  });

  it('R-CMP-12 R-ISO-05 the MCC manager communicates the result, the member is asked for feedback for 14 days', () => {
    expect(nextActivity(process, 'Task_CommunicateResult')).toBe('Task_NotifyMemberOfResult');
    expect(nextActivity(process, 'Task_NotifyMemberOfResult')).toBe('Gateway_FeedbackRequested');
    expect(route(process, 'Gateway_FeedbackRequested', { feedbackRequested: true })).toBe(
      'Gateway_AwaitFeedback',
    );
    const notRequested = route(process, 'Gateway_FeedbackRequested', { feedbackRequested: false });
    expect(notRequested && nextActivity(process, notRequested)).toBe('Task_RecordSatisfaction');
    const wait = element(process, 'Gateway_AwaitFeedback', 'eventBasedGateway');
    expect([...wait.eventIds].sort()).toEqual(['Catch_SatisfactionFeedback', 'Timer_NoFeedback']);
    expect(nextActivity(process, 'Catch_SatisfactionFeedback')).toBe('Task_RecordSatisfaction');
    expect(nextActivity(process, 'Timer_NoFeedback')).toBe('Task_RecordSatisfaction');
    expect(nextActivity(process, 'Task_RecordSatisfaction')).toBe('Task_Close');
  });

  it('R-ISO-02 R-CMP-13 the deadline tasks are due at the deadlines their timers watch', () => {
    const due = (id: string) => written(element(process, id, 'userTask').dueDate);
    expect(due('Task_AcknowledgeByPhone')).toBe('=acknowledgementDueAt');
    expect(due('Task_Investigate')).toBe('=responseDueAt');
    expect(due('Task_SecretaryGeneralDecision')).toBe('=resolutionDueAt');
    expect(due('Task_CommitteeDecision')).toBe('=resolutionDueAt');
  });
});

describe('corrective-action: the contract of processes/complaint-handling.md', () => {
  let process: ExecutableProcess;
  beforeAll(async () => {
    process = await executable('corrective-action.bpmn', 'corrective-action');
  });

  it.each(correctiveActionContract)('$id is a $kind as the contract says', (row) => {
    const found = process.elements[row.id];
    expect(found && summarize(process, found)).toEqual(row);
  });

  it('R-ISO-04 an action is defined, opened, and its progress reported until it is done', () => {
    expect(process.noneStartEventId).not.toBeNull();
    expect(nextActivity(process, process.noneStartEventId ?? '')).toBe('Task_DefineAction');
    expect(nextActivity(process, 'Task_DefineAction')).toBe('Task_OpenAction');
    expect(nextActivity(process, 'Task_OpenAction')).toBe('Task_ReportProgress');
    expect(nextActivity(process, 'Task_ReportProgress')).toBe('Task_RecordProgress');
    const notDone = route(process, 'Gateway_Done', { done: false });
    expect(notDone && nextActivity(process, notDone)).toBe('Task_ReportProgress');
    expect(route(process, 'Gateway_Done', { done: true })).toBe('Timer_VerificationDue');
    expect(due('Task_ReportProgress')).toBe('=dueAt');

    function due(id: string) {
      return written(element(process, id, 'userTask').dueDate);
    }
  });

  it('R-ISO-04 an action is closed only when verified effective, otherwise the further action is defined', () => {
    expect(nextActivity(process, 'Timer_VerificationDue')).toBe('Task_VerifyEffectiveness');
    expect(nextActivity(process, 'Task_VerifyEffectiveness')).toBe('Task_RecordVerification');
    expect(route(process, 'Gateway_Effective', { effective: true })).toBe('Task_NotifyActionClosed');
    expect(nextActivity(process, 'Task_NotifyActionClosed')).toBe('End_Closed');
    const ineffective = route(process, 'Gateway_Effective', { effective: false });
    expect(ineffective).toBeDefined();
    const further = process.elements[ineffective ?? ''];
    expect(further && summarize(process, further)).toMatchObject({
      kind: 'intermediateThrowEvent',
      outputs: { action: '=furtherAction', parentActionId: '=correctiveActionId' },
    });
    expect(nextActivity(process, ineffective ?? '')).toBe('Task_DefineAction');
  });

  it('R-CMP-11 is the process the complaint calls', async () => {
    const complaint = await executable('complaint-handling.bpmn', 'complaint-handling');
    const call = element(complaint, 'Call_CorrectiveActions', 'callActivity');
    expect(written(call.processId)).toBe(process.id);
  });
});
