import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, errorMessage } from '../api.js';
import { STATUS_LABELS, label } from '../complaint-labels.js';
import { jalaliDate, jalaliDateTime } from '../format.js';

interface Status {
  readonly trackingCode: string;
  readonly status: string;
  readonly receivedAt: string;
  readonly acknowledgedAt: string | null;
  readonly responseDueAt: string | null;
  readonly resultCommunicatedAt: string | null;
  readonly closedAt: string | null;
}

/** Status lookup by tracking code and the phone number given (stage and dates only). */
export function StatusPage() {
  const [params] = useSearchParams();
  const [trackingCode, setTrackingCode] = useState(params.get('code') ?? '');
  const [phone, setPhone] = useState('');
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(
        await api.post<Status>('/public/complaint-status', {
          trackingCode: trackingCode.trim(),
          phone: phone.trim(),
        }),
      );
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 404
          ? 'درخواستی با این کد رهگیری و شمارهٔ تلفن یافت نشد. کد و شماره‌ای را که هنگام ثبت داده‌اید بررسی کنید.'
          : errorMessage(e),
      );
    } finally {
      setBusy(false);
    }
  };

  const steps: [string, string | null][] = status
    ? [
        ['دریافت درخواست', status.receivedAt],
        ['اعلام وصول به شما', status.acknowledgedAt],
        ['اعلام نتیجهٔ رسیدگی', status.resultCommunicatedAt],
        ['بسته شدن پرونده', status.closedAt],
      ]
    : [];

  return (
    <>
      <h1>پیگیری درخواست</h1>
      <form className="card" onSubmit={(e) => void submit(e)}>
        <p className="muted">
          کد رهگیری را که پس از ثبت درخواست دریافت کرده‌اید و شمارهٔ تلفنی را که در درخواست نوشته‌اید وارد
          کنید.
        </p>
        <div className="field">
          <label htmlFor="code">کد رهگیری</label>
          <input
            id="code"
            className="ltr"
            value={trackingCode}
            onChange={(e) => setTrackingCode(e.target.value)}
            required
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor="phone">شمارهٔ تلفن</label>
          <input
            id="phone"
            className="ltr"
            inputMode="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            required
            autoComplete="tel"
          />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'در حال جست‌وجو…' : 'نمایش وضعیت'}
        </button>
      </form>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      {status && (
        <section className="card" aria-label="وضعیت درخواست">
          <h2>
            وضعیت:{' '}
            <span className={`badge${status.closedAt ? ' closed' : ''}`}>
              {label(STATUS_LABELS, status.status)}
            </span>
          </h2>
          <ol className="timeline">
            {steps.map(([name, at]) => (
              <li key={name} className={at ? undefined : 'pending'}>
                <strong>{name}</strong>
                <div className="small muted">{at ? jalaliDateTime(at) : 'هنوز انجام نشده'}</div>
              </li>
            ))}
          </ol>
          {status.responseDueAt && !status.resultCommunicatedAt && (
            <p className="muted">مهلت پاسخ به درخواست شما: {jalaliDate(status.responseDueAt)}</p>
          )}
        </section>
      )}
      <p className="small">
        <Link to="/complaints/new">ثبت درخواست تازه</Link>
      </p>
    </>
  );
}
