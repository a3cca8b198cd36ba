import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerComplaint } from '../../src/domain/complaints/register-complaint.js';
import { completeAs, instanceState, openTasks, stagesOf } from './support/case-driver.js';
import { startSystem, type SystemUnderTest } from './support/system-under-test.js';

const T0 = new Date('2026-06-06T05:30:00Z'); // Saturday 16 Khordad 1405, 09:00 Tehran
const DAY = 86_400_000;

describe('the committee and corrective actions (SY-PR-05-00-02), end to end', () => {
  let sut: SystemUnderTest;
  let unitId: number;
  beforeAll(async () => {
    sut = await startSystem(T0);
    unitId = ((await sut.db.owner('units').where({ code: 'certificates' }).first('id')) as { id: number }).id;
  });
  afterAll(() => sut.close());

  async function toCommittee() {
    const registered = await sut.db.app.transaction((trx) =>
      registerComplaint(
        trx,
        {
          channel: 'in_person',
          complainantName: 'رضا نادری',
          complainantEmail: 'naderi@example.ir',
          subject: 'صدور گواهی مبدأ با اشتباه',
          description: 'نام کشور مقصد در گواهی مبدأ اشتباه درج شده و محموله در گمرک مانده است.',
          concernedUnitId: unitId,
        },
        'staff:mcc.expert1',
        { now: T0 },
      ),
    );
    const { processInstanceKey: key } = await sut.client.createProcessInstance({
      processDefinitionId: 'complaint-handling',
      variables: { complaintId: registered.id },
    } as never);
    await sut.settle();
    await completeAs(sut, 'mcc.manager', key, 'Task_ManagerReview', {
      severity: 'major',
      concernedUnitId: unitId,
      namedStaffIds: [],
      kind: 'complaint',
      reviewNote: 'نیاز به بررسی در کمیته',
    });
    await completeAs(sut, 'sg', key, 'Task_AssignHandler', { handlerUsername: 'legal.manager' });
    await completeAs(sut, 'legal.manager', key, 'Task_Investigate', {
      circumstances: 'خطای ورود داده',
      causes: 'نبود بازبینی دوم',
      consequences: 'توقف محموله',
      actionsTaken: 'گواهی اصلاح شد',
      evidence: 'نسخهٔ گواهی',
    });
    await completeAs(sut, 'legal.manager', key, 'Task_RootCauseAnalysis', {
      rootCauseMethod: 'ishikawa',
      rootCauseCategory: 'method',
      rootCause: 'فرایند صدور بازبینی دوم ندارد',
      analysis: { method: ['نبود چک‌لیست'] },
    });
    const sgId = (
      (await sut.db.owner('staff').where({ username: 'trade.manager' }).first('id')) as { id: number }
    ).id;
    await completeAs(sut, 'sg', key, 'Task_SecretaryGeneralDecision', {
      decision: 'accepted',
      conveneCommittee: true,
      committeeExtraStaffIds: [sgId],
      decisionNote: 'در کمیته بررسی شود.',
    });
    sut.smtp.clear();
    await completeAs(sut, 'mcc.manager', key, 'Task_ArrangeCommittee', {
      committeeAt: '2026-06-10T10:00:00+03:30',
      committeeLocation: 'اتاق جلسات طبقهٔ دوم',
      committeeAgenda: 'بررسی شکایت از صدور گواهی مبدأ',
    });
    return { id: registered.id, key, trackingCode: registered.trackingCode };
  }

  it('R-CMP-08 R-CMP-09 R-CMP-10 R-CMP-11 R-ISO-04 an accepted complaint with a committee: invitations, decision, a corrective action verified effective', async () => {
    const c = await toCommittee();
    await sut.deliverMail();
    const members = (await sut.db
      .owner('committee_members as m')
      .join('staff as s', 's.id', 'm.staff_id')
      .pluck('s.username')) as string[];
    // Fixed members, the manager of the unit concerned, and the SG's extra member (R-CMP-09).
    for (const u of [
      'sg',
      'mcc.manager',
      'strategy.manager',
      'admin.assistant',
      'certificates.manager',
      'trade.manager',
    ]) {
      expect(members).toContain(u);
    }
    const invitation = await sut.smtp.waitFor((m) => m.to.includes('certificates.manager@eccim.example'));
    const ics = invitation.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(ics?.content.toString()).toMatch(/DTSTART:20260610T063000Z/);

    await completeAs(sut, 'mcc.manager', c.key, 'Task_CommitteeDecision', {
      committeeDecision: 'settled',
      committeeNote: 'با جبران هزینهٔ انبارداری مصالحه شد.',
      correctiveActions: [
        {
          description: 'افزودن بازبینی دوم به صدور گواهی مبدأ',
          ownerUsername: 'certificates.manager',
          dueOn: '2026-06-30',
          resources: 'یک کارشناس',
          successIndicator: 'صفر خطای ورود داده در سه ماه',
        },
      ],
    });
    const [child] = (
      await sut.db.owner.raw(
        'select key::text from engine.process_instances where parent_process_instance_key = ?',
        [c.key],
      )
    ).rows as { key: string }[];
    expect(child).toBeDefined();
    await completeAs(sut, 'mcc.manager', child!.key, 'Task_DefineAction', {
      description: 'افزودن بازبینی دوم به صدور گواهی مبدأ',
      ownerUsername: 'certificates.manager',
      dueOn: '2026-06-30',
      resources: 'یک کارشناس',
      successIndicator: 'صفر خطای ورود داده در سه ماه',
      verifyAfterDays: 30,
    });
    await completeAs(sut, 'certificates.manager', child!.key, 'Task_ReportProgress', {
      progressPct: 100,
      progressNote: 'چک‌لیست بازبینی اجرا شد.',
      done: true,
    });
    const action = (await sut.db.owner('corrective_actions').where({ complaint_id: c.id }).first()) as {
      status: string;
      verification_due_on: string;
    };
    expect(action.status).toBe('done');

    // The result reaches the member meanwhile; the complaint waits for its action to be verified.
    await completeAs(sut, 'mcc.manager', c.key, 'Task_CommunicateResult', {
      finalResult: 'settled',
      resultText: 'مصالحه شد.',
    });
    await sut.client.publishMessage({
      name: 'complaint-satisfaction',
      correlationKey: c.trackingCode,
      variables: { satisfaction: 4 },
    } as never);
    await sut.settle();
    expect(await instanceState(sut, c.key)).toBe('ACTIVE');

    await sut.at(new Date(T0.getTime() + 31 * DAY));
    await sut.settle();
    await completeAs(sut, 'mcc.manager', child!.key, 'Task_VerifyEffectiveness', {
      effective: true,
      verificationNote: 'در سه ماه خطایی نبود.',
    });
    expect(await sut.db.owner('corrective_actions').where({ complaint_id: c.id }).first()).toMatchObject({
      status: 'effective',
      effective: true,
    });
    expect(await instanceState(sut, child!.key)).toBe('COMPLETED');
    expect(await instanceState(sut, c.key)).toBe('COMPLETED');
    expect(await stagesOf(sut, c.id)).toEqual(
      expect.arrayContaining(['committee_convened', 'committee_decided', 'closed']),
    );
    await sut.at(T0);
  });

  it('R-ISO-04 an ineffective corrective action is not closed: a further action is defined and linked to it', async () => {
    const c = await toCommittee();
    await completeAs(sut, 'mcc.manager', c.key, 'Task_CommitteeDecision', {
      committeeDecision: 'accepted',
      committeeNote: 'اقدام اصلاحی لازم است.',
      correctiveActions: [
        {
          description: 'آموزش کارشناسان صدور',
          ownerUsername: 'certificates.manager',
          dueOn: '2026-06-20',
          resources: '',
          successIndicator: 'کاهش خطا',
        },
      ],
    });
    const [child] = (
      await sut.db.owner.raw(
        'select key::text from engine.process_instances where parent_process_instance_key = ?',
        [c.key],
      )
    ).rows as { key: string }[];
    await completeAs(sut, 'mcc.manager', child!.key, 'Task_DefineAction', {
      description: 'آموزش کارشناسان صدور',
      ownerUsername: 'certificates.manager',
      dueOn: '2026-06-20',
      resources: 'دورهٔ آموزشی',
      successIndicator: 'کاهش خطا',
      verifyAfterDays: 30,
    });
    await completeAs(sut, 'certificates.manager', child!.key, 'Task_ReportProgress', {
      progressPct: 100,
      progressNote: 'انجام شد',
      done: true,
    });
    await sut.at(new Date(T0.getTime() + 31 * DAY));
    await sut.settle();
    await completeAs(sut, 'mcc.manager', child!.key, 'Task_VerifyEffectiveness', {
      effective: false,
      verificationNote: 'خطا همچنان تکرار می‌شود.',
      furtherAction: {
        description: 'سامانهٔ کنترل خودکار کد کشور',
        ownerUsername: 'it.manager',
        dueOn: '2026-08-30',
        resources: 'توسعهٔ نرم‌افزار',
        successIndicator: 'صفر خطا',
      },
    });
    const actions = (await sut.db
      .owner('corrective_actions')
      .where({ complaint_id: c.id })
      .orderBy('id')) as {
      id: number;
      status: string;
      parent_action_id: number | null;
    }[];
    expect(actions[0]).toMatchObject({ status: 'ineffective' });
    expect(await instanceState(sut, child!.key)).toBe('ACTIVE');
    expect((await openTasks(sut, child!.key)).map((t) => t.elementId)).toEqual(['Task_DefineAction']);
    await completeAs(sut, 'mcc.manager', child!.key, 'Task_DefineAction', {
      description: 'سامانهٔ کنترل خودکار کد کشور',
      ownerUsername: 'it.manager',
      dueOn: '2026-08-30',
      resources: 'توسعهٔ نرم‌افزار',
      successIndicator: 'صفر خطا',
      verifyAfterDays: 45,
    });
    const next = (await sut.db
      .owner('corrective_actions')
      .where({ complaint_id: c.id })
      .orderBy('id')) as typeof actions;
    expect(next).toHaveLength(2);
    expect(next[1]).toMatchObject({ status: 'open', parent_action_id: actions[0]!.id });
    await sut.at(T0);
  });
});
