import type { Knex } from 'knex';
import { defaultWeekSchedule } from '../../calendar/default-schedule.js';
import { OFFICIAL_HOLIDAYS_1404_1405 } from '../../calendar/holidays-1404-1405.js';
import { DEFAULT_SETTINGS } from './reference-settings.js';

/** 1 Farvardin 1404: the first day the default week applies from. */
const DEFAULT_SCHEDULE_FROM = '2025-03-21';

/**
 * Data the procedure needs in every installation, production included: default settings, the
 * default working week (only when no schedule exists) and the official holidays of each year not
 * yet entered. What is already there is kept, so an administrator's changes survive restarts.
 */
export async function loadReferenceData(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx('settings')
      .insert(
        DEFAULT_SETTINGS.map((s) => ({
          key: s.key,
          value: JSON.stringify(s.value),
          description_fa: s.descriptionFa,
        })),
      )
      .onConflict('key')
      .ignore();
    if (!(await trx('work_schedules').first('id'))) {
      await trx('work_schedules').insert(
        defaultWeekSchedule(DEFAULT_SCHEDULE_FROM).map((r) => ({
          valid_from: r.validFrom,
          valid_to: r.validTo ?? null,
          weekday: r.weekday,
          opens_at: r.opensAt,
          closes_at: r.closesAt,
        })),
      );
    }
    // A year's holidays are entered once; later corrections by an administrator are not undone.
    for (const year of new Set(OFFICIAL_HOLIDAYS_1404_1405.map((h) => h.jalali.slice(0, 4)))) {
      const holidays = OFFICIAL_HOLIDAYS_1404_1405.filter((h) => h.jalali.startsWith(year));
      const days = holidays.map((h) => h.day).sort();
      const entered = await trx('calendar_exceptions')
        .where({ kind: 'holiday', scope: 'national' })
        .whereBetween('day', [days[0]!, days[days.length - 1]!])
        .first('id');
      if (entered) continue;
      await trx('calendar_exceptions').insert(
        holidays.map((h) => ({
          day: h.day,
          kind: 'holiday',
          title_fa: h.titleFa,
          scope: 'national',
          source: h.source,
        })),
      );
    }
  });
}
