import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, errorMessage } from '../api.js';
import { Load } from '../components/Status.js';
import { faDigits, faNumber, jalaliDate, jalaliDateTime } from '../format.js';
import { actorLabel } from '../complaint-labels.js';
import { useSession } from '../session.js';
import { useLoad } from '../use-load.js';

const ProcessDiagram = lazy(() => import('../components/ProcessDiagram.js'));

interface Person {
  readonly username: string;
  readonly fullNameFa: string;
}

interface InstancePath {
  readonly processInstanceKey: string;
  readonly processDefinitionId: string;
  readonly state: string;
  readonly elementsVisited: string[];
  readonly activeElements: string[];
  readonly takenSequenceFlows: string[];
  readonly openTasks: {
    userTaskKey: string;
    elementId: string;
    name: string | null;
    assignee: string | null;
    dueDate: string | null;
  }[];
  readonly incidents: { incidentKey: string; elementId: string; errorMessage: string }[];
}

interface Dossier {
  readonly complaint: {
    id: number;
    trackingCode: string;
    documentCode: string;
    kindLabelFa: string;
    channelLabelFa: string;
    status: string;
    statusLabelFa: string;
    severity: string | null;
    severityLabelFa: string | null;
    subject: string;
    description: string;
    occurredAt: string | null;
    remedySought: string | null;
    member: { membershipNo: string; legalName: string } | null;
    complainant: { name: string | null; phone: string | null; email: string | null };
    concernedUnit: { id: number; nameFa: string } | null;
    handler: Person | null;
    namedStaff: Person[];
    finalResultLabelFa: string | null;
    receivedAt: string;
    acknowledgedAt: string | null;
    responseDueAt: string | null;
    firstResponseAt: string | null;
    resolutionDueAt: string | null;
    resultCommunicatedAt: string | null;
    closedAt: string | null;
    overdue: boolean;
    processInstanceKey: string | null;
  };
  readonly stages: {
    id: number;
    labelFa: string;
    actor: { username: string | null; nameFa: string | null; label: string | null };
    occurredAt: string;
    summaryFa: string | null;
  }[];
  readonly attachments: {
    id: number;
    fileName: string;
    mediaType: string;
    sizeBytes: number;
    uploadedAt: string;
    downloadUrl: string;
  }[];
  readonly correctiveActions: {
    id: number;
    descriptionFa: string;
    owner: Person | null;
    dueOn: string | null;
    statusLabelFa: string;
    progressPct: number | null;
  }[];
  readonly committeeMeetings: {
    id: number;
    scheduledAt: string;
    locationFa: string | null;
    decisionLabelFa: string | null;
    decisionNotesFa: string | null;
  }[];
  readonly satisfaction: {
    satisfaction: number | null;
    commentFa: string | null;
    respondedAt: string | null;
    requestedAt: string;
  } | null;
  readonly auditEvents: {
    seq: number;
    occurredAt: string;
    actor: string;
    actorNameFa: string | null;
    action: string;
    documentCode: string | null;
  }[];
  readonly process: InstancePath | null;
  readonly processUnavailable: boolean;
}

/** A complaint's dossier: the ME-FR-01-01-01 record stage by stage, attachments, audit trail, and the path on the diagram. */
export function DossierPage() {
  const { id } = useParams();
  const [dossier, reload] = useLoad(() => api.get<Dossier>(`/complaints/${id}`), [id]);
  return <Load value={dossier}>{(d) => <DossierView d={d} reload={reload} />}</Load>;
}

