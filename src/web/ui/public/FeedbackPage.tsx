import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../api.js';
import { Load } from '../components/Status.js';
import { faDigits, jalaliDate } from '../format.js';
import { useLoad } from '../use-load.js';

interface Link {
  readonly trackingCode: string;
  readonly expiresAt: string;
  readonly answered: boolean;
}

const SCORES: [number, string][] = [
  [5, 'بسیار راضی'],
  [4, 'راضی'],
  [3, 'بی‌نظر'],
  [2, 'ناراضی'],
  [1, 'بسیار ناراضی'],
];

/** The member's personal satisfaction link (R-ISO-05): one score from 1 to 5 and a comment, once. */
export function FeedbackPage() {
  const { token = '' } = useParams();
  const [link] = useLoad(() => api.get<Link>(`/public/feedback/${encodeURIComponent(token)}`), [token]);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (score === null) return setError('لطفاً میزان رضایت خود را انتخاب کنید.');
    setError(null);
    try {
      await api.post(`/public/feedback/${encodeURIComponent(token)}`, {
        satisfaction: score,
        ...(comment.trim() ? { comment } : {}),
      });
      setSent(true);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? 'نظر شما پیش‌تر ثبت شده است.' : errorMessage(e));
    }
  };

  return (
    <>
      <h1>نظرسنجی رضایت از رسیدگی</h1>
      {link.state === 'failed' ? (
        <p className="notice error" role="alert">
          این پیوند معتبر نیست یا مهلت آن گذشته است.
        </p>
      ) : (
        <Load value={link}>
          {(data) =>
            sent || data.answered ? (
              <p className="notice ok" role="status">
                سپاس از شما؛ نظرتان دربارهٔ درخواست <span className="ltr-code">{data.trackingCode}</span> ثبت
                شد.
              </p>
            ) : (
              <form className="card" onSubmit={(e) => void submit(e)}>
                <p>
                  رسیدگی به درخواست <span className="ltr-code">{data.trackingCode}</span> به پایان رسیده است.
                  از چگونگی رسیدگی چه اندازه راضی هستید؟
                </p>
                <fieldset>
                  <legend>میزان رضایت</legend>
                  <div className="choices">
                    {SCORES.map(([value, text]) => (
                      <label key={value}>
                        <input
                          type="radio"
                          name="score"
                          checked={score === value}
                          onChange={() => setScore(value)}
                        />
                        {text} ({faDigits(value)})
                      </label>
                    ))}
                  </div>
                </fieldset>
                <div className="field">
                  <label htmlFor="comment">توضیح (اختیاری)</label>
                  <textarea
                    id="comment"
                    maxLength={2000}
                    value={comment}
                    onChange={(e) => setComment(e.target.value)}
                  />
                </div>
                {error && (
                  <p className="form-error" role="alert">
                    {error}
                  </p>
                )}
                <button type="submit">ثبت نظر</button>
                <p className="small muted">
                  این پیوند تا {jalaliDate(data.expiresAt)} معتبر است و تنها یک بار پاسخ می‌پذیرد.
                </p>
              </form>
            )
          }
        </Load>
      )}
    </>
  );
}
