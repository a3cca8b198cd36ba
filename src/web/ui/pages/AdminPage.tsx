import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, errorMessage } from '../api.js';
import { Column } from '../components/Column.js';
import { Load } from '../components/Status.js';
import { faNumber, jalaliDateTime } from '../format.js';
import { useLoad } from '../use-load.js';

interface StaffView {
  readonly id: number;
  readonly username: string;
  readonly fullNameFa: string;
  readonly email: string | null;
  readonly mobile: string | null;
  readonly unit: { id: number; code: string; nameFa: string } | null;
  readonly roles: string[];
  readonly active: boolean;
  readonly lockedUntil: string | null;
  readonly lastSignInAt: string | null;
}

interface UnitView {
  readonly id: number;
  readonly code: string;
  readonly nameFa: string;
  readonly nameEn: string | null;
  readonly manager: { id: number; username: string; fullNameFa: string } | null;
  readonly managerStaffId: number | null;
  readonly active: boolean;
  readonly staffCount: number;
  readonly codeFixed: boolean;
}

interface Role {
  readonly id: string;
  readonly labelFa: string;
  readonly perUnit: boolean;
}

interface Directory {
  readonly staff: StaffView[];
  readonly units: UnitView[];
  readonly roles: Role[];
}

async function loadDirectory(): Promise<Directory> {
  const [{ staff }, { units }, { roles }] = await Promise.all([
    api.get<{ staff: StaffView[] }>('/admin/staff'),
    api.get<{ units: UnitView[] }>('/admin/units'),
    api.get<{ roles: Role[] }>('/admin/roles'),
  ]);
  return { staff, units, roles };
}

type Errors = Record<string, string>;

function fieldErrors(error: unknown): [string, Errors] {
  if (error instanceof ApiError && error.fields.length > 0)
    return [
      'برخی مقدارها درست نیست؛ پیام کنار هر فیلد را ببینید.',
      Object.fromEntries(error.fields.map((f) => [f.field.replace(/\[\d+\]$/, ''), f.message])),
    ];
  if (error instanceof ApiError && error.status === 409) return [error.message, {}];
  return [errorMessage(error), {}];
}

