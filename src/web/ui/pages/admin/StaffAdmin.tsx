import { useState, type FormEvent } from 'react';
import { api } from '../../api.js';
import { Column } from '../../components/Column.js';
import { jalaliDateTime } from '../../format.js';
import type { Directory, Role, StaffView, UnitView } from './directory.js';
import { Field } from '../../components/Field.js';
import { EditableList, TextInput, useSave } from './editing.js';

export function StaffAdmin({ d, reload }: { d: Directory; reload(): void }) {
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
