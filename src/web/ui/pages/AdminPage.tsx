import { useState } from 'react';
import { Load } from '../components/Status.js';
import { useLoad } from '../use-load.js';
import { loadDirectory } from './admin/directory.js';
import { StaffAdmin } from './admin/StaffAdmin.js';
import { UnitAdmin } from './admin/UnitAdmin.js';

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