function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** A labelled text input with its error: the fields of the editors. */
function TextInput({
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

/** Staff, their roles and units (administrators only; the API checks it on every call). */
export function AdminPage() {
  const [directory, reload] = useLoad(loadDirectory, []);
  const [tab, setTab] = useState<'staff' | 'units'>('staff');
  return (
    <>
      <h1>کاربران و واحدها</h1>
      <div className="tabs" role="group" aria-label="بخش">
        <button aria-pressed={tab === 'staff'} onClick={() => setTab('staff')}>
          کارکنان
        </button>
        <button aria-pressed={tab === 'units'} onClick={() => setTab('units')}>
          واحدها
        </button>
      </div>
      <Load value={directory}>
        {(d) =>
          tab === 'staff' ? <StaffAdmin d={d} reload={reload} /> : <UnitAdmin d={d} reload={reload} />
        }
      </Load>
    </>
  );
}

/** A list an administrator edits: a notice line, an add button, the open editor, and the table. */
function EditableList<T extends { readonly id: number }>({
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
function useSave(done: (message: string) => void) {
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

function StaffAdmin({ d, reload }: { d: Directory; reload(): void }) {
  const locked = (s: StaffView) => s.lockedUntil !== null && new Date(s.lockedUntil) > new Date();
  return (
    <EditableList
      label="کارکنان"
      addLabel="افزودن کاربر"
      columns={['نام', 'نام کاربری', 'واحد', 'نقش‌ها', 'آخرین ورود', 'وضعیت']}
      items={d.staff}
      reload={reload}
      editor={(staff, done) => <StaffForm d={d} staff={staff} done={done} />}
      row={(s, edit, act) => (
        <>
          <td>{s.fullNameFa}</td>
          <td className="ltr">{s.username}</td>
          <td>{s.unit?.nameFa ?? '—'}</td>
          <td className="small">{s.roles.map((r) => roleName(d.roles, r, d.units)).join('، ')}</td>
          <td className="small">{s.lastSignInAt ? jalaliDateTime(s.lastSignInAt) : '—'}</td>
          <td>
            {s.active ? 'فعال' : <span className="badge overdue">غیرفعال</span>}
            {locked(s) && <span className="badge major">قفل</span>}
          </td>
          <td>
            <button className="secondary" onClick={edit}>
              ویرایش
            </button>{' '}
            {locked(s) && (
              <button
                className="secondary"
                onClick={() =>
                  act(() => api.post(`/admin/staff/${s.id}/unlock`), `حساب ${s.fullNameFa} باز شد.`)
                }
              >
                بازکردن قفل
              </button>
            )}
          </td>
        </>
      )}
    />
  );
}

function roleName(roles: readonly Role[], role: string, units: readonly UnitView[]): string {
  const [id, unitCode] = role.split(':');
  const label = roles.find((r) => r.id === id)?.labelFa ?? role;
  const unit = unitCode ? (units.find((u) => u.code === unitCode)?.nameFa ?? unitCode) : undefined;
  return unit ? `${label} (${unit})` : label;
}

function StaffForm({
  d,
  staff,
  done,
}: {
  d: Directory;
  staff: StaffView | null;
  done(message: string): void;
}) {
  const [username, setUsername] = useState(staff?.username ?? '');
  const [fullNameFa, setFullNameFa] = useState(staff?.fullNameFa ?? '');
  const [email, setEmail] = useState(staff?.email ?? '');
  const [mobile, setMobile] = useState(staff?.mobile ?? '');
  const [unitId, setUnitId] = useState<number | ''>(staff?.unit?.id ?? '');
  const [roles, setRoles] = useState<string[]>(staff?.roles ?? []);
  const [active, setActive] = useState(staff?.active ?? true);
  const [password, setPassword] = useState('');
  const { errors, save, problemLine } = useSave(done);

  const grantable = d.roles.flatMap((r) => (r.perUnit ? d.units.map((u) => `${r.id}:${u.code}`) : [r.id]));
  const submit = (event: FormEvent) =>
    save(event, async () => {
      const fields = { fullNameFa, email, mobile, unitId: unitId === '' ? null : unitId, roles, active };
      if (staff) {
        await api.patch(`/admin/staff/${staff.id}`, fields);
        if (password) await api.post(`/admin/staff/${staff.id}/password`, { password });
        return `اطلاعات ${fullNameFa} ذخیره شد.`;
      }
      await api.post('/admin/staff', { ...fields, username, password });
      return `کاربر ${fullNameFa} ساخته شد.`;
    });

  return (
    <form
      className="card"
      onSubmit={(e) => void submit(e)}
      aria-label={staff ? 'ویرایش کاربر' : 'کاربر تازه'}
    >
      <h2>{staff ? `ویرایش ${staff.fullNameFa}` : 'کاربر تازه'}</h2>
      {problemLine}
      <div className="form-row">
        <Column span={8}>
          <TextInput
            id="staff-username"
            label="نام کاربری"
            error={errors.username}
            value={username}
            onChange={setUsername}
            ltr
            disabled={staff !== null}
          />
        </Column>
        <Column span={8}>
          <TextInput
            id="staff-name"
            label="نام و نام خانوادگی"
            error={errors.fullNameFa}
            value={fullNameFa}
            onChange={setFullNameFa}
          />
        </Column>
        <Column span={8}>
          <TextInput
            id="staff-email"
            label="رایانامه"
            error={errors.email}
            value={email}
            onChange={setEmail}
            ltr
          />
        </Column>
        <Column span={8}>
          <TextInput
            id="staff-mobile"
            label="تلفن همراه"
            error={errors.mobile}
            value={mobile}
            onChange={setMobile}
            ltr
          />
        </Column>
        <Column span={8}>
          <Field id="staff-unit" label="واحد" error={errors.unitId}>
            <select
              id="staff-unit"
              value={unitId}
              onChange={(e) => setUnitId(e.target.value === '' ? '' : Number(e.target.value))}
            >
              <option value="">—</option>
              {d.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.nameFa}
                </option>
              ))}
            </select>
          </Field>
        </Column>
        <Column span={8}>
          <TextInput
            id="staff-password"
            label={staff ? 'گذرواژهٔ تازه (خالی = بدون تغییر)' : 'گذرواژه (دست‌کم ۱۲ نویسه)'}
            error={errors.password}
            value={password}
            onChange={setPassword}
            ltr
            type="password"
            autoComplete="new-password"
          />
        </Column>
      </div>
      <fieldset>
        <legend>نقش‌ها</legend>
        <div className="choices">
          {grantable.map((role) => (
            <label key={role}>
              <input
                type="checkbox"
                checked={roles.includes(role)}
                onChange={(e) =>
                  setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))
                }
              />
              {roleName(d.roles, role, d.units)}
            </label>
          ))}
        </div>
        {errors.roles && (
          <div className="error" role="alert">
            {errors.roles}
          </div>
        )}
      </fieldset>
      <label className="choices">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> حساب فعال است
      </label>
      <p className="small muted">غیرفعال کردن حساب یا تغییر گذرواژه همهٔ نشست‌های آن کاربر را پایان می‌دهد.</p>
      <button type="submit">ذخیره</button>
    </form>
  );
}

