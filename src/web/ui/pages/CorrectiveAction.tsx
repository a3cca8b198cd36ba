import { Link, useParams } from 'react-router';
import { api } from '../api.js';
import { Load } from '../components/Status.js';
import { faNumber, jalaliDate, jalaliDateTime } from '../format.js';
import { useLoad } from '../use-load.js';

interface ActionPage {
  readonly action: {
    id: number;
    descriptionFa: string;
    owner: { fullNameFa: string } | null;
    ownerUnit: { nameFa: string } | null;
    dueOn: string;
    resourcesFa: string | null;
    successIndicatorFa: string;
    statusLabelFa: string;
    progressPct: number;
    doneAt: string | null;
    verificationDueOn: string | null;
    verifiedAt: string | null;
    verifiedBy: { fullNameFa: string } | null;
    effective: boolean | null;
    verificationNotesFa: string | null;
  };
  readonly complaint: { id: number; trackingCode: string; subject: string } | null;
  readonly updates: {
    recordedAt: string;
    progressPct: number | null;
    noteFa: string;
    staffNameFa: string | null;
  }[];
}

/** One corrective action (SY-PR-05-00-02): what, who, by when, how far, whether it worked. */
export function CorrectiveActionPage() {
  const { id } = useParams();
  const [page] = useLoad(() => api.get<ActionPage>(`/corrective-actions/${id}`), [id]);
  return (
    <Load value={page}>
      {({ action: a, complaint, updates }) => (
        <>
          <div className="page-head">
            <div>
              <h1>اقدام اصلاحی {faNumber(a.id)}</h1>
              <div className="muted">SY-PR-05-00-02</div>
            </div>
            <span className="badge">{a.statusLabelFa}</span>
          </div>
          <section className="card" aria-label="اقدام">
            <p className="prewrap">{a.descriptionFa}</p>
            <dl className="facts">
              <dt>مسئول اجرا</dt>
              <dd>
                {a.owner?.fullNameFa ?? '—'}
                {a.ownerUnit && ` (${a.ownerUnit.nameFa})`}
              </dd>
              <dt>مهلت</dt>
              <dd>{jalaliDate(a.dueOn)}</dd>
              <dt>پیشرفت</dt>
              <dd>
                <progress max={100} value={a.progressPct} aria-label="درصد پیشرفت" />{' '}
                {faNumber(a.progressPct)}٪
              </dd>
              <dt>شاخص موفقیت</dt>
              <dd>{a.successIndicatorFa}</dd>
              {a.resourcesFa && (
                <>
                  <dt>منابع</dt>
                  <dd>{a.resourcesFa}</dd>
                </>
              )}
              <dt>انجام</dt>
              <dd>{jalaliDateTime(a.doneAt)}</dd>
              <dt>ارزیابی اثربخشی</dt>
              <dd>
                {a.verifiedAt
                  ? `${a.effective ? 'اثربخش' : 'اثربخش نبود'} — ${jalaliDate(a.verifiedAt)}${a.verifiedBy ? `، ${a.verifiedBy.fullNameFa}` : ''}`
                  : a.verificationDueOn
                    ? `موعد: ${jalaliDate(a.verificationDueOn)}`
                    : '—'}
              </dd>
            </dl>
            {a.verificationNotesFa && <p className="prewrap">{a.verificationNotesFa}</p>}
            {complaint && (
              <p>
                برآمده از شکایت{' '}
                <Link to={`/complaints/${complaint.id}`}>
                  <span className="ltr-code">{complaint.trackingCode}</span> — {complaint.subject}
                </Link>
              </p>
            )}
          </section>
          <section className="card" aria-label="گزارش‌های پیشرفت">
            <h2>گزارش‌های پیشرفت</h2>
            {updates.length === 0 ? (
              <p className="muted">هنوز گزارشی نرسیده است.</p>
            ) : (
              <ol className="timeline">
                {updates.map((u, i) => (
                  <li key={i}>
                    <strong>{u.progressPct === null ? 'یادداشت' : `${faNumber(u.progressPct)}٪`}</strong>
                    <div className="small muted">
                      {jalaliDateTime(u.recordedAt)}
                      {u.staffNameFa && ` · ${u.staffNameFa}`}
                    </div>
                    <div>{u.noteFa}</div>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}
    </Load>
  );
}
