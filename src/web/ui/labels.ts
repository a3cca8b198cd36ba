import { ROLES } from '../../domain/roles.js';

export const PROCESS_LABELS: Readonly<Record<string, string>> = {
  'complaint-handling': 'رسیدگی به شکایت',
  'corrective-action': 'اقدام اصلاحی',
};

export function processLabel(id: string | null): string {
  return (id && PROCESS_LABELS[id]) ?? id ?? '—';
}

export function roleLabel(role: string): string {
  return (ROLES as Record<string, string>)[role] ?? role;
}

export { ROLES };
