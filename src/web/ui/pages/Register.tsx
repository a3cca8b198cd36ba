import { Link, useSearchParams } from 'react-router';
import { api } from '../api.js';
import { CountBars, type Count } from '../components/CountBars.js';
import { Load } from '../components/Status.js';
import { dueIn, faNumber, jalaliDate } from '../format.js';
import { CHANNEL_LABELS, KIND_LABELS, SEVERITY_LABELS, STATUS_LABELS, label } from '../complaint-labels.js';
import { JalaliDateInput } from '../forms/JalaliDateInput.js';
import { useLoad } from '../use-load.js';

interface Row {
  readonly id: number;
  readonly trackingCode: string;
  readonly subject: string;
  readonly kind: string;
  readonly channel: string;
  readonly status: string;
  readonly severity: string | null;
  readonly complainant: string | null;
  readonly unit: { id: number; nameFa: string } | null;
  readonly receivedAt: string;
  readonly responseDueAt: string | null;
  readonly resolutionDueAt: string | null;
  readonly overdue: boolean;
  readonly closedAt: string | null;
}

interface Option {
  readonly value: string;
  readonly labelFa: string;
}

interface Register {
  readonly items: Row[];
  readonly total: number;
  readonly summary: { byStatus: Count[]; bySeverity: Count[]; overdue: number };
  readonly page: number;
  readonly pageSize: number;
  readonly facets: {
    statuses: Option[];
    severities: Option[];
    channels: Option[];
    kinds: Option[];
    units: { id: number; code: string; nameFa: string }[];
  };
}

const FILTERS = [
  'q',
  'status',
  'severity',
  'unitId',
  'channel',
  'kind',
  'overdue',
  'from',
  'to',
  'page',
] as const;

