export {
  CHANNEL_LABELS_FA as CHANNEL_LABELS,
  KIND_LABELS_FA as KIND_LABELS,
  SEVERITY_LABELS_FA as SEVERITY_LABELS,
  STAGE_LABELS_FA as STAGE_LABELS,
  STATUS_LABELS_FA as STATUS_LABELS,
} from '../../domain/complaints/labels.js';

/** The Persian label of a code, or the code itself when the table has none. */
export function label(labels: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return labels[code] ?? code;
}

/**
 * Who did something, in Persian, from an audit actor (`staff:<username>`, `system:<part>`,
 * `member:<id>`, `public`) when no staff name is known.
 */
export function actorLabel(actor: string | null | undefined): string {
  if (!actor) return '—';
  if (actor === 'public') return 'درخواست‌کننده (تارنما)';
  if (actor === 'system:seed') return 'سامانه (دادهٔ نمونه)';
  if (actor.startsWith('system:')) return 'سامانه (خودکار)';
  if (actor.startsWith('member:')) return 'عضو';
  if (actor.startsWith('staff:')) return actor.slice('staff:'.length);
  return actor;
}
