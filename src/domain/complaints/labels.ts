import type {
  ComplaintChannel,
  ComplaintKind,
  ComplaintStatus,
  FinalResult,
  Severity,
} from './complaint-record.js';
import type { ComplaintStage } from './record-stage.js';

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

export const KIND_LABELS_FA: Record<ComplaintKind, string> = {
  complaint: 'شکایت',
  criticism: 'انتقاد',
  suggestion: 'پیشنهاد',
};

/** Where a case stands (`complaints.status`), as the register and the dossier name it. */
export const STATUS_LABELS_FA: Record<ComplaintStatus, string> = {
  registered: 'ثبت‌شده',
  under_review: 'در بررسی مدیر مرکز',
  with_secretary_general: 'نزد دبیرکل',
  assigned: 'مسئول رسیدگی تعیین شد',
  investigating: 'در حال رسیدگی',
  awaiting_decision: 'در انتظار تصمیم دبیرکل',
  in_committee: 'در کمیته',
  communicating_result: 'در حال اعلام نتیجه',
  closed: 'بسته‌شده',
  withdrawn: 'انصراف شاکی',
};

/** The steps recorded on form ME-FR-01-01-01 (`complaint_stages.stage`). */
export const STAGE_LABELS_FA: Record<ComplaintStage, string> = {
  registered: 'ثبت شد',
  acknowledged: 'اعلام وصول شد',
  classified: 'شدت و مهلت‌ها تعیین شد',
  reviewed: 'بررسی شد',
  forwarded_to_secretary_general: 'به دبیرکل ارجاع شد',
  handler_assigned: 'مسئول رسیدگی تعیین شد',
  handler_refused_as_stakeholder: 'مسئول رسیدگی ذی‌نفع بود و رد شد',
  investigated: 'رسیدگی شد',
  root_cause_analysed: 'علت ریشه‌ای تحلیل شد',
  decided: 'دبیرکل تصمیم گرفت',
  committee_decision: 'تصمیم کمیته',
  committee_convened: 'کمیته دعوت شد',
  committee_decided: 'کمیته تصمیم گرفت',
  corrective_action_defined: 'اقدام اصلاحی تعریف شد',
  result_communicated: 'نتیجه به شاکی اعلام شد',
  satisfaction_requested: 'نظرسنجی رضایت ارسال شد',
  satisfaction_recorded: 'رضایت شاکی ثبت شد',
  reminder_sent: 'یادآوری ارسال شد',
  escalated: 'تأخیر گزارش شد',
  closed: 'پرونده بسته شد',
  note: 'یادداشت',
};

export const CHANNEL_LABELS_FA: Record<ComplaintChannel, string> = {
  in_person: 'مراجعهٔ حضوری',
  phone: 'تلفن',
  website: 'وب‌سایت اتاق',
  letter: 'نامه',
  survey: 'نظرسنجی',
  meeting: 'نشست تخصصی',
  call: 'تماس تلفنی پیگیری‌شده',
};
