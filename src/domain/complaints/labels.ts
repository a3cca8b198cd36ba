import type { FinalResult, Severity } from './complaint-record.js';

export const SEVERITY_LABELS_FA: Record<Severity, string> = {
  critical: 'بحرانی',
  major: 'عمده',
  minor: 'جزئی',
};

export const RESULT_LABELS_FA: Record<FinalResult, string> = {
  accepted: 'پذیرش',
  rejected: 'رد',
  settled: 'سازش',
};

export const ROOT_CAUSE_METHOD_LABELS_FA = {
  five_why: 'پنج چرا',
  ishikawa: 'نمودار استخوان ماهی (ایشیکاوا)',
} as const;
