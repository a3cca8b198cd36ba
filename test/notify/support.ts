import { pino, type Logger } from 'pino';
import type { Clock } from '../../src/notify/index.js';

/** A clock that runs with real time but can be moved forward: rows enqueued "now" are due at once. */
export class MovableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export const silentLogger: Logger = pino({ level: 'silent' });

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** 11 Khordad 1404, 10:15 Tehran. */
export const RECEIVED_AT = '2025-06-01T10:15:00+03:30';

export const ACK_DATA = {
  recipientName: 'علی رضایی',
  trackingCode: 'C1404-000123',
  receivedAt: RECEIVED_AT,
  complaintTitle: 'تأخیر در صدور کارت بازرگانی',
  statusUrl: 'https://eccim.ir/complaints/status',
};

export const INVITATION_DATA = {
  recipientName: 'مریم احمدی',
  meetingId: 42,
  // Monday 12 Khordad 1404, 10:00–12:00 Tehran = 06:30–08:30 UTC.
  startsAt: '2025-06-02T10:00:00+03:30',
  endsAt: '2025-06-02T12:00:00+03:30',
  location: 'ساختمان اتاق بازرگانی اصفهان، طبقهٔ سوم، اتاق جلسات',
  agenda: ['بررسی شکایت عضو دربارهٔ تأخیر در صدور کارت بازرگانی', 'تعیین اقدامات اصلاحی و مسئول اجرای آن‌ها'],
  trackingCode: 'C1404-000123',
  organizer: { name: 'مدیر مرکز ارتباط با اعضا', email: 'crm@eccim.ir' },
};

export const RESULT_DATA = {
  recipientName: 'علی رضایی',
  trackingCode: 'C1404-000123',
  receivedAt: RECEIVED_AT,
  decidedAt: '2025-06-15T12:00:00+03:30',
  outcome: 'accepted' as const,
  explanation:
    'بررسی‌ها نشان داد که صدور کارت بازرگانی شما به دلیل نقص در سامانه، بیش از مهلت مقرر طول کشیده است.\n\nکارت شما صادر شده و از فردا قابل دریافت است.',
  correctiveActions: ['بازبینی فرایند صدور کارت بازرگانی و رفع نقص سامانه'],
  surveyUrl: 'https://survey.porsline.ir/s/AbC123?member=8f2e',
};

/** Parses an iCalendar text: checks the line rules, unfolds, and returns the content lines. */
export function parseICalendar(ics: string): { lines: string[]; props: Map<string, string[]> } {
  if (/[^\r]\n/.test(ics) || /\r(?!\n)/.test(ics)) throw new Error('line breaks must be CRLF');
  if (!ics.endsWith('\r\n')) throw new Error('must end with CRLF');
  for (const physical of ics.slice(0, -2).split('\r\n')) {
    if (Buffer.byteLength(physical, 'utf8') > 75) throw new Error(`line over 75 octets: ${physical}`);
  }
  const lines = ics
    .slice(0, -2)
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n');
  const props = new Map<string, string[]>();
  for (const line of lines) {
    const name = /^[A-Z-]+/.exec(line)?.[0];
    if (!name) throw new Error(`not a content line: ${line}`);
    props.set(name, [...(props.get(name) ?? []), line]);
  }
  return { lines, props };
}
