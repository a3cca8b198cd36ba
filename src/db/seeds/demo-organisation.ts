import type { Role } from '../../domain/roles.js';

export interface DemoUnit {
  readonly code: string;
  readonly nameFa: string;
  readonly nameEn: string;
}

export interface DemoStaff {
  readonly username: string;
  readonly fullNameFa: string;
  readonly email: string;
  readonly mobile: string;
  readonly unit: string;
  /** Roles; `unit-manager` applies to the staff member's own unit. */
  readonly roles: readonly Role[];
}

/** The chamber's departments as the demo shows them. */
export const DEMO_UNITS: readonly DemoUnit[] = [
  { code: 'mcc', nameFa: 'مرکز ارتباط با اعضا', nameEn: 'Member Communication Center' },
  { code: 'secretariat', nameFa: 'دفتر دبیرکل', nameEn: 'Office of the Secretary General' },
  { code: 'presidency', nameFa: 'دفتر ریاست اتاق', nameEn: 'Office of the President' },
  {
    code: 'strategy',
    nameFa: 'مدیریت برنامه‌ریزی استراتژیک و تحول سازمانی',
    nameEn: 'Strategic Planning & Transformation',
  },
  { code: 'membership', nameFa: 'امور عضویت و کارت بازرگانی', nameEn: 'Membership & Commercial Cards' },
  { code: 'trade', nameFa: 'توسعه تجارت و صادرات', nameEn: 'Trade & Export Development' },
  { code: 'certificates', nameFa: 'صدور گواهی مبدأ', nameEn: 'Certificates of Origin' },
  { code: 'legal', nameFa: 'امور حقوقی و مرکز داوری', nameEn: 'Legal Affairs & Arbitration Centre' },
  { code: 'training', nameFa: 'آموزش و توسعه کسب‌وکار', nameEn: 'Training & Business Development' },
  { code: 'associations', nameFa: 'امور تشکل‌ها و کمیسیون‌ها', nameEn: 'Associations & Commissions' },
  { code: 'admin-finance', nameFa: 'امور اداری و مالی', nameEn: 'Administration & Finance' },
  { code: 'it', nameFa: 'فناوری اطلاعات', nameEn: 'Information Technology' },
  { code: 'public-relations', nameFa: 'روابط عمومی', nameEn: 'Public Relations' },
];

/**
 * At least one user per role. Every demo user signs in with DEMO_PASSWORD (README); demo data is
 * never loaded in production.
 */
export const DEMO_STAFF: readonly DemoStaff[] = [
  { username: 'mcc.manager', fullNameFa: 'مریم کریمی', unit: 'mcc', roles: ['mcc-manager', 'unit-manager'] },
  { username: 'mcc.expert1', fullNameFa: 'زهرا احمدی', unit: 'mcc', roles: ['mcc-expert'] },
  { username: 'mcc.expert2', fullNameFa: 'علی رضایی', unit: 'mcc', roles: ['mcc-expert'] },
  { username: 'mcc.expert3', fullNameFa: 'فاطمه نوروزی', unit: 'mcc', roles: ['mcc-expert'] },
  { username: 'sg', fullNameFa: 'محمدرضا صالحی', unit: 'secretariat', roles: ['secretary-general'] },
  { username: 'sg.rep', fullNameFa: 'حسین موسوی', unit: 'secretariat', roles: ['sg-representative'] },
  { username: 'president', fullNameFa: 'جواد میرزایی', unit: 'presidency', roles: ['president'] },
  {
    username: 'strategy.manager',
    fullNameFa: 'نرگس طاهری',
    unit: 'strategy',
    roles: ['strategy-manager', 'unit-manager'],
  },
  { username: 'admin.assistant', fullNameFa: 'لیلا جعفری', unit: 'secretariat', roles: ['admin-assistant'] },
  { username: 'membership.manager', fullNameFa: 'رضا قاسمی', unit: 'membership', roles: ['unit-manager'] },
  { username: 'membership.staff', fullNameFa: 'سمیه یزدانی', unit: 'membership', roles: [] },
  { username: 'trade.manager', fullNameFa: 'امیر حسینی', unit: 'trade', roles: ['unit-manager'] },
  {
    username: 'certificates.manager',
    fullNameFa: 'سعید مرادی',
    unit: 'certificates',
    roles: ['unit-manager'],
  },
  { username: 'legal.manager', fullNameFa: 'مهدی شریفی', unit: 'legal', roles: ['unit-manager'] },
  { username: 'training.manager', fullNameFa: 'الهام رحیمی', unit: 'training', roles: ['unit-manager'] },
  {
    username: 'associations.manager',
    fullNameFa: 'بهروز کاظمی',
    unit: 'associations',
    roles: ['unit-manager'],
  },
  { username: 'finance.manager', fullNameFa: 'پروین عسگری', unit: 'admin-finance', roles: ['unit-manager'] },
  { username: 'it.manager', fullNameFa: 'کامران نیک‌نام', unit: 'it', roles: ['unit-manager'] },
  { username: 'pr.manager', fullNameFa: 'شیرین اکبری', unit: 'public-relations', roles: ['unit-manager'] },
  { username: 'auditor', fullNameFa: 'ناصر فرهادی', unit: 'strategy', roles: ['auditor'] },
  { username: 'admin', fullNameFa: 'مدیر سامانه', unit: 'it', roles: ['administrator'] },
].map((s, i) => ({
  ...s,
  roles: s.roles as readonly Role[],
  email: `${s.username}@eccim.example`,
  mobile: `0913${String(1000000 + i * 7919).padStart(7, '0')}`,
}));

/** The demo password of every demo user. Local use only: it is printed in the README. */
export const DEMO_PASSWORD = 'mcc-demo-1404';
