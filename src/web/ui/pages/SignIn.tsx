import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../api.js';
import { useSession } from '../session.js';

function signInError(error: unknown): string {
  // A locked account answers the same 401, so the page cannot tell a guesser which accounts exist.
  if (error instanceof ApiError && error.status === 401)
    return 'نام کاربری یا گذرواژه درست نیست، یا حساب پس از چند تلاش ناموفق موقتاً قفل شده است.';
  return errorMessage(error);
}

export function SignInPage() {
  const { user, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = (location.state as { from?: string } | null)?.from ?? '/inbox';

  if (user) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      navigate(next, { replace: true });
    } catch (e) {
      setError(signInError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main>
      <form className="card signin" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
        <h1 id="signin-title">ورود به سامانهٔ مرکز ارتباط با اعضا</h1>
        <p className="muted small">اتاق بازرگانی، صنایع، معادن و کشاورزی اصفهان</p>
        {error && (
          <p className="notice error" role="alert">
            {error}
          </p>
        )}
        <div className="field">
          <label htmlFor="username">نام کاربری</label>
          <input
            id="username"
            className="ltr"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="password">گذرواژه</label>
          <input
            id="password"
            type="password"
            className="ltr"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'در حال ورود…' : 'ورود'}
        </button>
      </form>
    </main>
  );
}
