import { Suspense } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { isAdministrator, seesRegister, useSession } from '../session.js';
import { roleLabel } from '../labels.js';

/** The staff pages' frame: brand, navigation by role, who is signed in, sign-out. */
export function StaffLayout() {
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  if (!user) return null;
  const out = async (everywhere: boolean) => {
    await signOut(everywhere);
    navigate('/signin');
  };
  return (
    <>
      <a className="skip-link" href="#main">
        پرش به محتوای اصلی
      </a>
      <header className="topbar">
        <a className="brand" href="/inbox">
          مرکز ارتباط با اعضا
        </a>
        <nav aria-label="بخش‌ها">
          <NavLink to="/inbox">کارتابل</NavLink>
          {seesRegister(user) && <NavLink to="/complaints">پرونده‌های شکایت</NavLink>}
          {isAdministrator(user) && <NavLink to="/admin">کاربران و واحدها</NavLink>}
          {isAdministrator(user) && <NavLink to="/admin/mails">رایانامه‌های آزمایشی</NavLink>}
        </nav>
        <div className="who">
          <span>
            {user.fullNameFa}
            <span className="visually-hidden"> — </span>
            <span className="small roles"> ({user.roles.map(roleLabel).join('، ')})</span>
          </span>
          <button className="secondary" onClick={() => void out(false)}>
            خروج
          </button>
          <button
            className="link"
            onClick={() => void out(true)}
            title="پایان همهٔ نشست‌های شما در همهٔ دستگاه‌ها"
          >
            خروج از همه‌جا
          </button>
        </div>
      </header>
      <main id="main">
        <Suspense fallback={<p className="muted">در حال بارگیری…</p>}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

/** The public pages' frame: no sign-in, only the Chamber's name. */
export function PublicLayout() {
  return (
    <>
      <a className="skip-link" href="#main">
        پرش به محتوای اصلی
      </a>
      <header className="topbar">
        <span className="brand">اتاق بازرگانی، صنایع، معادن و کشاورزی اصفهان — مرکز ارتباط با اعضا</span>
      </header>
      <main id="main" className="narrow">
        <Outlet />
      </main>
    </>
  );
}
