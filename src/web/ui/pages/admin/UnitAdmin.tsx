import { useState, type FormEvent } from 'react';
import { api } from '../../api.js';
import { faNumber } from '../../format.js';
import type { Directory, UnitView } from './directory.js';
import { Field } from '../../components/Field.js';
import { EditableList, TextInput, useSave } from './editing.js';

export function UnitAdmin({ d, reload }: { d: Directory; reload(): void }) {
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
