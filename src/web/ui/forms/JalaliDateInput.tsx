import { useEffect, useId, useState } from 'react';
import { DayPicker } from 'react-day-picker/persian';
import 'react-day-picker/style.css';
import { isoOfLocalDate, isoToJalaliText, jalaliTextToIso, localDateOfIso } from './jalali.js';

interface Props {
  readonly id: string;
  /** The ISO calendar date (`2026-11-24`), or undefined. */
  readonly value: string | undefined;
  onChange(value: string | undefined): void;
  readonly disabled?: boolean;
  readonly invalid?: boolean;
  readonly describedBy?: string;
  /** The earliest day the calendar offers (ISO date). */
  readonly fromDate?: string;
}

/**
 * A Jalali date: typed as ۱۴۰۵/۰۹/۰۳ (Persian or Latin digits) or picked in a Persian calendar; the
 * value stays the ISO Gregorian date the form and the process expect.
 */
export function JalaliDateInput({ id, value, onChange, disabled, invalid, describedBy, fromDate }: Props) {
  const [text, setText] = useState(value ? isoToJalaliText(value) : '');
  const [open, setOpen] = useState(false);
  const calendarId = useId();

  useEffect(() => {
    if (value !== jalaliTextToIso(text)) setText(value ? isoToJalaliText(value) : '');
    // Only an outside change of the value rewrites the text being typed.
  }, [value]);

  const typed = (next: string) => {
    setText(next);
    const iso = jalaliTextToIso(next);
    // A half-typed date is kept as typed text; the value becomes invalid so required/format checks show.
    onChange(next.trim() === '' ? undefined : (iso ?? `invalid:${next}`));
  };

  const selected = value ? localDateOfIso(value) : undefined;
  const earliest = fromDate ? localDateOfIso(fromDate) : undefined;
  return (
    <div className="date-input">
      <input
        id={id}
        inputMode="numeric"
        placeholder="۱۴۰۵/۰۱/۳۰"
        value={text}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => typed(e.target.value)}
      />
      <button
        type="button"
        className="secondary"
        disabled={disabled}
        aria-expanded={open}
        aria-controls={calendarId}
        onClick={() => setOpen(!open)}
      >
        تقویم
      </button>
      {open && (
        <div className="calendar" id={calendarId}>
          <DayPicker
            mode="single"
            selected={selected}
            defaultMonth={selected ?? earliest}
            disabled={earliest ? { before: earliest } : undefined}
            onSelect={(day) => {
              const iso = day ? isoOfLocalDate(day) : undefined;
              setText(iso ? isoToJalaliText(iso) : '');
              onChange(iso);
              setOpen(false);
            }}
          />
        </div>
      )}
    </div>
  );
}
