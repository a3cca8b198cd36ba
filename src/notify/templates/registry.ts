/**
 * The registry of message templates: for each name, the zod schema of the data it needs and the
 * view it hands to its eta files (`<name>.html.eta`, `<name>.txt.eta`, and `<name>.sms.eta` when it
 * has an SMS form). Data is checked here, at enqueue time, so a missing field is an error for the
 * caller, never a broken mail.
 */
import { z } from 'zod';
import { buildICalendar } from '../icalendar.js';
import { fa, faDate, faDateTime, faDateWithWeekday, faTime, numbered, paragraphs } from './format.js';

/** What the renderer knows besides the data: who the message goes to, and when it is made. */
export interface RenderContext {
  /** The recipient: an e-mail address or a mobile number. */
  readonly to: string;
  readonly now: Date;
}

export interface TemplateAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: string | Uint8Array;
}

/** What every view gives the layout. */
export interface BaseView {
  readonly subject: string;
  /** The preview line mail clients show next to the subject. */
  readonly preheader: string;
}

export interface TemplateDefinition<S extends z.ZodType, V extends BaseView> {
  readonly description: string;
  /** `member`: mails to members (salutation «… گرامی»); `staff`: mails to chamber staff. */
  readonly audience: 'member' | 'staff';
  readonly schema: S;
  readonly view: (data: z.output<S>, ctx: RenderContext) => V;
  /** Whether `<name>.sms.eta` exists. */
  readonly sms: boolean;
  readonly attachments?: (data: z.output<S>, ctx: RenderContext) => TemplateAttachment[];
}

function defineTemplate<S extends z.ZodType, V extends BaseView>(
  def: TemplateDefinition<S, V>,
): TemplateDefinition<S, V> {
  return def;
}

// --- field types -------------------------------------------------------------------------------

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const personName = text(200);

/** A `Date`, or an ISO 8601 date-time with an offset (`2025-06-02T10:00:00+03:30`). */
const INSTANT_MESSAGE =
  'must be a date-time: a Date or ISO 8601 with an offset, e.g. 2025-06-02T10:00:00+03:30';
const instant = z
  .union([z.date({ error: INSTANT_MESSAGE }), z.iso.datetime({ offset: true, error: INSTANT_MESSAGE })], {
    error: (issue) => (issue.input === undefined ? 'is required' : INSTANT_MESSAGE),
  })
  .transform((v) => (typeof v === 'string' ? new Date(v) : v));

/** A schema-level message that still says «is required» when the field is missing. */
export const orRequired =
  (message: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : message;

const httpUrl = z.url({ protocol: /^https?$/, error: orRequired('must be an http(s) URL') });

const trackingCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9-]{6,32}$/, 'must be 6–32 capital letters, digits or dashes (the complaint tracking code)');

const email = z.email({ error: orRequired('must be an e-mail address') });

const CASE_KINDS = {
  complaint: 'شکایت',
  'corrective-action': 'اقدام اصلاحی',
  'call-callback': 'پیگیری تماس بی‌پاسخ',
  survey: 'نظرسنجی',
  'meeting-resolution': 'مصوبهٔ نشست تخصصی',
} as const;
const caseKind = z.enum(Object.keys(CASE_KINDS) as [keyof typeof CASE_KINDS, ...(keyof typeof CASE_KINDS)[]]);

const SEVERITIES = { critical: 'بحرانی', major: 'عمده', minor: 'جزئی' } as const;

const OUTCOMES = {
  accepted: { label: 'پذیرش شکایت', sentence: 'شکایت شما پذیرفته شد.' },
  rejected: { label: 'رد شکایت', sentence: 'شکایت شما پذیرفته نشد.' },
  settled: { label: 'سازش', sentence: 'رسیدگی به شکایت شما با سازش و توافق طرفین به پایان رسید.' },
} as const;

const memberSalutation = (name: string) => `${name} گرامی`;
const staffSalutation = (name: string) => `${name} محترم`;

// --- templates -----------------------------------------------------------------------------------

const complaintAcknowledgement = defineTemplate({
  description: 'R-ISO-01: receipt of a complaint, to the complainant, with the tracking code',
  audience: 'member',
  sms: true,
  schema: z.strictObject({
    recipientName: personName,
    trackingCode,
    receivedAt: instant,
    /** A short title of the complaint, in the member's words. */
    complaintTitle: text(300).optional(),
    /** The public status page where the tracking code can be entered. */
    statusUrl: httpUrl,
    /** When the member will hear back at the latest (R-ISO-02 response target). */
    respondBy: instant.optional(),
  }),
  view: (d) => ({
    subject: `ثبت شکایت شما — کد رهگیری ${fa(d.trackingCode)}`,
    preheader: `شکایت شما با کد رهگیری ${fa(d.trackingCode)} ثبت شد.`,
    salutation: memberSalutation(d.recipientName),
    trackingCode: fa(d.trackingCode),
    receivedDate: faDate(d.receivedAt),
    receivedDateTime: faDateTime(d.receivedAt),
    complaintTitle: d.complaintTitle ?? null,
    respondBy: d.respondBy ? faDate(d.respondBy) : null,
    statusUrl: d.statusUrl,
  }),
});

