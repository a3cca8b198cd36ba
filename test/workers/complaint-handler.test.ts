import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyAuditTrail } from '../../src/audit/audit-trail.js';
import { BpmnError } from '../../src/camunda/worker-definition.js';
import { checkHandlerIndependenceWorker } from '../../workers/complaints/check-handler-independence.js';
import { classifyDeadlinesWorker } from '../../workers/complaints/classify-deadlines.js';
import { escalateWorker } from '../../workers/complaints/escalate.js';
import { listEligibleHandlersWorker } from '../../workers/complaints/list-eligible-handlers.js';
import { remindWorker } from '../../workers/complaints/remind.js';
import {
  auditEvents,
  createWorld,
  jobFor,
  outbox,
  run,
  runJob,
  stages,
  tehran,
  webComplaint,
  type World,
} from './support.js';

const RECEIVED = tehran('2026-06-03', '14:00');

let world: World;
let complaintId: number;
beforeAll(async () => {
  world = await createWorld(RECEIVED);
  // A complaint about the membership unit, naming the trade manager, made by the IT manager.
  const { id } = await webComplaint(world, {
    receivedAt: RECEIVED,
    complainantName: 'کامران نیک‌نام',
    complainantEmail: 'it.manager@eccim.example',
    complainantPhone: null,
    concernedUnitId: await world.unitId('membership'),
    namedStaffIds: [await world.staffId('trade.manager')],
  });
  complaintId = id;
  await run(classifyDeadlinesWorker, { complaintId, severity: 'major' }, world.services);
});
afterAll(() => world.close());

async function refusal(handlerUsername: string) {
  const job = jobFor(checkHandlerIndependenceWorker, { complaintId, handlerUsername });
  const error = await runJob(checkHandlerIndependenceWorker, job, world.services).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { job, error };
}

