/**
 * A minimal RFC 5545 writer: one VEVENT in a VCALENDAR, times in UTC, CRLF line endings and lines
 * folded at 75 octets without splitting a UTF-8 character. Enough for a meeting invitation that
 * Outlook, Gmail and Thunderbird add to a calendar.
 */

export interface CalendarPerson {
  readonly email: string;
  readonly name?: string;
}

export interface CalendarEvent {
  /** Globally unique and stable across updates of the same meeting, e.g. `meeting-42@eccim.ir`. */
  readonly uid: string;
  /** Revision of the event; raise it when the meeting changes so clients replace the old one. */
  readonly sequence?: number;
  /** When this calendar object was made. */
  readonly dtstamp: Date;
  readonly start: Date;
  readonly end: Date;
  readonly summary: string;
  readonly description?: string;
  readonly location?: string;
  readonly organizer: CalendarPerson;
  readonly attendees: readonly CalendarPerson[];
  /** iTIP method; REQUEST (default) makes clients offer accept/decline. */
  readonly method?: 'REQUEST' | 'PUBLISH' | 'CANCEL';
}

export const ICALENDAR_PRODID = '-//ECCIM//Member Communication Center//FA';

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** `2025-06-02T06:30:00Z` → `20250602T063000Z` (RFC 5545 §3.3.5, form #2: UTC). */
export function formatUtcDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('not a valid date');
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A quoted parameter value (§3.2): DQUOTE and control characters are not allowed inside. */
function quoteParam(value: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${value.replace(/["\u0000-\u001f\u007f]/g, '')}"`;
}

function mailto(email: string): string {
  if (!/^[^\s@<>"]+@[^\s@<>"]+$/.test(email)) throw new RangeError(`not an e-mail address: ${email}`);
  return `mailto:${email}`;
}

/**
 * Folds one content line (§3.1): no line longer than 75 octets; continuation lines begin with a
 * single space, which counts towards their 75. Characters are never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

function person(
  property: 'ORGANIZER' | 'ATTENDEE',
  p: CalendarPerson,
  extra: readonly string[] = [],
): string {
  const params = [...(p.name ? [`CN=${quoteParam(p.name)}`] : []), ...extra];
  return `${property}${params.map((x) => `;${x}`).join('')}:${mailto(p.email)}`;
}

/** The iCalendar object of one event, CRLF-terminated. */
export function buildICalendar(event: CalendarEvent): string {
  if (!event.uid.trim() || /[\r\n]/.test(event.uid)) throw new RangeError('uid must be one non-empty line');
  if (!(event.end.getTime() > event.start.getTime())) throw new RangeError('end must be after start');
  const method = event.method ?? 'REQUEST';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICALENDAR_PRODID}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence ?? 0}`,
    `DTSTAMP:${formatUtcDateTime(event.dtstamp)}`,
    `DTSTART:${formatUtcDateTime(event.start)}`,
    `DTEND:${formatUtcDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    person('ORGANIZER', event.organizer),
    ...event.attendees.map((a) =>
      person('ATTENDEE', a, [
        'CUTYPE=INDIVIDUAL',
        'ROLE=REQ-PARTICIPANT',
        'PARTSTAT=NEEDS-ACTION',
        'RSVP=TRUE',
      ]),
    ),
    `STATUS:${method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
