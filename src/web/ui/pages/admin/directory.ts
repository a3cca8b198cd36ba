import { api } from '../../api.js';

/** What the administration pages read from /api/admin: staff, units and the roles there are. */
export interface StaffView {
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

export interface UnitView {
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

export interface Role {
  readonly id: string;
  readonly labelFa: string;
  readonly perUnit: boolean;
}

export interface Directory {
  readonly staff: StaffView[];
  readonly units: UnitView[];
  readonly roles: Role[];
}

export async function loadDirectory(): Promise<Directory> {
  const [{ staff }, { units }, { roles }] = await Promise.all([
    api.get<{ staff: StaffView[] }>('/admin/staff'),
    api.get<{ units: UnitView[] }>('/admin/units'),
    api.get<{ roles: Role[] }>('/admin/roles'),
  ]);
  return { staff, units, roles };
}
