import type { WorkerDefinition } from '../../src/camunda/worker-definition.js';
import { acknowledgeWorker } from './acknowledge.js';
import { checkHandlerIndependenceWorker } from './check-handler-independence.js';
import { classifyDeadlinesWorker } from './classify-deadlines.js';
import { closeWorker } from './close.js';
import { conveneCommitteeWorker } from './convene-committee.js';
import { escalateWorker } from './escalate.js';
import { forwardToSecretaryGeneralWorker } from './forward-to-secretary-general.js';
import { listEligibleHandlersWorker } from './list-eligible-handlers.js';
import { notifyResultWorker } from './notify-result.js';
import { recordCommitteeDecisionWorker } from './record-committee-decision.js';
import { recordRootCauseWorker } from './record-root-cause.js';
import { recordSatisfactionWorker } from './record-satisfaction.js';
import { recordStageWorker } from './record-stage.js';
import { registerWorker } from './register.js';
import { remindWorker } from './remind.js';

/** The job types of processes/complaint-handling.bpmn, in the order of the contract's table. */
export const COMPLAINT_WORKERS: readonly WorkerDefinition[] = [
  registerWorker,
  acknowledgeWorker,
  escalateWorker,
  recordStageWorker,
  classifyDeadlinesWorker,
  forwardToSecretaryGeneralWorker,
  listEligibleHandlersWorker,
  checkHandlerIndependenceWorker,
  remindWorker,
  recordRootCauseWorker,
  conveneCommitteeWorker,
  recordCommitteeDecisionWorker,
  notifyResultWorker,
  recordSatisfactionWorker,
  closeWorker,
] as readonly WorkerDefinition[];
