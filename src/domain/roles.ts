/** The role ids of the glossary (REQUIREMENTS.md), used as BPMN candidate groups, plus two of the system's own. */
export const ROLES = {
  'mcc-manager': 'مدیر مرکز ارتباط با اعضا',
  'mcc-expert': 'کارشناس ارتباط با اعضا',
  'secretary-general': 'دبیر کل',
  'sg-representative': 'نماینده دبیر کل',
  president: 'رئیس اتاق',
  'strategy-manager': 'مدیر برنامه‌ریزی استراتژیک و تحول سازمانی',
  'admin-assistant': 'دستیار اداری',
  'unit-manager': 'مدیر واحد',
  auditor: 'ممیز',
  administrator: 'مدیر سامانه',
} as const;

export type Role = keyof typeof ROLES;

/** A unit manager's candidate group names the unit: `unit-manager:<unitCode>`. */
export function unitManagerGroup(unitCode: string): `unit-manager:${string}` {
  return `unit-manager:${unitCode}`;
}

/** The roles that see every complaint in the register and its dossiers (unit managers see their unit's). */
export const FULL_REGISTER_ROLES = [
  'mcc-manager',
  'mcc-expert',
  'secretary-general',
  'sg-representative',
  'president',
  'auditor',
] as const satisfies readonly Role[];
