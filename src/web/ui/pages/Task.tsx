import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { formFields, validateSubmission, type FormSchema } from '../../../forms/form-schema.js';
import { api, ApiError, errorMessage } from '../api.js';
import type { TaskAnswer } from '../../inbox/inbox-types.js';
import { CaseSummary } from '../components/CaseSummary.js';
import { Load } from '../components/Status.js';
import { dueIn, jalaliDateTime } from '../format.js';
import { FormView } from '../forms/FormView.js';
import { getIn, setIn, type Values } from '../forms/values.js';
import { processLabel } from '../labels.js';
import { useSession } from '../session.js';
import { useLoad } from '../use-load.js';

type TaskPage = Omit<TaskAnswer, 'form'> & { readonly form: Pick<FormSchema, 'components'> | null };

/** One task: its case beside its form; claim, fill in, complete. */
export function TaskPage() {
  const { key } = useParams();
  const [page, reload] = useLoad(() => api.get<TaskPage>(`/tasks/${key}`), [key]);
  return <Load value={page}>{(data) => <TaskView data={data} reload={reload} />}</Load>;
}

/** What form-js would start with: each field's variable when the process has it, else its default. */
function initialValues(form: TaskPage['form'], variables: Values): Values {
  let values: Values = {};
  for (const field of form ? formFields(form) : []) {
    const path = field.key.split('.');
    const repetitions = (field.component as { defaultRepetitions?: number }).defaultRepetitions ?? 0;
    const start =
      getIn(variables, path) ??
      (field.type === 'dynamiclist' ? Array.from({ length: repetitions }, () => ({})) : field.defaultValue);
    if (start !== undefined) values = setIn(values, path, start);
  }
  return values;
}

function TaskView({ data, reload }: { data: TaskPage; reload(): void }) {
  const { user } = useSession();
  const navigate = useNavigate();
  const { task, form } = data;
  const [values, setValues] = useState<Values>(() => initialValues(form, data.variables));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const mine = task.assignee === user?.username;

  useEffect(() => setValues(initialValues(form, data.variables)), [form, data.variables]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setNotice(null);
    try {
      await action();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length > 0) {
        setErrors(Object.fromEntries(e.fields.map((f) => [f.field, f.message])));
        setNotice({
          kind: 'error',
          text: 'برخی مقدارها با قواعد فرم سازگار نیست؛ پیام کنار هر فیلد را ببینید.',
        });
      } else setNotice({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const complete = () =>
    run(async () => {
      const problems = form ? validateSubmission(form, values, { context: data.variables }) : [];
      setErrors(Object.fromEntries(problems.map((p) => [p.field, p.message])));
      if (problems.length > 0) {
        setNotice({
          kind: 'error',
          text: 'برخی مقدارها با قواعد فرم سازگار نیست؛ پیام کنار هر فیلد را ببینید.',
        });
        return;
      }
      await api.post(`/tasks/${task.userTaskKey}/complete`, { variables: values });
      navigate('/inbox', { state: { done: task.name } });
    });

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{task.name ?? task.elementId}</h1>
          <div className="muted small">
            {processLabel(task.processDefinitionId)} · ایجاد: {jalaliDateTime(task.creationDate)}
            {task.dueDate && (
              <>
                {' '}
                · مهلت: {jalaliDateTime(task.dueDate)} ({dueIn(task.dueDate)})
              </>
            )}
            {task.dueDate && new Date(task.dueDate) < new Date() && (
              <span className="badge overdue">گذشته از مهلت</span>
            )}
          </div>
        </div>
        <Link to="/inbox">بازگشت به کارتابل</Link>
      </div>
      <div className="split">
        <section aria-label="پرونده" className="card">
          {data.case ? (
            <CaseSummary value={data.case} dossierLink={data.dossierVisible} />
          ) : (
            <p className="muted">این کار به پرونده‌ای وابسته نیست.</p>
          )}
        </section>
        <section aria-label="فرم" className="card">
          {notice && (
            <p className={`notice ${notice.kind}`} role="alert">
              {notice.text}
            </p>
          )}
          {!mine && (
            <div className="notice">
              {task.assignee === null
                ? 'برای انجام این کار، نخست آن را بردارید.'
                : `این کار در دست ${task.assignee} است.`}{' '}
              {task.assignee === null && (
                <button
                  disabled={busy}
                  onClick={() =>
                    void run(async () => {
                      await api.post(`/tasks/${task.userTaskKey}/claim`);
                      reload();
                    })
                  }
                >
                  برداشتن کار
                </button>
              )}
            </div>
          )}
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void complete();
            }}
          >
            {form ? (
              <FormView
                form={form}
                context={data.variables}
                values={values}
                onChange={setValues}
                onFieldEdited={(name) => setErrors(({ [name]: _gone, ...rest }) => rest)}
                errors={errors}
                disabled={!mine || busy}
              />
            ) : (
              <p className="muted">این کار فرمی ندارد.</p>
            )}
            {mine && (
              <div className="filters">
                <button type="submit" disabled={busy}>
                  {busy ? 'در حال ثبت…' : 'ثبت و پایان کار'}
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() =>
                    void run(async () => {
                      await api.post(`/tasks/${task.userTaskKey}/release`);
                      reload();
                    })
                  }
                >
                  واگذاشتن
                </button>
              </div>
            )}
          </form>
        </section>
      </div>
    </>
  );
}