function UnitAdmin({ d, reload }: { d: Directory; reload(): void }) {
  return (
    <EditableList
      label="واحدها"
      addLabel="افزودن واحد"
      columns={['واحد', 'کد', 'مدیر', 'کارکنان', 'وضعیت']}
      items={d.units}
      reload={reload}
      editor={(unit, done) => <UnitForm d={d} unit={unit} done={done} />}
      row={(u, edit) => (
        <>
          <td>{u.nameFa}</td>
          <td className="ltr">{u.code}</td>
          <td>{u.manager?.fullNameFa ?? '—'}</td>
          <td>{faNumber(u.staffCount)}</td>
          <td>{u.active ? 'فعال' : <span className="badge overdue">غیرفعال</span>}</td>
          <td>
            <button className="secondary" onClick={edit}>
              ویرایش
            </button>
          </td>
        </>
      )}
    />
  );
}

function UnitForm({ d, unit, done }: { d: Directory; unit: UnitView | null; done(message: string): void }) {
  const [code, setCode] = useState(unit?.code ?? '');
  const [nameFa, setNameFa] = useState(unit?.nameFa ?? '');
  const [nameEn, setNameEn] = useState(unit?.nameEn ?? '');
  const [managerStaffId, setManager] = useState<number | ''>(unit?.managerStaffId ?? '');
  const [active, setActive] = useState(unit?.active ?? true);
  const { errors, save, problemLine } = useSave(done);
  const submit = (event: FormEvent) =>
    save(event, async () => {
      const fields = {
        ...(unit?.codeFixed ? {} : { code }),
        nameFa,
        nameEn,
        managerStaffId: managerStaffId === '' ? null : managerStaffId,
        active,
      };
      if (unit) await api.patch(`/admin/units/${unit.id}`, fields);
      else await api.post('/admin/units', fields);
      return `واحد ${nameFa} ذخیره شد.`;
    });
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-label={unit ? 'ویرایش واحد' : 'واحد تازه'}>
      <h2>{unit ? `ویرایش ${unit.nameFa}` : 'واحد تازه'}</h2>
      {problemLine}
      <TextInput
        id="unit-code"
        label="کد واحد (لاتین، در گروه‌های کاری فرایندها به کار می‌رود)"
        error={errors.code}
        value={code}
        onChange={setCode}
        ltr
        disabled={unit?.codeFixed}
      />
      {unit?.codeFixed && (
        <p className="small muted">کد این واحد در کارها و پرونده‌ها به کار رفته است و تغییر نمی‌کند.</p>
      )}
      <TextInput id="unit-name" label="نام واحد" error={errors.nameFa} value={nameFa} onChange={setNameFa} />
      <TextInput
        id="unit-name-en"
        label="نام انگلیسی"
        error={errors.nameEn}
        value={nameEn}
        onChange={setNameEn}
        ltr
      />
      <Field id="unit-manager" label="مدیر واحد" error={errors.managerStaffId}>
        <select
          id="unit-manager"
          value={managerStaffId}
          onChange={(e) => setManager(e.target.value === '' ? '' : Number(e.target.value))}
        >
          <option value="">—</option>
          {d.staff
            .filter((s) => s.active)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.fullNameFa}
              </option>
            ))}
        </select>
      </Field>
      <label className="choices">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> واحد فعال است
      </label>
      <button type="submit">ذخیره</button>
    </form>
  );
}
