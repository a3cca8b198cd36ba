import { describe, expect, it } from '@jest/globals';
import {
  NotificationInputError,
  TEMPLATE_NAMES,
  UnknownTemplateError,
  renderEmail,
  renderSms,
  type TemplateName,
} from '../../src/notify/index.js';
import { ACK_DATA, INVITATION_DATA, RESULT_DATA } from './support.js';

const ctx = { to: 'member@example.ir', now: new Date('2025-05-30T08:00:00Z') };

const SAMPLES: Record<TemplateName, unknown> = {
  'complaint-acknowledgement': { ...ACK_DATA, respondBy: '2025-06-03T14:00:00+03:30' },
  'complaint-result': RESULT_DATA,
  'satisfaction-feedback-request': {
    recipientName: 'علی رضایی',
    topic: 'نحوهٔ رسیدگی به شکایت شما',
    surveyUrl: 'https://survey.porsline.ir/s/AbC123?member=8f2e',
    trackingCode: 'C1404-000123',
    respondBy: '2025-06-22T23:59:00+03:30',
    estimatedMinutes: 3,
  },
  'committee-invitation': INVITATION_DATA,
  'deadline-reminder': {
    recipientName: 'حسین موسوی',
    caseKind: 'complaint',
    caseReference: 'C1404-000123',
    caseTitle: 'تأخیر در صدور کارت بازرگانی',
    stepTitle: 'بررسی و ارائهٔ گزارش به دبیر کل',
    deadline: '2025-06-08T14:00:00+03:30',
    state: 'approaching',
    inboxUrl: 'https://mcc.eccim.ir/inbox',
  },
  'deadline-escalation': {
    recipientName: 'جناب آقای دکتر کریمی',
    caseKind: 'complaint',
    caseReference: 'C1404-000123',
    stepTitle: 'بررسی و ارائهٔ گزارش به دبیر کل',
    deadline: '2025-06-08T14:00:00+03:30',
    state: 'passed',
    responsible: 'واحد صدور کارت بازرگانی',
    severity: 'critical',
    caseUrl: 'https://mcc.eccim.ir/cases/12',
  },
  'staff-notice': {
    recipientName: 'حسین موسوی',
    title: 'فهرست تماس‌های بی‌پاسخ امروز',
    body: 'فهرست تماس‌های بی‌پاسخ امروز در کارتابل شما قرار گرفت.\n\nلطفاً تا پایان وقت اداری فردا با اعضا تماس بگیرید.',
    action: { label: 'مشاهدهٔ فهرست', url: 'https://mcc.eccim.ir/calls/unanswered' },
  },
};

/** Latin digits outside URLs and e-mail addresses: there should be none in Persian text (R-X-01). */
function latinDigitsOutsideLinks(text: string): string[] {
  return (
    text
      .replace(/https?:\/\/\S+/g, '')
      .replace(/\S+@\S+/g, '')
      .match(/[0-9]+/g) ?? []
  );
}

