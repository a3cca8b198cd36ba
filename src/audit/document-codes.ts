/** The chamber's controlled documents that records and audit events point back to. */
export const DOCUMENT_CODES = {
  'ME-FR-01-01-01': 'فرم ثبت شکایات',
  'ME-FR-02-01-01': 'فرم نظرسنجی',
  'ME-FR-03-01-01': 'فرم بانک اطلاعات اعضا',
  'SE-FR-02-01-01': 'فرم صورتجلسه',
  'SY-PR-05-00-02': 'روش اجرایی اقدام اصلاحی',
  'SY-PR-10-00-02': 'روش اجرایی بازنگری مدیریت',
} as const;

export type DocumentCode = keyof typeof DOCUMENT_CODES;
