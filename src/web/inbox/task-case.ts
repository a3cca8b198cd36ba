import type { Knex } from 'knex';
import type { ComplaintRow } from '../../domain/complaints/complaint-record.js';
import type { CaseTitle, TaskCase } from './inbox-types.js';

export type { CaseTitle, TaskCase };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The complaint behind a process instance: the complaint's own instance, or a corrective action's
 * that a complaint started. Null for instances of other processes.
 */
export async function caseOfInstance(db: Knex, processInstanceKey: string): Promise<TaskCase | null> {
  const id = (await caseTitlesOf(db, [processInstanceKey])).get(processInstanceKey)?.complaintId;
  if (id === undefined) return null;

  const row = (await db('complaints as c')
    .leftJoin('members as m', 'm.id', 'c.member_id')
    .leftJoin('units as u', 'u.id', 'c.concerned_unit_id')
    .where('c.id', id)
    .first('c.*', { member: 'm.legal_name', concerned_unit: 'u.name_fa' })) as ComplaintRow & {
    member: string | null;
    concerned_unit: string | null;
  };
  const stages = (await db('complaint_stages as s')
    .leftJoin('staff as st', 'st.id', 's.actor_staff_id')
    .where('s.complaint_id', id)
    .orderBy([{ column: 's.occurred_at' }, { column: 's.id' }])
    .select('s.stage', 's.occurred_at', 's.summary_fa', {
      actor: db.raw('coalesce(st.full_name_fa, s.actor_label)'),
    })) as {
    stage: string;
    occurred_at: Date;
    summary_fa: string | null;
    actor: string | null;
  }[];
  return {
    kind: 'complaint',
    complaint: {
      id: row.id,
      trackingCode: row.tracking_code,
      kind: row.kind,
      channel: row.channel,
      subject: row.subject,
      description: row.description,
      severity: row.severity,
      status: row.status,
      member: row.member,
      complainant: row.complainant_name,
      concernedUnit: row.concerned_unit,
      receivedAt: row.received_at.toISOString(),
      responseDueAt: iso(row.response_due_at),
      resolutionDueAt: iso(row.resolution_due_at),
    },
    history: stages.map((s) => ({
      stage: s.stage,
      actor: s.actor,
      occurredAt: s.occurred_at.toISOString(),
      summaryFa: s.summary_fa,
    })),
  };
}

/** The complaint behind each of these process instances (its own, or a corrective action's), in one query. */
export async function caseTitlesOf(
  db: Knex,
  processInstanceKeys: readonly string[],
): Promise<Map<string, CaseTitle>> {
  if (processInstanceKeys.length === 0) return new Map();
  const rows = (await db
    .select({
      key: 'c.process_instance_key',
      complaintId: 'c.id',
      trackingCode: 'c.tracking_code',
      subject: 'c.subject',
    })
    .from('complaints as c')
    .whereIn('c.process_instance_key', processInstanceKeys)
    .unionAll((q) =>
      q
        .select({
          key: 'a.process_instance_key',
          complaintId: 'c.id',
          trackingCode: 'c.tracking_code',
          subject: 'c.subject',
        })
        .from('corrective_actions as a')
        .join('complaints as c', 'c.id', 'a.complaint_id')
        .whereIn('a.process_instance_key', processInstanceKeys),
    )) as (CaseTitle & { key: string })[];
  return new Map(rows.map(({ key, ...title }) => [String(key), title]));
}