describe('R-CMP-05 the handler must not be a stakeholder', () => {
  it('R-CMP-05 the eligible handlers leave out the unit concerned, the people named and the complainant', async () => {
    const job = jobFor(listEligibleHandlersWorker, { complaintId });
    const { handlerOptions } = (await runJob(listEligibleHandlersWorker, job, world.services)) as {
      handlerOptions: { label: string; value: string }[];
    };
    const usernames = handlerOptions.map((o) => o.value);
    for (const stakeholder of ['membership.manager', 'membership.staff', 'trade.manager', 'it.manager']) {
      expect(usernames).not.toContain(stakeholder);
    }
    expect(usernames).not.toContain('auditor');
    expect(usernames).not.toContain('admin');
    expect(usernames).toEqual(
      expect.arrayContaining(['legal.manager', 'mcc.expert1', 'sg', 'certificates.manager']),
    );
    expect(handlerOptions.find((o) => o.value === 'legal.manager')?.label).toBe(
      'مهدی شریفی — امور حقوقی و مرکز داوری',
    );

    await runJob(listEligibleHandlersWorker, job, world.services);
    const events = await auditEvents(
      world.app,
      'complaint',
      complaintId,
      'complaint.eligible-handlers-listed',
    );
    expect(events).toHaveLength(1);
    const excluded = (events[0]?.after as { excluded: { username: string; reasons: string[] }[] }).excluded;
    expect(excluded.map((e) => e.username).sort()).toEqual(
      ['it.manager', 'membership.manager', 'membership.staff', 'trade.manager'].sort(),
    );
    expect(excluded.find((e) => e.username === 'membership.manager')?.reasons).toEqual([
      'مدیر «امور عضویت و کارت بازرگانی» است که شکایت دربارهٔ آن است',
    ]);
  });

  it('R-CMP-05 a member of the concerned unit cannot handle the complaint', async () => {
    const { job, error } = await refusal('membership.staff');
    expect(error).toBeInstanceOf(BpmnError);
    const bpmn = error as BpmnError;
    expect(bpmn.code).toBe('HANDLER_IS_STAKEHOLDER');
    expect(bpmn.variables).toEqual({
      reason:
        'سمیه یزدانی ذی‌نفع مستقیم این شکایت است و نمی‌تواند به آن رسیدگی کند: عضو «امور عضویت و کارت بازرگانی» است که شکایت دربارهٔ آن است.',
    });
    // A second delivery of the job gives the same answer and records nothing more.
    const again = await runJob(checkHandlerIndependenceWorker, job, world.services).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'HANDLER_IS_STAKEHOLDER', variables: bpmn.variables });
    const refused = await stages(world.app, complaintId, 'handler_refused_as_stakeholder');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      summary_fa: bpmn.variables.reason,
      data: { handlerUsername: 'membership.staff' },
    });
    const row = (await world.app('complaints').where({ id: complaintId }).first()) as {
      handler_staff_id: number | null;
    };
    expect(row.handler_staff_id).toBeNull();
  });

  it('R-CMP-05 a person named in the complaint cannot handle it', async () => {
    const { error } = await refusal('trade.manager');
    expect(error).toMatchObject({ code: 'HANDLER_IS_STAKEHOLDER' });
    expect((error as BpmnError).variables.reason).toContain('نامش در متن شکایت آمده است');
  });

  it('R-CMP-05 the complainant cannot handle their own complaint', async () => {
    const { error } = await refusal('it.manager');
    expect((error as BpmnError).variables.reason).toContain('خود شاکی این پرونده است');
  });

  it('R-CMP-05 R-CMP-06 an independent handler is assigned and told, once', async () => {
    world.setNow(tehran('2026-06-06', '09:00'));
    const job = jobFor(checkHandlerIndependenceWorker, { complaintId, handlerUsername: 'legal.manager' });
    expect(await runJob(checkHandlerIndependenceWorker, job, world.services)).toEqual({});
    await runJob(checkHandlerIndependenceWorker, job, world.services);
    const row = (await world.app('complaints').where({ id: complaintId }).first()) as {
      handler_staff_id: number;
      handler_unit_id: number;
      status: string;
    };
    expect(row).toMatchObject({
      handler_staff_id: await world.staffId('legal.manager'),
      handler_unit_id: await world.unitId('legal'),
      status: 'investigating',
    });
    const mails = await outbox(world.app, { entity_id: complaintId, template: 'staff-notice' });
    expect(mails.map((m) => [m.recipient, m.dedupe_key])).toEqual([
      ['legal.manager@eccim.example', `complaint:${complaintId}:handler-assigned:legal.manager`],
    ]);
    expect(await stages(world.app, complaintId, 'handler_assigned')).toHaveLength(1);
  });

  it('R-ISO-02 complaint.remind reminds the handler of the response deadline by e-mail and SMS, once', async () => {
    world.setNow(tehran('2026-06-10', '14:00'));
    const headers = { reason: 'response-deadline-near' };
    const job = jobFor(remindWorker, { complaintId }, { headers });
    await runJob(remindWorker, job, world.services);
    await runJob(remindWorker, job, world.services);
    const mails = await outbox(world.app, { entity_id: complaintId, template: 'deadline-reminder' });
    expect(mails.map((m) => [m.channel, m.dedupe_key])).toEqual([
      ['email', `complaint:${complaintId}:reminder:response-deadline-near:legal.manager:email`],
      ['sms', `complaint:${complaintId}:reminder:response-deadline-near:legal.manager:sms`],
    ]);
    expect(mails[0]?.recipient).toBe('legal.manager@eccim.example');
    expect(await stages(world.app, complaintId, 'reminder_sent')).toHaveLength(1);
    await expect(
      runJob(
        remindWorker,
        jobFor(remindWorker, { complaintId }, { headers: { reason: 'soon' } }),
        world.services,
      ),
    ).rejects.toThrow(/header reason must be one of response-deadline-near/);
  });

  it('R-CMP-13 complaint.escalate reports the passed response deadline to the SG and tells the handler, once', async () => {
    world.setNow(tehran('2026-06-13', '10:00'));
    const job = jobFor(escalateWorker, { complaintId }, { headers: { reason: 'response-overdue' } });
    await runJob(escalateWorker, job, world.services);
    await runJob(escalateWorker, job, world.services);
    const toSg = await outbox(world.app, { entity_id: complaintId, template: 'deadline-escalation' });
    expect(toSg.map((m) => [m.recipient, m.dedupe_key])).toEqual([
      ['sg@eccim.example', `complaint:${complaintId}:escalation:response-overdue:sg`],
    ]);
    expect(toSg[0]?.body_text).toContain('مهدی شریفی');
    const toHandler = (
      await outbox(world.app, { entity_id: complaintId, template: 'deadline-reminder' })
    ).filter((m) => m.dedupe_key.includes('escalation'));
    expect(toHandler.map((m) => m.recipient)).toEqual(['legal.manager@eccim.example']);
    const escalated = await stages(world.app, complaintId, 'escalated');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]?.data).toMatchObject({
      reason: 'response-overdue',
      notified: ['sg', 'legal.manager'],
    });
  });

  it('R-CMP-13 R-ISO-01 an overdue acknowledgement goes to the SG and the MCC manager', async () => {
    await run(escalateWorker, { complaintId }, world.services, {
      headers: { reason: 'acknowledgement-overdue' },
    });
    const mails = (
      await outbox(world.app, { entity_id: complaintId, template: 'deadline-escalation' })
    ).filter((m) => m.dedupe_key.includes('acknowledgement-overdue'));
    expect(mails.map((m) => m.recipient).sort()).toEqual(['mcc.manager@eccim.example', 'sg@eccim.example']);
    await expect(run(escalateWorker, { complaintId }, world.services, { headers: {} })).rejects.toThrow(
      /header reason must be one of/,
    );
  });

  it('R-X-02 the audit trail verifies', async () => {
    expect(await verifyAuditTrail(world.app)).toMatchObject({ ok: true });
  });
});