const complaintResult = defineTemplate({
  description: 'R-CMP-12: the final result of a complaint, to the member, with the survey link (R-ISO-05)',
  audience: 'member',
  sms: true,
  schema: z.strictObject({
    recipientName: personName,
    trackingCode,
    receivedAt: instant,
    decidedAt: instant,
    outcome: z.enum(['accepted', 'rejected', 'settled'], {
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be accepted, rejected or settled'),
    }),
    /** Why: paragraphs separated by blank lines. */
    explanation: text(5000),
    /** Corrective actions decided on the case (R-CMP-11), in plain words. */
    correctiveActions: z.array(text(500)).max(20).optional(),
    /** The member's personal link to the satisfaction survey on the handling (R-ISO-05). */
    surveyUrl: httpUrl,
  }),
  view: (d) => ({
    subject: `نتیجهٔ رسیدگی به شکایت شما — کد رهگیری ${fa(d.trackingCode)}`,
    preheader: OUTCOMES[d.outcome].sentence,
    salutation: memberSalutation(d.recipientName),
    trackingCode: fa(d.trackingCode),
    receivedDate: faDate(d.receivedAt),
    decidedDate: faDate(d.decidedAt),
    outcome: d.outcome,
    outcomeLabel: OUTCOMES[d.outcome].label,
    outcomeSentence: OUTCOMES[d.outcome].sentence,
    explanation: paragraphs(d.explanation),
    correctiveActions: numbered(d.correctiveActions ?? []),
    surveyUrl: d.surveyUrl,
  }),
});

const satisfactionFeedbackRequest = defineTemplate({
  description: 'R-ISO-05 / R-PS-05: a personal survey link',
  audience: 'member',
  sms: true,
  schema: z.strictObject({
    recipientName: personName,
    /** What the survey is about, to follow «نظر شما دربارهٔ …», e.g. «نحوهٔ رسیدگی به شکایت شما». */
    topic: text(200),
    /** The member's personal link (e.g. a Porsline link with their hash). */
    surveyUrl: httpUrl,
    trackingCode: trackingCode.optional(),
    respondBy: instant.optional(),
    estimatedMinutes: z.number().int().min(1).max(60).optional(),
  }),
  view: (d) => ({
    subject: `نظرسنجی: نظر شما دربارهٔ ${d.topic}`,
    preheader: 'پاسخ شما به بهبود خدمات اتاق بازرگانی اصفهان کمک می‌کند.',
    salutation: memberSalutation(d.recipientName),
    topic: d.topic,
    surveyUrl: d.surveyUrl,
    trackingCode: d.trackingCode ? fa(d.trackingCode) : null,
    respondBy: d.respondBy ? faDate(d.respondBy) : null,
    estimatedMinutes: d.estimatedMinutes ? fa(d.estimatedMinutes) : null,
  }),
});

const committeeInvitation = defineTemplate({
  description:
    'R-CMP-08 / R-CMP-09: invitation to a meeting of the complaints review committee, with an .ics',
  audience: 'staff',
  sms: true,
  schema: z
    .strictObject({
      recipientName: personName,
      /** Stable id of the meeting, the base of the calendar UID: the same meeting gives the same UID. */
      meetingId: z.union([z.number().int().positive(), text(100)]),
      /** Revision of the invitation; raise it when the time or place changes. */
      sequence: z.number().int().min(0).default(0),
      title: text(200).default('جلسهٔ کمیتهٔ بررسی شکایات اعضا'),
      startsAt: instant,
      endsAt: instant,
      location: text(300),
      agenda: z.array(text(500)).min(1, 'must list at least one item').max(30),
      trackingCode: trackingCode.optional(),
      organizer: z.strictObject({ name: personName, email }),
    })
    .refine((d) => d.endsAt.getTime() > d.startsAt.getTime(), {
      path: ['endsAt'],
      message: 'must be after startsAt',
    }),
  view: (d) => ({
    subject: `دعوت به ${d.title} — ${faDateWithWeekday(d.startsAt)}، ساعت ${faTime(d.startsAt)}`,
    preheader: `${faDateWithWeekday(d.startsAt)}، ساعت ${faTime(d.startsAt)} تا ${faTime(d.endsAt)} — ${d.location}`,
    salutation: staffSalutation(d.recipientName),
    title: d.title,
    date: faDateWithWeekday(d.startsAt),
    startTime: faTime(d.startsAt),
    endTime: faTime(d.endsAt),
    location: d.location,
    agenda: numbered(d.agenda),
    trackingCode: d.trackingCode ? fa(d.trackingCode) : null,
    organizerName: d.organizer.name,
    organizerEmail: d.organizer.email,
  }),
  attachments: (d, ctx) => [
    {
      filename: 'invite.ics',
      contentType: 'text/calendar; charset=utf-8; method=REQUEST',
      content: buildICalendar({
        uid: `committee-meeting-${d.meetingId}@eccim.ir`,
        sequence: d.sequence,
        dtstamp: ctx.now,
        start: d.startsAt,
        end: d.endsAt,
        summary: d.title,
        location: d.location,
        description: [
          ...(d.trackingCode ? [`پرونده: شکایت با کد رهگیری ${fa(d.trackingCode)}`] : []),
          'دستور جلسه:',
          ...d.agenda.map((item, i) => `${fa(i + 1)}. ${item}`),
        ].join('\n'),
        organizer: { name: d.organizer.name, email: d.organizer.email },
        attendees: [{ name: d.recipientName, email: ctx.to }],
      }),
    },
  ],
});

