import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api, ApiError, errorMessage } from '../api.js';
import { Column } from '../components/Column.js';
import { Field } from '../components/Field.js';
import { Load } from '../components/Status.js';
import { faDigits, faNumber } from '../format.js';
import { JalaliDateInput } from '../forms/JalaliDateInput.js';
import { useLoad } from '../use-load.js';

interface FormSetup {
  readonly formToken: string;
  readonly kinds: { value: string; label: string }[];
  readonly units: { id: number; name: string }[];
  readonly attachments: {
    field: string;
    maxFiles: number;
    maxFileBytes: number;
    accept: string;
    summaryFa: string;
  };
}

type Values = Record<string, string>;

const TEXT_FIELDS: {
  name: string;
  label: string;
  required?: boolean;
  ltr?: boolean;
  type?: string;
  hint?: string;
}[] = [
  { name: 'complainantName', label: 'نام و نام خانوادگی', required: true },
  {
    name: 'complainantPhone',
    label: 'شمارهٔ تلفن همراه',
    required: true,
    ltr: true,
    type: 'tel',
    hint: 'برای پیگیری درخواست به همین شماره نیاز دارید.',
  },
  { name: 'complainantEmail', label: 'رایانامه', ltr: true, type: 'email' },
  { name: 'membershipNo', label: 'شمارهٔ عضویت (اگر عضو اتاق هستید)', ltr: true },
];

