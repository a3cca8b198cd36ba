import { z } from 'zod';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import { recordProcessStage } from '../../src/domain/complaints/process-stages.js';
import { COMPLAINT_STAGES, isComplaintStage } from '../../src/domain/complaints/record-stage.js';
import { WORKER_ACTOR, jobKeyOf } from '../support.js';
import { entityId } from '../variables.js';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The variable names of the `fields` header: comma-separated, blanks ignored. */
export function fieldNames(header: string | undefined): string[] {
  const names = (header ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const bad = names.filter((n) => !VARIABLE_NAME.test(n));
  if (bad.length > 0) throw new Error(`header fields names invalid variables: ${bad.join(', ')}`);
  return [...new Set(names)];
}

/**
 * Every "record what the person decided" step (R-CMP-14): header `stage` names the stage, the
 * variables named in header `fields` become its data. The review, the investigation report, the
 * SG's decision and a phone acknowledgement also update the complaint.
 */
export const recordStageWorker = defineWorker({
  type: 'complaint.record-stage',
  description:
    'Records a decision or report of a user task as a stage of the complaint form (ME-FR-01-01-01)',
  headers: {
    stage: `the stage recorded: ${COMPLAINT_STAGES.join(', ')}`,
    fields: 'comma-separated names of the variables copied into the stage data',
  },
  input: z.looseObject({ complaintId: entityId }),
  output: z.object({}),
  async handler(job, services) {
    const stage = job.headers.stage?.trim() ?? '';
    if (!isComplaintStage(stage)) {
      throw new Error(
        `header stage must be one of ${COMPLAINT_STAGES.join(', ')}, got ${JSON.stringify(stage)}`,
      );
    }
    const variables = job.variables as Record<string, unknown>;
    const fields = Object.fromEntries(fieldNames(job.headers.fields).map((name) => [name, variables[name]]));
    const now = services.now();
    await services.db.transaction((trx) =>
      recordProcessStage(trx, {
        complaintId: job.variables.complaintId,
        stage,
        fields,
        actor: WORKER_ACTOR,
        now,
        processInstanceKey: job.processInstanceKey,
        elementId: job.elementId,
        idempotencyKey: jobKeyOf(job),
      }),
    );
    return {};
  },
});
