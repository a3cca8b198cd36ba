import { Link } from 'react-router';
import { jalaliDate, jalaliDateTime } from '../format.js';
import {
  CHANNEL_LABELS,
  KIND_LABELS,
  SEVERITY_LABELS,
  STAGE_LABELS,
  STATUS_LABELS,
  actorLabel,
  label,
} from '../complaint-labels.js';
import type { TaskCase } from '../../inbox/inbox-types.js';

/** The complaint beside a task: what it is about and what has happened so far. */
export function CaseSummary({ value, dossierLink }: { value: TaskCase; dossierLink: boolean }) {
  const c = value.complaint;
  return (
    <>
      <h2>
        {label(KIND_LABELS, c.kind)}: {c.subject}
      </h2>
      <dl className="facts">
        <dt>کد رهگیری</dt>
        <dd>
          <span className="ltr">{c.trackingCode}</span>
          {dossierLink && (
            <>
              {' '}
              · <Link to={`/complaints/${c.id}`}>پروندهٔ کامل</Link>
            </>
          )}
        </dd>
        <dt>وضعیت</dt>
        <dd>{label(STATUS_LABELS, c.status)}</dd>
        {c.severity && (
          <>
            <dt>شدت</dt>
            <dd>
              <span className={`badge ${c.severity}`}>{label(SEVERITY_LABELS, c.severity)}</span>
            </dd>
          </>
        )}
        <dt>شیوهٔ دریافت</dt>
        <dd>{label(CHANNEL_LABELS, c.channel)}</dd>
        <dt>درخواست‌کننده</dt>
        <dd>{[c.member, c.complainant].filter(Boolean).join(' — ') || '—'}</dd>
        <dt>واحد مربوط</dt>
        <dd>{c.concernedUnit ?? '—'}</dd>
        <dt>تاریخ دریافت</dt>
        <dd>{jalaliDateTime(c.receivedAt)}</dd>
        <dt>مهلت پاسخ</dt>
        <dd>{jalaliDate(c.responseDueAt)}</dd>
        <dt>مهلت رسیدگی</dt>
        <dd>{jalaliDate(c.resolutionDueAt)}</dd>
      </dl>
      <h3 className="section">شرح</h3>
      <p className="prewrap">{c.description}</p>
      <h3 className="section">سابقهٔ رسیدگی (ME-FR-01-01-01)</h3>
      <ol className="timeline">
        {value.history.map((h, i) => (
          <li key={i}>
            <strong>{label(STAGE_LABELS, h.stage)}</strong>
            <div className="small muted">
              {jalaliDateTime(h.occurredAt)}
              {h.actor && ` · ${actorLabel(h.actor)}`}
            </div>
            {h.summaryFa && <div>{h.summaryFa}</div>}
          </li>
        ))}
      </ol>
    </>
  );
}
