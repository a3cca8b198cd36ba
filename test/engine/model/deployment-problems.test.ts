import { describe, expect, it } from '@jest/globals';
import { DeploymentRejected, formatDeploymentProblems } from '../../../src/engine/model/index.js';

describe('formatDeploymentProblems', () => {
  it('groups the problems of several resources under their names', () => {
    const message = formatDeploymentProblems([
      {
        resourceName: 'a.bpmn',
        elementId: 'Task_1',
        elementType: 'bpmn:ServiceTask',
        message: 'needs a job type',
      },
      {
        resourceName: 'b.bpmn',
        elementId: null,
        elementType: null,
        message: 'the BPMN XML could not be parsed: oops',
      },
      {
        resourceName: 'a.bpmn',
        elementId: 'Gateway_1',
        elementType: 'bpmn:ComplexGateway',
        message: 'complex gateways are not supported',
      },
    ]);
    expect(message).toBe(
      [
        'Expected to deploy new resources, but encountered the following errors:',
        "'a.bpmn':",
        "- Element 'Task_1' (bpmn:ServiceTask): needs a job type",
        "- Element 'Gateway_1' (bpmn:ComplexGateway): complex gateways are not supported",
        "'b.bpmn':",
        '- Resource: the BPMN XML could not be parsed: oops',
      ].join('\n'),
    );
  });

  it('is the message of DeploymentRejected, which carries the problems', () => {
    const problems = [{ resourceName: 'a.bpmn', elementId: null, elementType: null, message: 'empty' }];
    const error = new DeploymentRejected(problems);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DeploymentRejected');
    expect(error.problems).toEqual(problems);
    expect(error.message).toBe(formatDeploymentProblems(problems));
  });
});
