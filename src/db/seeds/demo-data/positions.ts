/** Positions of contact persons, as written on the member database form. */
export const MANAGING_DIRECTOR = 'مدیرعامل';

/** Further contact persons of a company. */
export const COMPANY_POSITIONS: readonly string[] = [
  'مدیر بازرگانی',
  'مدیر فروش',
  'مدیر مالی',
  'مدیر کارخانه',
  'رئیس هیئت‌مدیره',
  'مدیر تولید',
  'مدیر تدارکات',
  'مسئول دفتر مدیرعامل',
  'مدیر روابط عمومی',
  'مدیر کنترل کیفیت',
];

/** Contact person of a company that exports. */
export const EXPORT_POSITIONS: readonly string[] = ['مدیر صادرات', 'کارشناس بازرگانی خارجی'];

/** An individual trader and the people working for them. */
export const TRADER_OWNER = 'مالک';
export const TRADER_POSITIONS: readonly string[] = ['مدیر فروش', 'حسابدار', 'مسئول دفتر'];

/** A guild association (اتحادیه) and a guild unit. */
export const GUILD_ASSOCIATION_POSITIONS: readonly string[] = [
  'رئیس اتحادیه',
  'نایب‌رئیس اتحادیه',
  'دبیر اتحادیه',
];
export const GUILD_UNIT_POSITIONS: readonly string[] = ['مدیر', 'مسئول فنی'];