const caseFields = {
  caseKind,
  /** The case's reference as people know it: tracking code, action number… */
  caseReference: text(64),
  caseTitle: text(300).optional(),
  /** The step that has the deadline, e.g. «بررسی و ارائهٔ گزارش به دبیر کل». */
  stepTitle: text(200),
  deadline: instant,
  state: z.enum(['approaching', 'passed'], {
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be approaching or passed'),
  }),
};

function caseView(d: {
  caseKind: keyof typeof CASE_KINDS;
  caseReference: string;
  caseTitle?: string | undefined;
  stepTitle: string;
  deadline: Date;
  state: 'approaching' | 'passed';
}) {
  return {
    caseKindLabel: CASE_KINDS[d.caseKind],
    caseReference: fa(d.caseReference),
    caseTitle: d.caseTitle ?? null,
    stepTitle: d.stepTitle,
    deadline: faDateTime(d.deadline),
    passed: d.state === 'passed',
  };
}

const deadlineReminder = defineTemplate({
  description: 'a deadline of a step is near or has passed, to the person responsible for it',
  audience: 'staff',
  sms: true,
  schema: z.strictObject({
    recipientName: personName,
    ...caseFields,
    /** The staff inbox (کارتابل) or the case page. */
    inboxUrl: httpUrl,
    /** Whether the Secretary General has been told as well. */
    escalated: z.boolean().default(false),
  }),
  view: (d) => {
    const c = caseView(d);
    return {
      ...c,
      subject: `${c.passed ? 'پایان مهلت' : 'یادآوری مهلت'}: ${c.caseKindLabel} ${c.caseReference} — ${d.stepTitle}`,
      preheader: c.passed
        ? `مهلت این مرحله در ${c.deadline} به پایان رسید.`
        : `مهلت این مرحله تا ${c.deadline} است.`,
      salutation: staffSalutation(d.recipientName),
      inboxUrl: d.inboxUrl,
      escalated: d.escalated,
    };
  },
});

const deadlineEscalation = defineTemplate({
  description: 'R-CMP-13 / R-ISO-02: a deadline near or passed, reported to the Secretary General',
  audience: 'staff',
  sms: false,
  schema: z.strictObject({
    recipientName: personName,
    ...caseFields,
    /** Who has the step: a person or a unit. */
    responsible: text(200),
    severity: z.enum(['critical', 'major', 'minor']).optional(),
    caseUrl: httpUrl,
  }),
  view: (d) => {
    const c = caseView(d);
    return {
      ...c,
      subject: `${c.passed ? 'گزارش تأخیر' : 'هشدار نزدیک شدن مهلت'}: ${c.caseKindLabel} ${c.caseReference}`,
      preheader: `${d.stepTitle} — مسئول: ${d.responsible}`,
      salutation: staffSalutation(d.recipientName),
      responsible: d.responsible,
      severity: d.severity ? SEVERITIES[d.severity] : null,
      caseUrl: d.caseUrl,
    };
  },
});

const staffNotice = defineTemplate({
  description: 'a generic notice to a member of staff',
  audience: 'staff',
  sms: true,
  schema: z.strictObject({
    recipientName: personName,
    title: text(200),
    /** Paragraphs separated by blank lines. */
    body: text(10000),
    action: z.strictObject({ label: text(60), url: httpUrl }).optional(),
  }),
  view: (d) => ({
    subject: d.title,
    preheader: paragraphs(d.body)[0]?.slice(0, 120) ?? d.title,
    salutation: staffSalutation(d.recipientName),
    title: d.title,
    paragraphs: paragraphs(d.body),
    action: d.action ?? null,
  }),
});

export const TEMPLATES = {
  'complaint-acknowledgement': complaintAcknowledgement,
  'complaint-result': complaintResult,
  'satisfaction-feedback-request': satisfactionFeedbackRequest,
  'committee-invitation': committeeInvitation,
  'deadline-reminder': deadlineReminder,
  'deadline-escalation': deadlineEscalation,
  'staff-notice': staffNotice,
} as const;

export type TemplateName = keyof typeof TEMPLATES;

/** The data a template takes, as the caller writes it (dates as `Date` or ISO strings). */
export type TemplateData<N extends TemplateName> = z.input<(typeof TEMPLATES)[N]['schema']>;

export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name);
}
