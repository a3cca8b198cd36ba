import { civilDayOf } from '../../../calendar/time-zone.js';
import type { FormField } from '../../../forms/form-schema.js';
import { Column } from '../components/Column.js';
import { faDigits } from '../format.js';
import { TEHRAN_OFFSET } from './jalali.js';
import { JalaliDateInput } from './JalaliDateInput.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** A date, time or date-and-time field: Jalali date input, time chosen in steps, serialized as the form says. */
export function DateTimeInput({
  field,
  value,
  set,
  common,
}: {
  field: FormField;
  value: string | undefined;
  set(value: unknown): void;
  common: { id: string; disabled: boolean; 'aria-invalid'?: boolean; 'aria-describedby'?: string };
}) {
  const today = civilDayOf(new Date());
  const fromDate = field.disallowPassedDates ? today : undefined;
  const zone =
    field.timeSerializingFormat === 'no_timezone'
      ? ''
      : field.timeSerializingFormat === 'utc_normalized'
        ? 'Z'
        : TEHRAN_OFFSET;
  if (field.subtype === 'date')
    return (
      <JalaliDateInput
        {...common}
        value={value}
        onChange={set}
        invalid={common['aria-invalid']}
        describedBy={common['aria-describedby']}
        fromDate={fromDate}
      />
    );

  const [datePart, timePart] = field.subtype === 'time' ? [undefined, value] : (value?.split('T') ?? []);
  const hhmm = timePart?.slice(0, 5);
  const step = (field.component as { timeInterval?: number }).timeInterval ?? 15;
  const times: string[] = [];
  for (let m = 0; m < 24 * 60; m += step) times.push(`${pad(Math.floor(m / 60))}:${pad(m % 60)}`);
  const timeSelect = (timeId: string) => (
    <select
      id={timeId}
      disabled={common.disabled}
      aria-invalid={common['aria-invalid']}
      value={hhmm ?? ''}
      onChange={(e) => {
        const time = e.target.value;
        if (field.subtype === 'time') set(time ? `${time}${zone}` : undefined);
        else set(datePart || time ? `${datePart ?? ''}T${time}${zone}` : undefined);
      }}
    >
      <option value="">—</option>
      {times.map((t) => (
        <option key={t} value={t}>
          {faDigits(t)}
        </option>
      ))}
    </select>
  );
  if (field.subtype === 'time') return timeSelect(common.id);
  const dateLabel = (field.component as { dateLabel?: string }).dateLabel ?? 'تاریخ';
  const timeLabel = (field.component as { timeLabel?: string }).timeLabel ?? 'ساعت';
  return (
    <div className="form-row">
      <Column span={10}>
        <label htmlFor={common.id} className={field.required ? 'required' : undefined}>
          {dateLabel}
        </label>
        <JalaliDateInput
          {...common}
          value={datePart}
          fromDate={fromDate}
          invalid={common['aria-invalid']}
          describedBy={common['aria-describedby']}
          onChange={(date) =>
            set(date || hhmm ? `${date ?? ''}T${hhmm ?? ''}${hhmm ? zone : ''}` : undefined)
          }
        />
      </Column>
      <Column span={6}>
        <label htmlFor={`${common.id}-time`} className={field.required ? 'required' : undefined}>
          {timeLabel}
        </label>
        {timeSelect(`${common.id}-time`)}
      </Column>
    </div>
  );
}
