import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyAuditTrail } from '../../src/audit/audit-trail.js';
import { registerComplaint } from '../../src/domain/complaints/register-complaint.js';
import { completeAs, instanceState, openTasks, path, stagesOf } from './support/case-driver.js';
import { startSystem, type SystemUnderTest } from './support/system-under-test.js';

// Wednesday 13 Khordad 1405, 10:00 Tehran.
const T0 = new Date('2026-06-03T06:30:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('complaint handling, end to end on the embedded engine with the real workers', () => {
  let sut: SystemUnderTest;
  let membershipUnitId: number;
  beforeAll(async () => {
    sut = await startSystem(T0);
    membershipUnitId = (
      (await sut.db.owner('units').where({ code: 'membership' }).first('id')) as { id: number }
    ).id;
  });
  afterAll(() => sut.close());

  let seq = 0;
  /** Registers a complaint as the public form would and starts its process instance. */
  async function fileComplaint(contact: { email?: string; phone?: string }) {
    seq += 1;
    const registered = await sut.db.app.transaction((trx) =>
      registerComplaint(
        trx,
        {
          channel: 'website',
          complainantName: `شاکی ${seq}`,
          complainantEmail: contact.email,
          complainantPhone: contact.phone,
          subject: 'تأخیر در تمدید کارت بازرگانی',
          description: 'درخواست تمدید کارت بازرگانی سه هفته است بی‌پاسخ مانده است.',
          concernedUnitId: membershipUnitId,
        },
        'public',
        { now: T0 },
      ),
    );
    const { processInstanceKey } = await sut.client.createProcessInstance({
      processDefinitionId: 'complaint-handling',
      variables: { complaintId: registered.id },
    } as never);
    await sut.settle();
    return { id: registered.id, trackingCode: registered.trackingCode, key: processInstanceKey };
  }

  const review = (severity: string) => ({
    severity,
    concernedUnitId: membershipUnitId,
    namedStaffIds: [],
    kind: 'complaint',
    reviewNote: 'مدارک کامل است.',
  });
  const report = {
    circumstances: 'پرونده در صف بررسی مانده بود.',
    causes: 'کمبود نیرو در واحد عضویت',
    consequences: 'تأخیر در صدور کارت',
    actionsTaken: 'پرونده در اولویت قرار گرفت.',
    evidence: 'سوابق سامانه',
  };

  async function throughInvestigation(c: { key: string }, severity: string) {
    await completeAs(sut, 'mcc.manager', c.key, 'Task_ManagerReview', review(severity));
    await completeAs(sut, 'sg', c.key, 'Task_AssignHandler', { handlerUsername: 'legal.manager' });
    await completeAs(sut, 'legal.manager', c.key, 'Task_Investigate', report);
    if (severity !== 'minor') {
      await completeAs(sut, 'legal.manager', c.key, 'Task_RootCauseAnalysis', {
        rootCauseMethod: 'five_why',
        rootCauseCategory: 'process',
        rootCause: 'نبود سامانهٔ نوبت‌دهی برای تمدید',
        analysis: { whys: ['چرا؟ صف طولانی', 'چرا؟ نبود نوبت‌دهی'] },
      });
    }
  }

  async function answerSatisfaction(c: { key: string; trackingCode: string }, satisfaction: number) {
    await sut.client.publishMessage({
      name: 'complaint-satisfaction',
      correlationKey: c.trackingCode,
      variables: { satisfaction, satisfactionComment: 'سپاس از پیگیری' },
    } as never);
    await sut.settle();
  }

  it("R-CMP-04 R-CMP-06 R-CMP-07 R-CMP-12 R-CMP-14 R-ISO-01 R-ISO-05 an accepted complaint without a committee, from the website to the member's satisfaction", async () => {
    const c = await fileComplaint({ email: 'complainant1@example.ir', phone: '09131234567' });
    await sut.deliverMail();
    const ack = await sut.smtp.waitFor((m) => m.to.includes('complainant1@example.ir'));
    expect(ack.html).toMatch(/dir="rtl"/);
    expect(ack.text).toContain(c.trackingCode.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!));

    await throughInvestigation(c, 'minor');
    await completeAs(sut, 'sg', c.key, 'Task_SecretaryGeneralDecision', {
      decision: 'accepted',
      conveneCommittee: false,
      committeeExtraStaffIds: [],
      decisionNote: 'شکایت وارد است.',
    });
    await completeAs(sut, 'mcc.manager', c.key, 'Task_CommunicateResult', {
      finalResult: 'accepted',
      resultText: 'کارت بازرگانی شما تمدید شد.',
    });
    await sut.deliverMail();
    const result = await sut.smtp.waitFor(
      (m) => m.to.includes('complainant1@example.ir') && m.seq !== ack.seq,
    );
    expect(result.text).toMatch(/http:\/\/127\.0\.0\.1:8080\/feedback\/\S+/);

    await answerSatisfaction(c, 5);
    expect(await instanceState(sut, c.key)).toBe('COMPLETED');
    const complaint = (await sut.db.owner('complaints').where({ id: c.id }).first()) as Record<
      string,
      unknown
    >;
    expect(complaint).toMatchObject({
      status: 'closed',
      decision: 'accepted',
      final_result: 'accepted',
      severity: 'minor',
    });
    expect(complaint.acknowledged_at).not.toBeNull();
    const stages = await stagesOf(sut, c.id);
    for (const stage of [
      'registered',
      'acknowledged',
      'reviewed',
      'forwarded_to_secretary_general',
      'handler_assigned',
      'investigated',
      'decided',
      'result_communicated',
      'satisfaction_recorded',
      'closed',
    ]) {
      expect(stages).toContain(stage);
    }
    const feedback = (await sut.db.owner('complaint_feedback').where({ complaint_id: c.id }).first()) as {
      satisfaction: number;
    };
    expect(feedback.satisfaction).toBe(5);
    expect(await verifyAuditTrail(sut.db.owner)).toMatchObject({ ok: true });
    const audited = (await sut.db
      .owner('audit_events')
      .where({ entity_type: 'complaint', entity_id: String(c.id) })
      .pluck('document_code')) as string[];
    expect(audited.length).toBeGreaterThan(5);
    expect(new Set(audited)).toEqual(new Set(['ME-FR-01-01-01']));
  });

  it('R-CMP-07 a rejected complaint is communicated and closed without investigation of a committee', async () => {
    const c = await fileComplaint({ email: 'complainant2@example.ir' });
    await throughInvestigation(c, 'minor');
    await completeAs(sut, 'sg', c.key, 'Task_SecretaryGeneralDecision', {
      decision: 'rejected',
      conveneCommittee: false,
      committeeExtraStaffIds: [],
      decisionNote: 'موضوع در حیطهٔ اتاق نیست.',
    });
    expect((await openTasks(sut, c.key)).map((t) => t.elementId)).toEqual(['Task_CommunicateResult']);
    await completeAs(sut, 'mcc.manager', c.key, 'Task_CommunicateResult', {
      finalResult: 'rejected',
      resultText: 'شکایت رد شد.',
    });
    await answerSatisfaction(c, 2);
    expect(await instanceState(sut, c.key)).toBe('COMPLETED');
    expect(await path(sut, c.key)).not.toContain('Task_ArrangeCommittee:COMPLETED');
    expect(await sut.db.owner('complaints').where({ id: c.id }).first()).toMatchObject({
      final_result: 'rejected',
      status: 'closed',
    });
  });

  it('R-CMP-05 a handler who is a stakeholder is refused and the choice goes back to the SG with the reason', async () => {
    const c = await fileComplaint({ email: 'complainant3@example.ir' });
    await completeAs(sut, 'mcc.manager', c.key, 'Task_ManagerReview', review('minor'));
    await completeAs(sut, 'sg', c.key, 'Task_AssignHandler', { handlerUsername: 'membership.manager' });
    const [task] = await openTasks(sut, c.key);
    expect(task?.elementId).toBe('Task_AssignHandler');
    const { rows } = await sut.db.owner.raw(
      "select value from engine.variables where process_instance_key = ? and name = 'handlerRejectionReason'",
      [c.key],
    );
    expect(JSON.parse((rows as { value: string }[])[0]!.value)).toMatch(/[\u0600-\u06FF]/);
    expect(await stagesOf(sut, c.id)).toContain('handler_refused_as_stakeholder');
    await completeAs(sut, 'sg', c.key, 'Task_AssignHandler', { handlerUsername: 'legal.manager' });
    expect((await openTasks(sut, c.key)).map((t) => t.elementId)).toEqual(['Task_Investigate']);
  });

  it('R-ISO-02 R-ISO-03 a critical complaint: the SG is told at once, tighter deadlines, root-cause analysis required', async () => {
    const c = await fileComplaint({ email: 'complainant4@example.ir' });
    sut.smtp.clear();
    await completeAs(sut, 'mcc.manager', c.key, 'Task_ManagerReview', review('critical'));
    await sut.deliverMail();
    const sgMail = await sut.smtp.waitFor((m) => m.to.includes('sg@eccim.example'));
    expect(sgMail.subject).toMatch(/[\u0600-\u06FF]/);
    const complaint = (await sut.db.owner('complaints').where({ id: c.id }).first()) as {
      response_due_at: Date;
      resolution_due_at: Date;
    };
    // 24 working hours from Wednesday 10:00 (Thursday half-day, Friday off) and 7 calendar days.
    expect(complaint.response_due_at.getTime()).toBeGreaterThan(T0.getTime() + DAY);
    expect(complaint.resolution_due_at.getTime() - T0.getTime()).toBeLessThanOrEqual(7 * DAY + HOUR);
    await completeAs(sut, 'sg', c.key, 'Task_AssignHandler', { handlerUsername: 'legal.manager' });
    await completeAs(sut, 'legal.manager', c.key, 'Task_Investigate', report);
    expect((await openTasks(sut, c.key)).map((t) => t.elementId)).toEqual(['Task_RootCauseAnalysis']);
  });

  it('R-ISO-01 R-CMP-13 an acknowledgement by phone that is not done in 2 working days is escalated', async () => {
    const c = await fileComplaint({ phone: '03136261234' }); // a landline: no e-mail, no SMS
    expect((await openTasks(sut, c.key)).map((t) => t.elementId)).toEqual(['Task_AcknowledgeByPhone']);
    sut.smtp.clear();
    await sut.at(new Date(T0.getTime() + 6 * DAY));
    await sut.settle();
    await sut.deliverMail();
    expect(await stagesOf(sut, c.id)).toContain('escalated');
    await sut.smtp.waitFor((m) => m.to.includes('sg@eccim.example'));
    // The call is made after all: recorded as the acknowledgement, and the case goes on.
    await completeAs(sut, 'mcc.expert1', c.key, 'Task_AcknowledgeByPhone', {
      reached: true,
      acknowledgementNote: 'با شاکی تماس گرفته شد.',
    });
    expect(await stagesOf(sut, c.id)).toContain('acknowledged');
    expect(
      ((await sut.db.owner('complaints').where({ id: c.id }).first()) as { acknowledged_at: Date | null })
        .acknowledged_at,
    ).not.toBeNull();
    expect((await openTasks(sut, c.key)).map((t) => t.elementId)).toEqual(['Task_ManagerReview']);
    await sut.at(T0);
  });
});
