/** Thresholds and targets of the procedure that an administrator may change (stored in `settings`). */
export const DEFAULT_SETTINGS: readonly { key: string; value: unknown; descriptionFa: string }[] = [
  {
    key: 'complaint.acknowledgement_working_days',
    value: 2,
    descriptionFa: 'مهلت اعلام وصول شکایت به شاکی (روز کاری) — R-ISO-01',
  },
  {
    key: 'complaint.severity_targets',
    value: {
      critical: { responseWorkingHours: 24, resolutionDays: 7 },
      major: { responseWorkingHours: 48, resolutionDays: 30 },
      minor: { responseWorkingDays: 5, resolutionDays: 30 },
    },
    descriptionFa: 'اهداف پاسخ و رفع شکایت بر حسب شدت — R-ISO-02',
  },
  {
    key: 'call.callback_working_hours',
    value: 24,
    descriptionFa: 'مهلت تماس مجدد مدیر واحد با عضو (ساعت کاری) — R-CALL-07',
  },
  {
    key: 'call.repeated_failure_threshold',
    value: { count: 3, withinDays: 30 },
    descriptionFa: 'آستانهٔ عدم پاسخگویی مکرر یک واحد برای گزارش به دبیرکل — R-CALL-08',
  },
  {
    key: 'survey.complaint_thresholds',
    value: { questionBelowPct: 70, overallBelowPct: 80, projectScoreBelowPct: 70 },
    descriptionFa: 'آستانه‌های امتیاز نظرسنجی برای ثبت شکایت — R-PS-08، R-SS-09',
  },
  {
    key: 'corrective_action.verify_after_days',
    value: 30,
    descriptionFa: 'فاصلهٔ ارزیابی اثربخشی اقدام اصلاحی پس از انجام (۳۰ تا ۹۰ روز) — R-ISO-04',
  },
  {
    key: 'kpi.targets',
    value: {
      onTimeFirstResponsePct: 95,
      correctiveActionsOnTimePct: 90,
      repeatRootCauseYearlyChangePct: -20,
    },
    descriptionFa: 'اهداف شاخص‌های کلیدی عملکرد — R-ISO-06',
  },
  {
    key: 'calendar.region',
    value: 'اصفهان',
    descriptionFa: 'استان یا شهرستانی که تعطیلی‌های محلی آن اعمال می‌شود',
  },
];
