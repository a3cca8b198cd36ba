import { describe, expect, it } from '@jest/globals';
import { parseDeploymentResource } from '../../../src/engine/model/index.js';
import { readFixture } from './fixtures.js';

/** The job worker fixture, drawn in a pool with a lane, an annotation and a data object, next to a second pool. */
async function withPoolsAndArtifacts(): Promise<string> {
  const xml = await readFixture('job-worker-tasks.bpmn');
  return xml
    .replace(
      '<bpmn:process id="Process_JobWorkerTasks"',
      `<bpmn:collaboration id="Collaboration_Chamber">
    <bpmn:participant id="Participant_Mcc" name="MCC" processRef="Process_JobWorkerTasks" />
    <bpmn:participant id="Participant_Secretariat" name="Secretariat" processRef="Process_Secretariat" />
    <bpmn:messageFlow id="MessageFlow_Letter" sourceRef="Task_ForwardToSecretaryGeneral" targetRef="Participant_Secretariat" />
  </bpmn:collaboration>
  <bpmn:process id="Process_JobWorkerTasks"`,
    )
    .replace(
      '<bpmn:startEvent id="StartEvent_Received"',
      `<bpmn:laneSet id="LaneSet_Mcc">
      <bpmn:lane id="Lane_Experts" name="Experts">
        <bpmn:flowNodeRef>StartEvent_Received</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:dataObjectReference id="DataObjectReference_Letter" name="Letter" dataObjectRef="DataObject_Letter" />
    <bpmn:dataObject id="DataObject_Letter" />
    <bpmn:textAnnotation id="TextAnnotation_Rule">
      <bpmn:text>MCC-7.2</bpmn:text>
    </bpmn:textAnnotation>
    <bpmn:association id="Association_Rule" sourceRef="Task_ForwardToSecretaryGeneral" targetRef="TextAnnotation_Rule" />
    <bpmn:startEvent id="StartEvent_Received"`,
    )
    .replace(
      '<bpmndi:BPMNDiagram',
      `<bpmn:process id="Process_Secretariat" name="Secretariat" isExecutable="true">
    <bpmn:startEvent id="StartEvent_LetterReceived" name="Letter received" />
  </bpmn:process>
  <bpmndi:BPMNDiagram`,
    );
}

describe('a resource', () => {
  it('reads every executable process, ignoring pools, lanes, message flows, annotations and data objects', async () => {
    const bpmn = await parseDeploymentResource('chamber.bpmn', await withPoolsAndArtifacts());
    expect(bpmn.processes.map((process) => process.bpmnProcessId)).toEqual([
      'Process_JobWorkerTasks',
      'Process_Secretariat',
    ]);
    const [mcc, secretariat] = bpmn.processes;
    expect(Object.keys(mcc?.process.elements ?? {})).toEqual([
      'StartEvent_Received',
      'Task_ForwardToSecretaryGeneral',
      'Task_NotifyMember',
      'Task_ScoreSurvey',
      'Task_CheckStakeholder',
      'EndEvent_Done',
    ]);
    expect(secretariat?.process).toMatchObject({
      noneStartEventId: 'StartEvent_LetterReceived',
      childIds: ['StartEvent_LetterReceived'],
    });
    expect(secretariat?.checksum).toBe(mcc?.checksum);
  });

  it('gives plain data that survives JSON', async () => {
    const bpmn = await parseDeploymentResource('chamber.bpmn', await withPoolsAndArtifacts());
    expect(JSON.parse(JSON.stringify(bpmn))).toEqual(bpmn);
  });
});
