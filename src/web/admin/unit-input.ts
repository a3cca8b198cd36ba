import { z } from 'zod';
import { idField, optionalText } from './validation.js';

/** As the units table's check: lower-case Latin letter first, then 1–39 of a–z, 0–9, `-`. */
const code = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, {
    message: 'کد واحد ۲ تا ۴۰ نویسه است: با حرف لاتین آغاز می‌شود و جز آن فقط a تا z، ۰ تا ۹ و - دارد',
  });

const nameFa = z.string().trim().min(1).max(200);
const nameEn = optionalText(z.string().trim().max(200));

/** POST /api/admin/units */
export const newUnitBody = z
  .object({
    code,
    nameFa,
    nameEn: nameEn.optional(),
    managerStaffId: idField.optional(),
    active: z.boolean().default(true),
  })
  .strict();
export type NewUnit = z.output<typeof newUnitBody>;

/** PATCH /api/admin/units/:id — only the fields given change. */
export const unitChangesBody = z
  .object({
    code: code.optional(),
    nameFa: nameFa.optional(),
    nameEn: nameEn.optional(),
    managerStaffId: idField.optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UnitChanges = z.output<typeof unitChangesBody>;
