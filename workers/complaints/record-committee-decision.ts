import { z } from 'zod';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import {
  FINAL_RESULTS,
  auditView,
  changedFields,
  lockComplaint,
  updateComplaint,
} from '../../src/domain/complaints/complaint-record.js';
import { RESULT_LABELS_FA } from '../../src/domain/complaints/labels.js';
import { findStage, recordStage } from '../../src/domain/complaints/record-stage.js';
import { jobKeyOf, stageContext } from '../support.js';
import { entityId, nullToUndefined, oneOf, optionalEntityId, optionalText } from '../variables.js';

/** A corrective action as the committee's form lists it; the corrective-action process completes it. */
const plannedAction = z.looseObject({
  description: optionalText(2000),
  ownerUsername: optionalText(40),
  dueOn: optionalText(40),
  resources: optionalText(2000),
  successIndicator: optionalText(2000),
});

const input = z.object({
  complaintId: entityId,
  /** Written by complaint.convene-committee; the complaint's latest planned meeting when absent. */
  committeeMeetingId: optionalEntityId,
  committeeDecision: oneOf(FINAL_RESULTS),
  committeeNote: optionalText(20_000),
  correctiveActions: z.preprocess(
    (v) => nullToUndefined(v) ?? [],
    z.array(plannedAction, { error: () => 'must be a list of actions' }).max(30),
  ),
});

/**
 * Task_RecordCommitteeDecision (R-CMP-10, R-CMP-11): the committee's decision — accept, reject or
 * settle — and the corrective actions it defined, on the meeting and the complaint form. The
 * actions themselves are opened by the corrective-action process.
 */
export const recordCommitteeDecisionWorker = defineWorker({
  type: 'complaint.record-committee-decision',
  description: "Records the complaints committee's decision and the corrective actions it defined",
  input,
  output: z.object({}),
  async handler(job, services) {
    const v = job.variables;
    const now = services.now();
    await services.db.transaction(async (trx) => {
      const complaint = await lockComplaint(trx, v.complaintId);
      if (await findStage(trx, complaint.id, jobKeyOf(job))) return;
      const meeting = (await trx('committee_meetings')
        .where({ complaint_id: complaint.id })
        .modify((q) => {
          if (v.committeeMeetingId !== undefined) q.where({ id: v.committeeMeetingId });
        })
        .orderBy('id', 'desc')
        .forUpdate()
        .first()) as { id: number; decision: string | null; status: string } | undefined;
      if (!meeting) {
        throw new Error(
          v.committeeMeetingId !== undefined
            ? `committeeMeetingId: meeting ${v.committeeMeetingId} is not a committee meeting of complaint ${complaint.id}`
            : `complaint ${complaint.id} has no committee meeting`,
        );
      }
      await trx('committee_meetings')
        .where({ id: meeting.id })
        .update({
          status: 'held',
          decision: v.committeeDecision,
          decision_notes_fa: v.committeeNote ?? null,
          decided_at: now,
        });
      const after = await updateComplaint(trx, complaint.id, { status: 'communicating_result' });
      const diff = changedFields(auditView(complaint), auditView(after));
      await recordStage(trx, {
        ...stageContext(job, now),
        complaintId: complaint.id,
        stage: 'committee_decided',
        summaryFa:
          `کمیتهٔ بررسی شکایات اعضا رأی به «${RESULT_LABELS_FA[v.committeeDecision]}» داد` +
          (v.correctiveActions.length > 0 ? ` و ${v.correctiveActions.length} اقدام اصلاحی تعریف کرد.` : '.'),
        data: {
          committeeMeetingId: meeting.id,
          committeeDecision: v.committeeDecision,
          committeeNote: v.committeeNote ?? null,
          correctiveActions: v.correctiveActions,
        },
        audit: {
          before: {
            ...diff.before,
            meeting: { id: meeting.id, status: meeting.status, decision: meeting.decision },
          },
          after: {
            ...diff.after,
            meeting: { id: meeting.id, status: 'held', decision: v.committeeDecision },
          },
        },
      });
    });
    return {};
  },
});
