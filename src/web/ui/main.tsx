import { lazy, StrictMode, type ComponentType, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { PublicLayout, StaffLayout } from './components/Layout.js';
import { InboxPage } from './pages/Inbox.js';
import { ComplaintFormPage } from './public/ComplaintFormPage.js';
import { FeedbackPage } from './public/FeedbackPage.js';
import { StatusPage } from './public/StatusPage.js';
import { SignInPage } from './pages/SignIn.js';
import { SessionProvider, useSession } from './session.js';
import './styles.css';

// Pages that only some staff open are loaded when first opened, so the public form stays light.
const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));
const AdminPage = named(() => import('./pages/AdminPage.js'), 'AdminPage');
const CorrectiveActionPage = named(() => import('./pages/CorrectiveAction.js'), 'CorrectiveActionPage');
const DossierPage = named(() => import('./pages/Dossier.js'), 'DossierPage');
const MailsPage = named(() => import('./pages/MailsPage.js'), 'MailsPage');
const RegisterPage = named(() => import('./pages/Register.js'), 'RegisterPage');
const TaskPage = named(() => import('./pages/Task.js'), 'TaskPage');

/** Staff pages need a session; without one, the sign-in page, then back here. */
function RequireUser({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <p className="muted">در حال بارگیری…</p>;
  if (user === null)
    return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function App() {
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route element={<PublicLayout />}>
        <Route path="/complaints/new" element={<ComplaintFormPage />} />
        <Route path="/complaints/status" element={<StatusPage />} />
        <Route path="/feedback/:token" element={<FeedbackPage />} />
      </Route>
      <Route
        element={
          <RequireUser>
            <StaffLayout />
          </RequireUser>
        }
      >
        <Route path="/" element={<Navigate to="/inbox" replace />} />
        <Route path="/inbox" element={<InboxPage />} />
        <Route path="/tasks/:key" element={<TaskPage />} />
        <Route path="/complaints" element={<RegisterPage />} />
        <Route path="/complaints/:id" element={<DossierPage />} />
        <Route path="/corrective-actions/:id" element={<CorrectiveActionPage />} />
        <Route path="/admin" element={<AdminPage />} />
        <Route path="/admin/mails" element={<MailsPage />} />
        <Route path="*" element={<p className="card">این صفحه وجود ندارد.</p>} />
      </Route>
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider>
        <App />
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
