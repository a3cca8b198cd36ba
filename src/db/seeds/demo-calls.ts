import type { Random } from './random.js';

export interface DemoCall {
  readonly callerNumber: string;
  /** Index into the demo members, or null for a caller who is not (yet) a member. */
  readonly memberIndex: number | null;
  readonly callerName: string | null;
  readonly destinationUnit: string;
  readonly startedAt: Date;
  readonly durationSeconds: number;
  readonly outcome: 'answered' | 'unanswered' | 'referred';
  readonly answeredBy: 'unit' | 'mcc' | null;
  readonly subject: string;
}

const SUBJECTS: Readonly<Record<string, readonly string[]>> = {
  membership: [
    'تمدید کارت بازرگانی',
    'مدارک لازم برای صدور کارت بازرگانی',
    'پیگیری درخواست عضویت',
    'تغییر مدیرعامل در کارت',
  ],
  trade: ['اطلاعات بازار عراق', 'اعزام هیئت تجاری به روسیه', 'نمایشگاه‌های خارجی پیش رو', 'مشوق‌های صادراتی'],
  certificates: ['زمان صدور گواهی مبدأ', 'گواهی مبدأ فرم A', 'اصلاح گواهی مبدأ صادرشده'],
  legal: ['ثبت درخواست داوری', 'مشاوره حقوقی قرارداد خارجی', 'هزینهٔ داوری'],
  training: ['ثبت‌نام دورهٔ آموزشی صادرات', 'گواهی دورهٔ آموزشی', 'برنامهٔ کارگاه‌های ماه آینده'],
  associations: ['عضویت در تشکل صنفی', 'جلسهٔ کمیسیون صنایع', 'معرفی به انجمن صادرکنندگان'],
  'admin-finance': ['پرداخت حق عضویت', 'صورت‌حساب حق عضویت'],
  mcc: ['ثبت شکایت', 'پیگیری شکایت ثبت‌شده', 'پیشنهاد برای بهبود خدمات', 'پرسش دربارهٔ خدمات اتاق'],
};

const CALLER_NAMES = ['آقای محمدی', 'خانم رضایی', 'آقای کاظمی', 'خانم صادقی', 'آقای اصفهانی', 'خانم کریمیان'];

/** A month of calls ending at `until`, on working days between 8:00 and 16:00 Tehran time. */
export function generateDemoCalls(
  random: Random,
  members: readonly { contacts: readonly { kind: string; value: string }[] }[],
  count: number,
  until: Date,
): DemoCall[] {
  const units = Object.keys(SUBJECTS);
  const calls: DemoCall[] = [];
  for (let i = 0; i < count; i++) {
    const daysAgo = random.int(1, 30);
    const day = new Date(until.getTime() - daysAgo * 86_400_000);
    if (day.getUTCDay() === 5) continue; // Friday: the chamber is closed
    // 08:00–16:00 in Tehran is 04:30–12:30 UTC.
    const startedAt = new Date(
      Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 4, 30) +
        random.int(0, 8 * 3600 - 600) * 1000,
    );
    const memberIndex = random.chance(0.85) ? random.int(0, members.length - 1) : null;
    const phone =
      memberIndex === null
        ? `0913${random.int(1000000, 9999999)}`
        : (members[memberIndex]?.contacts.find((c) => c.kind !== 'email')?.value ??
          `031${random.int(30000000, 39999999)}`);
    const unit = random.pick(units);
    const roll = random.int(1, 100);
    const outcome = roll <= 70 ? 'answered' : roll <= 82 ? 'referred' : 'unanswered';
    calls.push({
      callerNumber: phone,
      memberIndex,
      callerName: memberIndex === null ? random.pick(CALLER_NAMES) : null,
      destinationUnit: unit,
      startedAt,
      durationSeconds: outcome === 'unanswered' ? random.int(20, 60) : random.int(60, 900),
      outcome,
      answeredBy: outcome === 'unanswered' ? null : unit === 'mcc' || random.chance(0.3) ? 'mcc' : 'unit',
      subject: random.pick(SUBJECTS[unit] ?? []),
    });
  }
  return calls.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
}