function DossierView({ d, reload }: { d: Dossier; reload(): void }) {
  const c = d.complaint;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{c.subject}</h1>
          <div className="muted">
            {c.kindLabelFa} · کد رهگیری <span className="ltr-code">{c.trackingCode}</span> · فرم{' '}
            {c.documentCode}
          </div>
        </div>
        <div>
          <span className={`badge${c.closedAt ? ' closed' : ''}`}>{c.statusLabelFa}</span>{' '}
          {c.severity && <span className={`badge ${c.severity}`}>{c.severityLabelFa}</span>}{' '}
          {c.overdue && <span className="badge overdue">گذشته از مهلت</span>}
        </div>
      </div>
      <div className="split">
        <section className="card" aria-label="مشخصات">
          <h2>مشخصات درخواست</h2>
          <dl className="facts">
            <dt>شیوهٔ دریافت</dt>
            <dd>{c.channelLabelFa}</dd>
            <dt>درخواست‌کننده</dt>
            <dd>{c.complainant.name ?? '—'}</dd>
            {c.member && (
              <>
                <dt>عضو</dt>
                <dd>
                  {c.member.legalName} (عضویت {faDigits(c.member.membershipNo)})
                </dd>
              </>
            )}
            <dt>تماس</dt>
            <dd>
              <span className="ltr-code">
                {[c.complainant.phone, c.complainant.email].filter(Boolean).join(' · ') || '—'}
              </span>
            </dd>
            <dt>واحد مربوط</dt>
            <dd>{c.concernedUnit?.nameFa ?? '—'}</dd>
            <dt>مسئول رسیدگی</dt>
            <dd>{c.handler?.fullNameFa ?? '—'}</dd>
            {c.namedStaff.length > 0 && (
              <>
                <dt>کارکنان نام‌برده</dt>
                <dd>{c.namedStaff.map((s) => s.fullNameFa).join('، ')}</dd>
              </>
            )}
            <dt>تاریخ رخداد</dt>
            <dd>{jalaliDate(c.occurredAt)}</dd>
            <dt>دریافت</dt>
            <dd>{jalaliDateTime(c.receivedAt)}</dd>
            <dt>اعلام وصول</dt>
            <dd>{jalaliDateTime(c.acknowledgedAt)}</dd>
            <dt>مهلت پاسخ</dt>
            <dd>
              {jalaliDate(c.responseDueAt)}
              {c.firstResponseAt && (
                <span className="small muted"> (پاسخ: {jalaliDate(c.firstResponseAt)})</span>
              )}
            </dd>
            <dt>مهلت رسیدگی</dt>
            <dd>{jalaliDate(c.resolutionDueAt)}</dd>
            <dt>اعلام نتیجه</dt>
            <dd>
              {jalaliDateTime(c.resultCommunicatedAt)}
              {c.finalResultLabelFa && ` — ${c.finalResultLabelFa}`}
            </dd>
            <dt>بسته شدن</dt>
            <dd>{jalaliDateTime(c.closedAt)}</dd>
          </dl>
          <h3 className="section">شرح</h3>
          <p className="prewrap">{c.description}</p>
          {c.remedySought && (
            <>
              <h3 className="section">خواستهٔ درخواست‌کننده</h3>
              <p className="prewrap">{c.remedySought}</p>
            </>
          )}
          <h3 className="section">پیوست‌ها</h3>
          {d.attachments.length === 0 ? (
            <p className="muted">پیوستی ندارد.</p>
          ) : (
            <ul>
              {d.attachments.map((a) => (
                <li key={a.id}>
                  <a href={a.downloadUrl} download>
                    {a.fileName}
                  </a>{' '}
                  <span className="small muted">
                    ({faNumber(Math.max(1, Math.round(a.sizeBytes / 1024)))} کیلوبایت،{' '}
                    {jalaliDate(a.uploadedAt)})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-label="سابقهٔ رسیدگی">
          <h2>سابقهٔ رسیدگی ({c.documentCode})</h2>
          <ol className="timeline">
            {d.stages.map((s) => (
              <li key={s.id}>
                <strong>{s.labelFa}</strong>
                <div className="small muted">
                  {jalaliDateTime(s.occurredAt)} ·{' '}
                  {s.actor.nameFa ?? actorLabel(s.actor.label ?? s.actor.username)}
                </div>
                {s.summaryFa && <div>{s.summaryFa}</div>}
              </li>
            ))}
          </ol>
        </section>
      </div>
      <ProcessSection d={d} onChanged={reload} />
      {d.committeeMeetings.length > 0 && (
        <section className="card" aria-label="کمیته">
          <h2>جلسه‌های کمیتهٔ بررسی شکایات</h2>
          <ul>
            {d.committeeMeetings.map((m) => (
              <li key={m.id}>
                {jalaliDateTime(m.scheduledAt, true)} — {m.locationFa ?? '—'}
                {m.decisionLabelFa && `؛ رأی: ${m.decisionLabelFa}`}
                {m.decisionNotesFa && <div className="small muted">{m.decisionNotesFa}</div>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {d.correctiveActions.length > 0 && (
        <section className="card" aria-label="اقدامات اصلاحی">
          <h2>اقدامات اصلاحی</h2>
          <ul>
            {d.correctiveActions.map((a) => (
              <li key={a.id}>
                <Link to={`/corrective-actions/${a.id}`}>{a.descriptionFa}</Link> —{' '}
                {a.owner?.fullNameFa ?? '—'}، مهلت {jalaliDate(a.dueOn)}، {a.statusLabelFa}
                {a.progressPct !== null && ` (${faNumber(a.progressPct)}٪)`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {d.satisfaction && (
        <section className="card" aria-label="رضایت">
          <h2>رضایت درخواست‌کننده</h2>
          {d.satisfaction.satisfaction === null ? (
            <p className="muted">
              پیوند نظرسنجی {jalaliDate(d.satisfaction.requestedAt)} فرستاده شد؛ هنوز پاسخی نرسیده است.
            </p>
          ) : (
            <p>
              امتیاز {faNumber(d.satisfaction.satisfaction)} از ۵ ({jalaliDate(d.satisfaction.respondedAt)})
              {d.satisfaction.commentFa && ` — «${d.satisfaction.commentFa}»`}
            </p>
          )}
        </section>
      )}
      <section className="card" aria-label="رویدادهای ممیزی">
        <h2>رویدادهای ممیزی</h2>
        <div className="table-wrap">
          <table className="list">
            <thead>
              <tr>
                <th>#</th>
                <th>زمان</th>
                <th>انجام‌دهنده</th>
                <th>رویداد</th>
                <th>سند</th>
              </tr>
            </thead>
            <tbody>
              {d.auditEvents.map((e) => (
                <tr key={e.seq}>
                  <td>{faNumber(e.seq)}</td>
                  <td>{jalaliDateTime(e.occurredAt)}</td>
                  <td>{e.actorNameFa ?? actorLabel(e.actor)}</td>
                  <td className="ltr-code">{e.action}</td>
                  <td className="ltr-code">{e.documentCode ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <p>
        <Link to="/complaints">بازگشت به فهرست پرونده‌ها</Link>
      </p>
    </>
  );
}

function ProcessSection({ d, onChanged }: { d: Dossier; onChanged(): void }) {
  const id = d.complaint.id;
  const process = d.process;
  const [xml] = useLoad(
    () => (process ? api.text(`/complaints/${id}/diagram`) : Promise.resolve(null)),
    [id, process?.processInstanceKey],
  );
  const visited = useMemo(() => {
    if (!process) return [];
    const prefix = `${process.processInstanceKey}_`;
    return [
      ...process.elementsVisited,
      ...process.takenSequenceFlows.map((f) => (f.startsWith(prefix) ? f.slice(prefix.length) : f)),
    ];
  }, [process]);
  return (
    <section className="card" aria-label="مسیر فرایند">
      <h2>مسیر پرونده در فرایند</h2>
      {d.processUnavailable && (
        <p className="notice error">موتور فرایند در دسترس نیست؛ مسیر پرونده اکنون نمایش داده نمی‌شود.</p>
      )}
      {!process ? (
        d.complaint.processInstanceKey === null ? (
          <StartProcess complaintId={id} onStarted={onChanged} />
        ) : (
          !d.processUnavailable && (
            <p className="muted">فرایند این پرونده هنوز در موتور فرایند دیده نمی‌شود.</p>
          )
        )
      ) : (
        <>
          {process.openTasks.length > 0 && (
            <p>
              گام کنونی:{' '}
              {process.openTasks
                .map((t) => `${t.name ?? t.elementId}${t.assignee ? ` (در دست ${t.assignee})` : ''}`)
                .join('، ')}
            </p>
          )}
          {process.incidents.length > 0 && (
            <p className="notice error">
              خطای فرایند: {process.incidents.map((i) => `${i.elementId}: ${i.errorMessage}`).join('؛ ')}
            </p>
          )}
          <Load value={xml}>
            {(text) =>
              text && (
                <Suspense fallback={<p className="muted">در حال بارگیری نمودار…</p>}>
                  <ProcessDiagram xml={text} visited={visited} current={process.activeElements} />
                </Suspense>
              )
            }
          </Load>
          <div className="legend" aria-hidden="true">
            <span>مسیر طی‌شده</span>
            <span className="current">گام کنونی</span>
          </div>
        </>
      )}
    </section>
  );
}

/** A complaint without a handling process (its start failed when it was filed): the MCC can start it. */
function StartProcess({ complaintId, onStarted }: { complaintId: number; onStarted(): void }) {
  const { user } = useSession();
  const [error, setError] = useState<string | null>(null);
  const mayStart = user?.roles.some((r) => r === 'mcc-manager' || r === 'mcc-expert') ?? false;
  const start = async () => {
    setError(null);
    try {
      await api.post(`/complaints/${complaintId}/process-instance`);
      onStarted();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="notice">
      <p>فرایند رسیدگی به این پرونده آغاز نشده است (هنگام ثبت، موتور فرایند در دسترس نبود).</p>
      {mayStart && <button onClick={() => void start()}>آغاز فرایند رسیدگی</button>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
