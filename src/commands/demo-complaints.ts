import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import type { Knex } from 'knex';
import type { Logger } from '../logger.js';
import { completeTask, mayWorkOn, waitForTask } from '../camunda/user-tasks.js';
import { registerComplaint } from '../domain/complaints/register-complaint.js';
import { candidateGroupsOf } from '../domain/staff-groups.js';

type Step = readonly [elementId: string, username: string, values: Record<string, unknown>];

interface DemoCase {
  readonly complainant: { name: string; email?: string; phone?: string };
  readonly unit: string;
  readonly subject: string;
  readonly description: string;
  /** The steps taken so far: the case waits at the step after the last one. */
  readonly steps: readonly Step[];
}

const review = (severity: string, unitId: number): Record<string, unknown> => ({
  severity,
  concernedUnitId: unitId,
  namedStaffIds: [],
  kind: 'complaint',
  reviewNote: 'اطلاعات شکایت کامل است و مدارک پیوست بررسی شد.',
});

const report = {
  circumstances: 'درخواست عضو در صف بررسی مانده و پیگیری نشده بود.',
  causes: 'کمبود نیرو در واحد و نبود یادآور برای پرونده‌های معوق',
  consequences: 'تأخیر در خدمت و نارضایتی عضو',
  actionsTaken: 'پرونده در اولویت قرار گرفت و به عضو اطلاع داده شد.',
  evidence: 'سوابق سامانهٔ اتوماسیون اداری',
};

/** Eight complaints, each stopped at another stage of the procedure (through the engine, not behind it). */
function cases(unit: (code: string) => number): DemoCase[] {
  const toInvestigation = (severity: string, code: string): Step[] => [
    ['Task_ManagerReview', 'mcc.manager', review(severity, unit(code))],
    ['Task_AssignHandler', 'sg', { handlerUsername: 'legal.manager' }],
  ];
  const investigated: Step[] = [['Task_Investigate', 'legal.manager', report]];
  const decided = (decision: string, committee: boolean): Step => [
    'Task_SecretaryGeneralDecision',
    'sg',
    { decision, conveneCommittee: committee, committeeExtraStaffIds: [], decisionNote: 'بررسی شد.' },
  ];
  return [
    {
      complainant: { name: 'محسن رستگار', email: 'rastegar@example.ir', phone: '09131110001' },
      unit: 'membership',
      subject: 'تأخیر در تمدید کارت بازرگانی',
      description: 'درخواست تمدید کارت بازرگانی بیش از سه هفته است بی‌پاسخ مانده است.',
      steps: [],
    },
    {
      complainant: { name: 'نسرین افشار', email: 'afshar@example.ir' },
      unit: 'certificates',
      subject: 'اشتباه در گواهی مبدأ',
      description: 'نام کشور مقصد در گواهی مبدأ اشتباه درج شده و محموله در گمرک مانده است.',
      steps: [['Task_ManagerReview', 'mcc.manager', review('major', unit('certificates'))]],
    },
    {
      complainant: { name: 'حمید صفایی', phone: '09131110003' },
      unit: 'training',
      subject: 'لغو دورهٔ آموزشی بدون اطلاع',
      description: 'دورهٔ آموزش صادرات که هزینهٔ آن پرداخت شده بود بدون اطلاع قبلی لغو شد.',
      steps: toInvestigation('minor', 'training'),
    },
    {
      complainant: { name: 'شرکت فولاد نقش جهان', email: 'info@naghshejahan-steel.example.ir' },
      unit: 'trade',
      subject: 'پاسخ‌ندادن به استعلام بازار عراق',
      description: 'استعلام بازار عراق که یک ماه پیش ثبت شد هنوز پاسخی نگرفته است.',
      steps: [
        ...toInvestigation('critical', 'trade'),
        ...investigated,
        [
          'Task_RootCauseAnalysis',
          'legal.manager',
          {
            rootCauseMethod: 'five_why',
            rootCauseCategory: 'process',
            rootCause: 'نبود مسئول مشخص برای استعلام‌ها',
            analysis: {},
          },
        ],
      ],
    },
    {
      complainant: { name: 'مریم توکلی', email: 'tavakoli@example.ir' },
      unit: 'legal',
      subject: 'طولانی شدن رسیدگی داوری',
      description: 'پروندهٔ داوری ما شش ماه است بدون جلسه مانده است.',
      steps: [
        ['Task_ManagerReview', 'mcc.manager', review('minor', unit('legal'))],
        ['Task_AssignHandler', 'sg', { handlerUsername: 'training.manager' }],
        ['Task_Investigate', 'training.manager', report],
        decided('accepted', true),
      ],
    },
    {
      complainant: { name: 'علی کرمانی', email: 'kermani@example.ir' },
      unit: 'admin-finance',
      subject: 'دریافت دوبارهٔ حق عضویت',
      description: 'حق عضویت امسال دو بار از حساب ما برداشت شده است.',
      steps: [...toInvestigation('minor', 'admin-finance'), ...investigated, decided('accepted', false)],
    },
    {
      complainant: { name: 'زهره بهرامی', email: 'bahrami@example.ir' },
      unit: 'public-relations',
      subject: 'اطلاع‌رسانی دیرهنگام همایش',
      description: 'دعوت‌نامهٔ همایش سرمایه‌گذاری یک روز پیش از برگزاری به دست ما رسید.',
      steps: [
        ...toInvestigation('minor', 'public-relations'),
        ...investigated,
        decided('rejected', false),
        [
          'Task_CommunicateResult',
          'mcc.manager',
          { finalResult: 'rejected', resultText: 'دعوت‌نامه‌ها طبق برنامه ارسال شده بود.' },
        ],
      ],
    },
    {
      complainant: { name: 'کاظم امینی', phone: '03132220008' },
      unit: 'it',
      subject: 'از دسترس خارج بودن سامانهٔ صدور کارت',
      description: 'سامانهٔ صدور کارت بازرگانی دو روز از دسترس خارج بود.',
      steps: [],
    },
  ];
}

/**
 * Demo complaints at different stages, started and moved on through the engine's REST API by the
 * people whose step it is, with the workers running: a newcomer signing in sees real work.
 */
export async function seedDemoComplaints(client: CamundaClient, db: Knex, log: Logger): Promise<number> {
  const units = new Map(
    ((await db('units').select('id', 'code')) as { id: number; code: string }[]).map((u) => [u.code, u.id]),
  );
  const unit = (code: string) => units.get(code)!;
  let started = 0;
  for (const c of cases(unit)) {
    const registered = await db.transaction((trx) =>
      registerComplaint(
        trx,
        {
          channel: c.complainant.email ? 'website' : 'phone',
          complainantName: c.complainant.name,
          complainantEmail: c.complainant.email,
          complainantPhone: c.complainant.phone,
          subject: c.subject,
          description: c.description,
          concernedUnitId: unit(c.unit),
        },
        'system:seed',
      ),
    );
    const { processInstanceKey } = await client.createProcessInstance({
      processDefinitionId: 'complaint-handling',
      variables: { complaintId: registered.id },
    } as never);
    for (const [elementId, username, values] of c.steps) {
      const task = await waitForTask(client, processInstanceKey, elementId);
      if (!mayWorkOn(task, username, await candidateGroupsOf(db, username))) {
        throw new Error(`demo data: ${username} may not complete ${elementId}`);
      }
      await completeTask(client, task, username, values);
    }
    started += 1;
  }
  log.info(
    { complaints: started },
    `demo complaints started through the engine at ${started} different stages`,
  );
  return started;
}
