import { useState } from 'react';
import { api, ApiError } from '../api.js';
import { Load } from '../components/Status.js';
import { faNumber, jalaliDateTime } from '../format.js';
import { useLoad } from '../use-load.js';

interface Mail {
  readonly number: number;
  readonly date: string | null;
  readonly to: string;
  readonly subject: string;
  readonly text?: string;
  readonly attachments: { filename: string; contentType: string; size: number }[];
}

/** For development: the e-mails the in-process SMTP catcher kept (administrators only). */
export function MailsPage() {
  const [list] = useLoad(() => api.get<{ mails: Mail[] }>('/dev/mails'), []);
  const [open, setOpen] = useState<number | null>(null);
  const [mail] = useLoad(
    () => (open === null ? Promise.resolve(null) : api.get<Mail>(`/dev/mails/${open}`)),
    [open],
  );

  if (list.state === 'failed' && list.error instanceof ApiError && list.error.status === 404)
    return (
      <p className="card">سامانه با یک سرور SMTP واقعی کار می‌کند؛ رایانامه‌ای در اینجا نگه داشته نمی‌شود.</p>
    );
  return (
    <>
      <h1>رایانامه‌های آزمایشی</h1>
      <p className="muted">
        رایانامه‌هایی که سامانه فرستاده و گیرندهٔ درون‌برنامه‌ای (بدون SMTP_URL) نگه داشته است.
      </p>
      <div className="split">
        <Load value={list}>
          {({ mails }) => (
            <div className="table-wrap">
              <table className="list">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>گیرنده</th>
                    <th>موضوع</th>
                    <th>زمان</th>
                  </tr>
                </thead>
                <tbody>
                  {mails.map((m) => (
                    <tr key={m.number}>
                      <td>{faNumber(m.number)}</td>
                      <td className="ltr">{m.to}</td>
                      <td>
                        <button className="link" onClick={() => setOpen(m.number)}>
                          {m.subject}
                        </button>
                      </td>
                      <td>{jalaliDateTime(m.date)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Load>
        <section className="card" aria-label="متن رایانامه">
          {open === null ? (
            <p className="muted">رایانامه‌ای را برگزینید.</p>
          ) : (
            <Load value={mail}>
              {(m) =>
                m && (
                  <>
                    <h2>{m.subject}</h2>
                    <p className="small muted">
                      به <span className="ltr-code">{m.to}</span> · {jalaliDateTime(m.date)}
                    </p>
                    <p className="prewrap">{m.text}</p>
                    {m.attachments.length > 0 && (
                      <p className="small">
                        پیوست‌ها:{' '}
                        {m.attachments
                          .map((a) => `${a.filename} (${faNumber(Math.ceil(a.size / 1024))} KB)`)
                          .join('، ')}
                      </p>
                    )}
                  </>
                )
              }
            </Load>
          )}
        </section>
      </div>
    </>
  );
}