describe('templates', () => {
  it.each(TEMPLATE_NAMES)(
    'R-X-01 %s renders RTL Persian HTML and text with Jalali dates in Persian digits',
    (name) => {
      const mail = renderEmail(name, SAMPLES[name], ctx);
      expect(mail.html).toMatch(/^<!DOCTYPE html>\n<html dir="rtl" lang="fa">/);
      expect(mail.html).toContain('<div dir="rtl" lang="fa"');
      expect(mail.html).toMatch(/font-family:Vazirmatn,Tahoma/);
      expect(mail.html).not.toMatch(/<style|<link|<script/); // inline CSS only
      expect(mail.html).toContain('با سلام و احترام');
      expect(mail.text).toContain('با سلام و احترام');
      expect(mail.subject.length).toBeGreaterThan(5);
      expect(latinDigitsOutsideLinks(mail.subject)).toEqual([]);
      expect(latinDigitsOutsideLinks(mail.text)).toEqual([]);
      // Control lines leave no runs of blank lines or trailing spaces behind.
      expect(mail.text).not.toMatch(/\n{3,}|[ \t]+\n/);
    },
  );

  it('R-ISO-01 the acknowledgement says when the complaint was received, in Jalali, with the tracking code', () => {
    const mail = renderEmail('complaint-acknowledgement', SAMPLES['complaint-acknowledgement'], ctx);
    expect(mail.subject).toBe('ثبت شکایت شما — کد رهگیری C۱۴۰۴-۰۰۰۱۲۳');
    expect(mail.text).toContain(
      'شکایت شما با کد رهگیری C۱۴۰۴-۰۰۰۱۲۳ در تاریخ ۱۱ خرداد ۱۴۰۴ در مرکز ارتباط با اعضای اتاق بازرگانی، صنایع، معادن و کشاورزی اصفهان ثبت شد.',
    );
    expect(mail.text).toContain('زمان ثبت: ۱۱ خرداد ۱۴۰۴، ساعت ۱۰:۱۵');
    expect(mail.text).toContain('پاسخ اولیه حداکثر تا تاریخ ۱۳ خرداد ۱۴۰۴ به شما اعلام خواهد شد.');
    expect(mail.text).toContain('مراحل بعدی:');
    expect(mail.text).toContain('https://eccim.ir/complaints/status');
    expect(mail.html).toContain('href="https://eccim.ir/complaints/status"');
    // ZWNJ where Persian orthography needs it: «می‌رسد», «به‌صورت».
    expect(mail.text).toContain('می\u200cرسد');
    expect(mail.text).toContain('به\u200cصورت');
  });

  it('R-CMP-12 the result mail names the outcome and links the satisfaction survey (R-ISO-05)', () => {
    for (const [outcome, label] of [
      ['accepted', 'پذیرش شکایت'],
      ['rejected', 'رد شکایت'],
      ['settled', 'سازش'],
    ] as const) {
      const mail = renderEmail('complaint-result', { ...RESULT_DATA, outcome }, ctx);
      expect(mail.text).toContain(`نتیجهٔ نهایی: ${label}`);
      expect(mail.text).toContain('در تاریخ ۲۵ خرداد ۱۴۰۴ به پایان رسید');
      expect(mail.text).toContain(RESULT_DATA.surveyUrl);
      expect(mail.html).toContain(`href="${RESULT_DATA.surveyUrl}"`);
      expect(mail.text).toContain('۱. بازبینی فرایند صدور کارت بازرگانی');
    }
  });

  it('R-ISO-05 the satisfaction request carries the member’s personal link and says it is personal', () => {
    const mail = renderEmail('satisfaction-feedback-request', SAMPLES['satisfaction-feedback-request'], ctx);
    expect(mail.subject).toBe('نظرسنجی: نظر شما دربارهٔ نحوهٔ رسیدگی به شکایت شما');
    expect(mail.html).toContain('href="https://survey.porsline.ir/s/AbC123?member=8f2e"');
    expect(mail.text).toContain('https://survey.porsline.ir/s/AbC123?member=8f2e');
    expect(mail.text).toContain('حدود ۳ دقیقه');
    expect(mail.text).toContain('مهلت پاسخ‌گویی: تا ۱ تیر ۱۴۰۴');
    expect(mail.text).toContain('این پیوند ویژهٔ شماست');
  });

  it('R-CMP-08 the committee invitation gives day, time and place in Persian and attaches invite.ics', () => {
    const mail = renderEmail('committee-invitation', INVITATION_DATA, ctx);
    expect(mail.subject).toBe('دعوت به جلسهٔ کمیتهٔ بررسی شکایات اعضا — دوشنبه ۱۲ خرداد ۱۴۰۴، ساعت ۱۰:۰۰');
    expect(mail.text).toContain('ساعت: ۱۰:۰۰ تا ۱۲:۰۰');
    expect(mail.text).toContain('۲. تعیین اقدامات اصلاحی و مسئول اجرای آن‌ها');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      filename: 'invite.ics',
      contentType: expect.stringMatching(/^text\/calendar/),
    });
    expect(String(mail.attachments[0]?.content)).toContain('ATTENDEE;CN="مریم احمدی"');
    expect(String(mail.attachments[0]?.content)).toContain(':mailto:member@example.ir');
  });

  it('R-ISO-02 the escalation to the Secretary General says the deadline passed, who has the step, and the severity', () => {
    const mail = renderEmail('deadline-escalation', SAMPLES['deadline-escalation'], ctx);
    expect(mail.subject).toBe('گزارش تأخیر: شکایت C۱۴۰۴-۰۰۰۱۲۳');
    expect(mail.text).toContain('جناب آقای دکتر کریمی محترم،');
    expect(mail.text).toContain('در ۱۸ خرداد ۱۴۰۴، ساعت ۱۴:۰۰ به پایان رسیده');
    expect(mail.text).toContain('مسئول: واحد صدور کارت بازرگانی');
    expect(mail.text).toContain('سطح اهمیت: بحرانی');
    const approaching = renderEmail(
      'deadline-escalation',
      { ...(SAMPLES['deadline-escalation'] as object), state: 'approaching' },
      ctx,
    );
    expect(approaching.subject).toBe('هشدار نزدیک شدن مهلت: شکایت C۱۴۰۴-۰۰۰۱۲۳');
    expect(approaching.text).toContain('به پایان می\u200cرسد');
  });

  it('escapes data in HTML, so member text cannot inject markup', () => {
    const mail = renderEmail(
      'complaint-acknowledgement',
      { ...ACK_DATA, complaintTitle: '<script>alert("x")</script> & <b>' },
      ctx,
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.text).toContain('<script>alert("x")</script> & <b>'); // plain text is not HTML
  });

  it('an unknown template is a clear error listing the known ones', () => {
    expect(() => renderEmail('complaint-ack', ACK_DATA, ctx)).toThrow(UnknownTemplateError);
    expect(() => renderEmail('complaint-ack', ACK_DATA, ctx)).toThrow(
      /template: unknown template "complaint-ack"; known: complaint-acknowledgement, /,
    );
  });

  it('missing, malformed and unknown fields are named, each of them', () => {
    const { trackingCode: _omit, ...withoutCode } = ACK_DATA;
    let error: unknown;
    try {
      renderEmail(
        'complaint-acknowledgement',
        { ...withoutCode, receivedAt: 'yesterday', statusUrl: 'javascript:alert(1)', colour: 'blue' },
        ctx,
      );
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(NotificationInputError);
    const issues = (error as NotificationInputError).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'data.trackingCode', message: 'is required' },
        { field: 'data.receivedAt', message: expect.stringMatching(/^must be a date-time/) },
        { field: 'data.statusUrl', message: 'must be an http(s) URL' },
        { field: 'data.colour', message: 'is not a field of this template' },
      ]),
    );
    expect((error as Error).message).toMatch(
      /^Invalid notification for template "complaint-acknowledgement": /,
    );
    expect(() =>
      renderEmail('committee-invitation', { ...INVITATION_DATA, endsAt: INVITATION_DATA.startsAt }, ctx),
    ).toThrow(/data\.endsAt: must be after startsAt/);
    expect(() => renderEmail('committee-invitation', { ...INVITATION_DATA, agenda: [] }, ctx)).toThrow(
      /data\.agenda: must list at least one item/,
    );
  });

  it('SMS forms are short Persian texts; a template without one says so', () => {
    const sms = renderSms('complaint-acknowledgement', ACK_DATA, { to: '09121234567', now: ctx.now });
    expect(sms).toBe(
      'علی رضایی گرامی، شکایت شما با کد رهگیری C۱۴۰۴-۰۰۰۱۲۳ در تاریخ ۱۱ خرداد ۱۴۰۴ ثبت شد. پیگیری: https://eccim.ir/complaints/status\nاتاق بازرگانی اصفهان',
    );
    expect(() =>
      renderSms('deadline-escalation', SAMPLES['deadline-escalation'], { to: '09121234567', now: ctx.now }),
    ).toThrow(/template: "deadline-escalation" has no SMS form/);
    for (const name of TEMPLATE_NAMES.filter((n) => n !== 'deadline-escalation')) {
      const text = renderSms(name, SAMPLES[name], { to: '09121234567', now: ctx.now });
      expect(text.length).toBeLessThan(400);
      expect(text).not.toMatch(/^\s|\s$|\n\n/);
    }
  });
});