/** The complaint register: search and filters over every complaint the user may see. */
export function RegisterPage() {
  const [params, setParams] = useSearchParams();
  const query = new URLSearchParams();
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) query.set(name, value);
  }
  const [register] = useLoad(() => api.get<Register>(`/complaints?${query.toString()}`), [query.toString()]);

  const set = (name: (typeof FILTERS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== 'page') next.delete('page');
    setParams(next, { replace: name === 'q' });
  };

  const select = (name: 'status' | 'severity' | 'channel' | 'kind', title: string, options: Option[]) => (
    <div className="field">
      <label htmlFor={`register-${name}`}>{title}</label>
      <select
        id={`register-${name}`}
        value={params.get(name) ?? ''}
        onChange={(e) => set(name, e.target.value)}
      >
        <option value="">همه</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.labelFa}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <div className="page-head">
        <h1>پرونده‌های شکایت، انتقاد و پیشنهاد</h1>
      </div>
      <Load value={register}>
        {(data) => (
          <>
            <div className="card filters" role="search">
              <div className="field grow">
                <label htmlFor="register-q">جست‌وجو</label>
                <input
                  id="register-q"
                  type="search"
                  placeholder="کد رهگیری، موضوع، نام درخواست‌کننده یا عضو"
                  defaultValue={params.get('q') ?? ''}
                  onKeyDown={(e) => e.key === 'Enter' && set('q', e.currentTarget.value.trim())}
                  onBlur={(e) =>
                    e.currentTarget.value.trim() !== (params.get('q') ?? '') &&
                    set('q', e.currentTarget.value.trim())
                  }
                />
              </div>
              {select('status', 'وضعیت', data.facets.statuses)}
              {select('severity', 'شدت', data.facets.severities)}
              {select('channel', 'شیوهٔ دریافت', data.facets.channels)}
              {select('kind', 'نوع', data.facets.kinds)}
              <div className="field">
                <label htmlFor="register-unit">واحد</label>
                <select
                  id="register-unit"
                  value={params.get('unitId') ?? ''}
                  onChange={(e) => set('unitId', e.target.value)}
                >
                  <option value="">همه</option>
                  {data.facets.units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.nameFa}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="register-from">دریافت از</label>
                <JalaliDateInput
                  id="register-from"
                  value={params.get('from') ?? undefined}
                  onChange={(v) => set('from', v && !v.startsWith('invalid') ? v : '')}
                />
              </div>
              <div className="field">
                <label htmlFor="register-to">تا</label>
                <JalaliDateInput
                  id="register-to"
                  value={params.get('to') ?? undefined}
                  onChange={(v) => set('to', v && !v.startsWith('invalid') ? v : '')}
                />
              </div>
              <label className="choices">
                <input
                  type="checkbox"
                  checked={params.get('overdue') === 'true'}
                  onChange={(e) => set('overdue', e.target.checked ? 'true' : '')}
                />
                فقط گذشته از مهلت
              </label>
            </div>
            <div className="summary">
              <CountBars
                title="پرونده‌ها بر پایهٔ وضعیت"
                counts={data.summary.byStatus}
                onPick={(v) => set('status', v)}
              />
              <CountBars
                title="پرونده‌ها بر پایهٔ شدت"
                counts={data.summary.bySeverity}
                tone={(v) => v}
                onPick={(v) => set('severity', v)}
              />
              <button
                type="button"
                className="count-tile"
                onClick={() => set('overdue', 'true')}
                title="فقط گذشته از مهلت"
              >
                <strong>{faNumber(data.summary.overdue)}</strong>
                پروندهٔ گذشته از مهلت
              </button>
            </div>
            <p className="muted">{faNumber(data.total)} پرونده</p>
            {data.items.length === 0 ? (
              <p className="card muted">پرونده‌ای با این شرایط یافت نشد.</p>
            ) : (
              <div className="table-wrap">
                <table className="list" aria-label="پرونده‌ها">
                  <thead>
                    <tr>
                      <th>کد رهگیری</th>
                      <th>موضوع</th>
                      <th>درخواست‌کننده</th>
                      <th>واحد</th>
                      <th>شدت</th>
                      <th>وضعیت</th>
                      <th>دریافت</th>
                      <th>مهلت رسیدگی</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((c) => (
                      <tr key={c.id} className={c.overdue ? 'overdue' : undefined}>
                        <td className="ltr-code">
                          <Link to={`/complaints/${c.id}`}>{c.trackingCode}</Link>
                        </td>
                        <td>
                          {c.subject}
                          <div className="small muted">
                            {label(KIND_LABELS, c.kind)} · {label(CHANNEL_LABELS, c.channel)}
                          </div>
                        </td>
                        <td>{c.complainant ?? '—'}</td>
                        <td>{c.unit?.nameFa ?? '—'}</td>
                        <td>
                          {c.severity ? (
                            <span className={`badge ${c.severity}`}>
                              {label(SEVERITY_LABELS, c.severity)}
                            </span>
                          ) : (
                            '—'
                          )}
                        </td>
                        <td>
                          <span className={`badge${c.closedAt ? ' closed' : ''}`}>
                            {label(STATUS_LABELS, c.status)}
                          </span>
                          {c.overdue && <span className="badge overdue">گذشته از مهلت</span>}
                        </td>
                        <td className="date">{jalaliDate(c.receivedAt)}</td>
                        <td className="date">
                          {jalaliDate(c.resolutionDueAt)}
                          {c.resolutionDueAt && !c.closedAt && (
                            <div className="small muted">{dueIn(c.resolutionDueAt)}</div>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {data.total > data.pageSize && (
              <nav className="pager" aria-label="صفحه‌ها">
                <button
                  className="secondary"
                  disabled={data.page <= 1}
                  onClick={() => set('page', String(data.page - 1))}
                >
                  قبلی
                </button>
                <span>
                  صفحهٔ {faNumber(data.page)} از {faNumber(Math.ceil(data.total / data.pageSize))}
                </span>
                <button
                  className="secondary"
                  disabled={data.page * data.pageSize >= data.total}
                  onClick={() => set('page', String(data.page + 1))}
                >
                  بعدی
                </button>
              </nav>
            )}
          </>
        )}
      </Load>
    </>
  );
}