/** The website complaint form (R-CMP-02): no sign-in, works on a phone, answers a tracking code. */
export function ComplaintFormPage() {
  const [round, setRound] = useState(0);
  const [setup] = useLoad(() => api.get<FormSetup>('/public/complaint-form'), [round]);
  const [values, setValues] = useState<Values>({ kind: 'complaint' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [trackingCode, setTrackingCode] = useState<string | null>(null);
  const files = useRef<HTMLInputElement>(null);
  const honeypot = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File[]>([]);

  const set = (name: string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors(({ [name]: _gone, ...rest }) => rest);
  };

  const submit = async (event: FormEvent, data: FormSetup) => {
    event.preventDefault();
    setBusy(true);
    setNotice(null);
    setErrors({});
    const body = new FormData();
    body.set('formToken', data.formToken);
    body.set('website', honeypot.current?.value ?? '');
    for (const [name, value] of Object.entries(values)) if (value.trim() !== '') body.set(name, value);
    for (const file of files.current?.files ?? []) body.append(data.attachments.field, file);
    try {
      const { trackingCode } = await api.upload<{ trackingCode: string }>('/public/complaints', body);
      setTrackingCode(trackingCode);
      window.scrollTo(0, 0);
    } catch (e) {
      if (e instanceof ApiError && e.fields.length > 0) {
        setErrors(Object.fromEntries(e.fields.map((f) => [f.field.replace(/\[\d+\]$/, ''), f.message])));
        setNotice('برخی از موارد فرم کامل یا درست نیست؛ پیام کنار هر مورد را ببینید.');
      } else if (e instanceof ApiError && e.code === 'submission-rejected') {
        setNotice(
          'فرم پذیرفته نشد. فرم تازه شد؛ لطفاً دوباره «ثبت درخواست» را بزنید. نوشته‌های شما سر جایش مانده است.',
        );
        setRound((r) => r + 1);
      } else setNotice(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (trackingCode)
    return (
      <section className="card" aria-live="polite">
        <h1>درخواست شما ثبت شد</h1>
        <p>کد رهگیری درخواست شما:</p>
        <p className="tracking-code">{faDigits(trackingCode)}</p>
        <p>
          این کد را نگه دارید. رسید درخواست را به‌زودی دریافت می‌کنید و وضعیت آن را با همین کد و شمارهٔ تلفنتان
          در صفحهٔ پیگیری می‌بینید.
        </p>
        <p>
          <Link className="button" to={`/complaints/status?code=${encodeURIComponent(trackingCode)}`}>
            پیگیری درخواست
          </Link>
        </p>
      </section>
    );

  const field = (name: string, label: string, control: ReactNode, required = false, hint?: string) => (
    <Field id={`f-${name}`} label={label} required={required} hint={hint} error={errors[name]}>
      {control}
    </Field>
  );
  const input = (name: string, extra: { ltr?: boolean; type?: string } = {}) => (
    <input
      id={`f-${name}`}
      name={name}
      type={extra.type ?? 'text'}
      className={extra.ltr ? 'ltr' : undefined}
      value={values[name] ?? ''}
      aria-invalid={errors[name] ? true : undefined}
      onChange={(e) => set(name, e.target.value)}
    />
  );

  return (
    <>
      <h1>ثبت شکایت، انتقاد یا پیشنهاد</h1>
      <p className="muted">
        مرکز ارتباط با اعضای اتاق اصفهان درخواست شما را بررسی می‌کند و نتیجه را به شما اعلام می‌کند. پس از
        ثبت، کد رهگیری دریافت می‌کنید. <Link to="/complaints/status">پیگیری درخواست ثبت‌شده</Link>
      </p>
      {notice && (
        <p className="notice error" role="alert">
          {notice}
        </p>
      )}
      <Load value={setup}>
        {(data) => (
          <form className="card" noValidate onSubmit={(e) => void submit(e, data)}>
            <fieldset>
              <legend>نوع درخواست</legend>
              <div className="choices">
                {data.kinds.map((k) => (
                  <label key={k.value}>
                    <input
                      type="radio"
                      name="kind"
                      checked={values.kind === k.value}
                      onChange={() => set('kind', k.value)}
                    />
                    {k.label}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="form-row">
              {TEXT_FIELDS.map((f) => (
                <Column key={f.name} span={8}>
                  {field(f.name, f.label, input(f.name, f), f.required, f.hint)}
                </Column>
              ))}
            </div>
            {field('subject', 'موضوع', input('subject'), true)}
            {field(
              'description',
              'شرح درخواست',
              <textarea
                id="f-description"
                value={values.description ?? ''}
                rows={7}
                onChange={(e) => set('description', e.target.value)}
              />,
              true,
              'چه پیش آمده است، کجا و با چه کسی؛ هر چه به رسیدگی کمک می‌کند.',
            )}
            <div className="form-row">
              <Column span={8}>
                {field(
                  'concernedUnitId',
                  'واحد مربوط (اگر می‌دانید)',
                  <select
                    id="f-concernedUnitId"
                    value={values.concernedUnitId ?? ''}
                    onChange={(e) => set('concernedUnitId', e.target.value)}
                  >
                    <option value="">نمی‌دانم</option>
                    {data.units.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                  </select>,
                )}
              </Column>
              <Column span={8}>
                {field(
                  'occurredAt',
                  'تاریخ رخداد',
                  <JalaliDateInput
                    id="f-occurredAt"
                    value={values.occurredAt}
                    onChange={(iso) => set('occurredAt', iso ?? '')}
                  />,
                )}
              </Column>
            </div>
            {field(
              'remedySought',
              'چه انتظاری از رسیدگی دارید؟',
              <textarea
                id="f-remedySought"
                value={values.remedySought ?? ''}
                rows={3}
                onChange={(e) => set('remedySought', e.target.value)}
              />,
            )}
            {data.attachments.maxFiles > 0 &&
              field(
                'attachments',
                'پیوست‌ها',
                // The browser's own file button speaks the browser's language; this one speaks Persian.
                <div className="file-picker">
                  <input
                    id="f-attachments"
                    ref={files}
                    type="file"
                    className="visually-hidden"
                    multiple
                    accept={data.attachments.accept}
                    onChange={(e) => {
                      setChosen([...(e.target.files ?? [])]);
                      setErrors(({ attachments: _gone, ...rest }) => rest);
                    }}
                  />
                  <label htmlFor="f-attachments" className="button secondary">
                    انتخاب فایل
                  </label>
                  {chosen.length === 0 ? (
                    <span className="muted small">فایلی انتخاب نشده است</span>
                  ) : (
                    <ul className="small">
                      {chosen.map((f) => (
                        <li key={f.name}>
                          {f.name} ({faNumber(Math.max(1, Math.round(f.size / 1024)))} کیلوبایت)
                        </li>
                      ))}
                    </ul>
                  )}
                </div>,
                false,
                data.attachments.summaryFa,
              )}
            <div className="visually-hidden" aria-hidden="true">
              <label htmlFor="f-website">وب‌سایت</label>
              <input
                id="f-website"
                ref={honeypot}
                name="website"
                tabIndex={-1}
                autoComplete="off"
                defaultValue=""
              />
            </div>
            <button type="submit" disabled={busy}>
              {busy ? 'در حال ارسال…' : 'ثبت درخواست'}
            </button>
          </form>
        )}
      </Load>
    </>
  );
}
