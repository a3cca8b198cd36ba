import type { Knex } from 'knex';
import { appendAuditEvent, type Actor } from '../../audit/audit-trail.js';
import { DomainInputError } from '../complaints/errors.js';
import { CORRECTIVE_ACTION_PROCEDURE, lockAction, type CorrectiveActionRow } from './action-record.js';

export interface RecordVerificationInput {
  readonly actionId: number;
  readonly effective: boolean;
  readonly note?: string | null;
  readonly actor: Actor;
  readonly now: Date;
  readonly verifiedByStaffId?: number | null;
  readonly processInstanceKey?: string | null;
}

/**
 * The check of effectiveness (R-ISO-04): an effective action is closed (`effective`); an
 * ineffective one stays on record as `ineffective` and a further action is opened with it as
 * parent. An action already verified is left as it is (`isNew: false`).
 */
export async function recordVerification(
  trx: Knex.Transaction,
  input: RecordVerificationInput,
): Promise<{ isNew: boolean; action: CorrectiveActionRow }> {
  const before = await lockAction(trx, input.actionId);
  if (before.status === 'effective' || before.status === 'ineffective')
    return { isNew: false, action: before };
  if (before.status !== 'done') {
    throw new DomainInputError([
      {
        field: 'correctiveActionId',
        message: `corrective action ${before.id} is ${before.status}: only a done action can be verified`,
      },
    ]);
  }
  const [after] = (await trx('corrective_actions')
    .where({ id: before.id })
    .update({
      status: input.effective ? 'effective' : 'ineffective',
      effective: input.effective,
      verified_at: input.now,
      verified_by_staff_id: input.verifiedByStaffId ?? null,
      verification_notes_fa: input.note?.trim() || null,
    })
    .returning('*')) as CorrectiveActionRow[];
  await appendAuditEvent(trx, {
    actor: input.actor,
    action: 'corrective-action.verified',
    entityType: 'corrective-action',
    entityId: before.id,
    before: { status: before.status, effective: before.effective },
    after: {
      status: after!.status,
      effective: input.effective,
      verifiedAt: input.now,
      note: after!.verification_notes_fa,
    },
    ...(input.processInstanceKey ? { processInstanceKey: input.processInstanceKey } : {}),
    documentCode: CORRECTIVE_ACTION_PROCEDURE,
  });
  return { isNew: true, action: after! };
}
