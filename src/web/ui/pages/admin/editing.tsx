import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../../api.js';
import { Field } from '../../components/Field.js';

export type Errors = Record<string, string>;

export function fieldErrors(error: unknown): [string, Errors] {
  if (error instanceof ApiError && error.fields.length > 0)
    return [
      'برخی مقدارها درست نیست؛ پیام کنار هر فیلد را ببینید.',
      Object.fromEntries(error.fields.map((f) => [f.field.replace(/\[\d+\]$/, ''), f.message])),
    ];
  if (error instanceof ApiError && error.status === 409) return [error.message, {}];
  return [errorMessage(error), {}];
}

/** A labelled text input with its error: the fields of the editors. */
export function TextInput({
  id,
  label,
  error,
  value,
  onChange,
  ltr = false,
  ...input
}: {
  id: string;
  label: string;
  error?: string | undefined;
  value: string;
  onChange(value: string): void;
  ltr?: boolean;
  type?: string;
  disabled?: boolean;
  autoComplete?: string;
}) {
  return (
    <Field id={id} label={label} error={error}>
      <input
        id={id}
        className={ltr ? 'ltr' : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...input}
      />
    </Field>
  );
}

/** A list an administrator edits: a notice line, an add button, the open editor, and the table. */
export function EditableList<T extends { readonly id: number }>({
  label,
  addLabel,
  columns,
  items,
  row,
  editor,
  reload,
}: {
  label: string;
  addLabel: string;
  columns: readonly string[];
  items: readonly T[];
  /** The cells of one item; `edit` opens its editor, `act` runs an action and reports its outcome. */
  row(item: T, edit: () => void, act: (action: () => Promise<unknown>, done: string) => void): ReactNode;
  editor(item: T | null, done: (message: string) => void): ReactNode;
  reload(): void;
}) {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const act = (action: () => Promise<unknown>, done: string) =>
    void action()
      .then(
        () => setMessage(done),
        (e: unknown) => setMessage(fieldErrors(e)[0]),
      )
      .finally(reload);
  return (
    <>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <p>
        <button onClick={() => setEditing('new')}>{addLabel}</button>
      </p>
      {editing && (
        <div key={editing === 'new' ? 'new' : editing.id}>
          {editor(editing === 'new' ? null : editing, (text) => {
            setEditing(null);
            setMessage(text);
            reload();
          })}
        </div>
      )}
      <div className="table-wrap">
        <table className="list" aria-label={label}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
              <th></th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>{row(item, () => setEditing(item), act)}</tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** An editor form's submission: clears and shows the problem and the per-field errors of a refused save. */
export function useSave(done: (message: string) => void) {
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (event: FormEvent, action: () => Promise<string>) => {
    event.preventDefault();
    setErrors({});
    setProblem(null);
    try {
      done(await action());
    } catch (e) {
      const [text, byField] = fieldErrors(e);
      setProblem(text);
      setErrors(byField);
    }
  };
  const problemLine = problem && (
    <p className="notice error" role="alert">
      {problem}
    </p>
  );
  return { errors, save, problemLine };
}
