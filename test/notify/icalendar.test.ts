import { describe, expect, it } from '@jest/globals';
import { buildICalendar, escapeText, foldLine, formatUtcDateTime } from '../../src/notify/index.js';
import { parseICalendar } from './support.js';

const event = {
  uid: 'committee-meeting-42@eccim.ir',
  dtstamp: new Date('2025-05-30T08:00:00Z'),
  start: new Date('2025-06-02T10:00:00+03:30'),
  end: new Date('2025-06-02T12:00:00+03:30'),
  summary: 'جلسهٔ کمیتهٔ بررسی شکایات اعضا',
  location: 'اصفهان، خیابان استانداری, ساختمان اتاق بازرگانی; طبقهٔ سوم',
  description: 'دستور جلسه:\n۱. بررسی شکایت\n۲. تعیین اقدامات اصلاحی',
  organizer: { name: 'مدیر مرکز ارتباط با اعضا', email: 'crm@eccim.ir' },
  attendees: [
    { name: 'مریم احمدی', email: 'maryam@example.ir' },
    { name: 'Reza "the SG" Karimi', email: 'sg@eccim.ir' },
  ],
};

describe('icalendar (RFC 5545)', () => {
  it('R-CMP-08 writes one VEVENT with UTC times, UID, DTSTAMP, ORGANIZER and ATTENDEEs', () => {
    const { lines, props } = parseICalendar(buildICalendar(event));
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(props.get('BEGIN')).toEqual(['BEGIN:VCALENDAR', 'BEGIN:VEVENT']);
    expect(props.get('VERSION')).toEqual(['VERSION:2.0']);
    expect(props.get('PRODID')?.[0]).toMatch(/^PRODID:-\/\/ECCIM\/\//);
    expect(props.get('METHOD')).toEqual(['METHOD:REQUEST']);
    expect(props.get('UID')).toEqual(['UID:committee-meeting-42@eccim.ir']);
    expect(props.get('DTSTAMP')).toEqual(['DTSTAMP:20250530T080000Z']);
    expect(props.get('DTSTART')).toEqual(['DTSTART:20250602T063000Z']);
    expect(props.get('DTEND')).toEqual(['DTEND:20250602T083000Z']);
    expect(props.get('ORGANIZER')).toEqual(['ORGANIZER;CN="مدیر مرکز ارتباط با اعضا":mailto:crm@eccim.ir']);
    expect(props.get('ATTENDEE')).toEqual([
      'ATTENDEE;CN="مریم احمدی";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:maryam@example.ir',
      // DQUOTE cannot appear inside a quoted parameter value: it is dropped.
      'ATTENDEE;CN="Reza the SG Karimi";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:sg@eccim.ir',
    ]);
    expect(props.get('SUMMARY')).toEqual(['SUMMARY:جلسهٔ کمیتهٔ بررسی شکایات اعضا']);
  });

  it('escapes TEXT values: backslash, semicolon, comma, newline', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    const { props } = parseICalendar(buildICalendar(event));
    // The Persian comma «،» is not a separator; the ASCII one is.
    expect(props.get('LOCATION')).toEqual([
      'LOCATION:اصفهان، خیابان استانداری\\, ساختمان اتاق بازرگانی\\; طبقهٔ سوم',
    ]);
    expect(props.get('DESCRIPTION')).toEqual([
      'DESCRIPTION:دستور جلسه:\\n۱. بررسی شکایت\\n۲. تعیین اقدامات اصلاحی',
    ]);
  });

  it('folds at 75 octets with CRLF + space and never splits a Persian character', () => {
    const long = 'SUMMARY:' + 'کمیتهٔ بررسی شکایات '.repeat(12);
    const folded = foldLine(long);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(3);
    for (const [i, line] of physical.entries()) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(line.startsWith(' ')).toBe(true);
      expect(line).not.toContain('\uFFFD');
    }
    expect(folded.replace(/\r\n /g, '')).toBe(long);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('ends every line with CRLF, including the last', () => {
    const ics = buildICalendar(event);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('formats instants in UTC (form #2, with Z)', () => {
    expect(formatUtcDateTime(new Date('2025-03-20T23:59:59.999+03:30'))).toBe('20250320T202959Z');
  });

  it('refuses an event that ends before it starts, or a UID over two lines', () => {
    expect(() => buildICalendar({ ...event, end: event.start })).toThrow(/end must be after start/);
    expect(() => buildICalendar({ ...event, uid: 'a\r\nb' })).toThrow(/uid/);
  });
});
