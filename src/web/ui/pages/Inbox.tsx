import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { civilDayOf } from '../../../calendar/time-zone.js';
import { api, errorMessage } from '../api.js';
import { Load } from '../components/Status.js';
import { dueIn, faNumber, jalaliDate, jalaliDateTime } from '../format.js';
import { processLabel } from '../labels.js';
import type { InboxAnswer, InboxRow } from '../../inbox/inbox-types.js';
import { useSession } from '../session.js';
import { useLoad } from '../use-load.js';

/** The end of the day `days` days from today in Tehran (Iran keeps +03:30 all year). */
function endOfTehranDay(days: number): string {
  return `${civilDayOf(new Date(Date.now() + days * 86_400_000))}T23:59:59+03:30`;
}

type View = 'all' | 'mine' | 'open' | 'overdue';

const VIEWS: { id: View; label: string; count: keyof InboxAnswer['counts'] }[] = [
  { id: 'all', label: 'همه', count: 'total' },
  { id: 'mine', label: 'در دست من', count: 'assignedToMe' },
  { id: 'open', label: 'در انتظار برداشتن', count: 'open' },
  { id: 'overdue', label: 'گذشته از مهلت', count: 'overdue' },
];

function query(params: URLSearchParams): string {
  const q = new URLSearchParams();
  for (const name of ['process', 'dueBefore']) {
    const value = params.get(name);
    if (value) q.set(name, value);
  }
  if (params.get('view') === 'overdue') q.set('overdue', 'true');
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** The کارتابل: tasks assigned to me and open to my groups, most urgent first. */
export function InboxPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const view = (params.get('view') as View | null) ?? 'all';
  const [inbox, reload] = useLoad(() => api.get<InboxAnswer>(`/inbox${query(params)}`), [params.toString()]);
  const [actionError, setActionError] = useState<string | null>(null);

  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };

  const act = async (task: InboxRow, action: 'claim' | 'release') => {
    setActionError(null);
    try {
      await api.post(`/tasks/${task.userTaskKey}/${action}`);
    } catch (e) {
      setActionError(errorMessage(e));
    }
    reload();
  };

  return (
    <>
      <div className="page-head">
        <h1>کارتابل</h1>
        <span className="muted">{jalaliDateTime(new Date(), true)}</span>
      </div>
      <Load value={inbox}>
        {(data) => {
          const tasks = data.tasks.filter((t) =>
            view === 'mine' ? t.assignee === user?.username : view === 'open' ? t.assignee === null : true,
          );
          return (
            <>
              <div className="tabs" role="group" aria-label="نمای کارتابل">
                {VIEWS.map((v) => (
                  <button
                    key={v.id}
                    aria-pressed={view === v.id}
                    onClick={() => set('view', v.id === 'all' ? '' : v.id)}
                  >
                    {v.label} ({faNumber(data.counts[v.count])})
                  </button>
                ))}
              </div>
              <div className="filters">
                <div className="field">
                  <label htmlFor="filter-process">فرایند</label>
                  <select
                    id="filter-process"
                    value={params.get('process') ?? ''}
                    onChange={(e) => set('process', e.target.value)}
                  >
                    <option value="">همهٔ فرایندها</option>
                    {data.processes.map((p) => (
                      <option key={p.id} value={p.id}>
                        {processLabel(p.id)} ({faNumber(p.tasks)})
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="filter-due">مهلت تا</label>
                  <select
                    id="filter-due"
                    value={params.get('dueBefore') ?? ''}
                    onChange={(e) => set('dueBefore', e.target.value)}
                  >
                    <option value="">هر زمان</option>
                    {[1, 3, 7, 30].map((days) => {
                      const until = endOfTehranDay(days);
                      return (
                        <option key={days} value={until}>
                          {faNumber(days)} روز آینده ({jalaliDate(until)})
                        </option>
                      );
                    })}
                  </select>
                </div>
              </div>
              {actionError && (
                <p className="notice error" role="alert">
                  {actionError}
                </p>
              )}
              {tasks.length === 0 ? (
                <p className="card muted">کاری در این نما نیست.</p>
              ) : (
                <div className="table-wrap">
                  <table className="list" aria-label="کارها">
                    <thead>
                      <tr>
                        <th>کار</th>
                        <th>فرایند</th>
                        <th>ایجاد</th>
                        <th>مهلت</th>
                        <th>وضعیت</th>
                        <th></th>
                      </tr>
                    </thead>
                    <tbody>
                      {tasks.map((task) => (
                        <tr
                          key={task.userTaskKey}
                          className={task.overdue ? 'overdue' : undefined}
                          data-task={task.elementId}
                        >
                          <td>
                            <Link to={`/tasks/${task.userTaskKey}`}>{task.name ?? task.elementId}</Link>
                            {task.case && (
                              <div className="small muted">
                                <span className="ltr-code">{task.case.trackingCode}</span> ·{' '}
                                {task.case.subject}
                              </div>
                            )}
                          </td>
                          <td>{processLabel(task.processDefinitionId)}</td>
                          <td className="date">{jalaliDate(task.creationDate)}</td>
                          <td>
                            {task.dueDate ? (
                              <>
                                {jalaliDateTime(task.dueDate)}
                                <div className="small muted">{dueIn(task.dueDate)}</div>
                              </>
                            ) : (
                              <span className="muted">بدون مهلت</span>
                            )}
                            {task.overdue && <span className="badge overdue">گذشته از مهلت</span>}
                          </td>
                          <td>
                            {task.assignee === null
                              ? 'آزاد'
                              : task.assignee === user?.username
                                ? 'در دست شما'
                                : `در دست ${task.assigneeNameFa ?? task.assignee}`}
                          </td>
                          <td>
                            {task.assignee === null && (
                              <button onClick={() => void act(task, 'claim')}>برداشتن</button>
                            )}
                            {task.assignee === user?.username && (
                              <button className="secondary" onClick={() => void act(task, 'release')}>
                                واگذاشتن
                              </button>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          );
        }}
      </Load>
    </>
  );
}
