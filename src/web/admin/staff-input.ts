import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../domain/passwords.js';
import { emailField, idField, mobileField } from './validation.js';

/** As the staff table's check: lower-case Latin letter first, then 1–39 of a–z, 0–9, `.`, `_`, `-`. */
const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{1,39}$/, {
    message:
      'نام کاربری ۲ تا ۴۰ نویسه است: با حرف لاتین آغاز می‌شود و جز آن فقط a تا z، ۰ تا ۹، نقطه، - و _ دارد',
  });

const fullNameFa = z.string().trim().min(1).max(200);

const password = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);

/** Role ids (`mcc-expert`), a unit manager's as `unit-manager:<unitCode>` or plain `unit-manager` (own unit). */
const roles = z.array(z.string().max(80)).max(20);

const NOT_THE_USERNAME = {
  message: 'گذرواژه نباید همان نام کاربری باشد',
  path: ['password'],
};

/** POST /api/admin/staff */
export const newStaffBody = z
  .object({
    username,
    fullNameFa,
    email: emailField.optional(),
    mobile: mobileField.optional(),
    unitId: idField.optional(),
    roles: roles.default([]),
    password,
    active: z.boolean().default(true),
  })
  .strict()
  .refine((s) => String(s.password).toLowerCase() !== s.username, NOT_THE_USERNAME);
export type NewStaff = z.output<typeof newStaffBody>;

/** PATCH /api/admin/staff/:id — only the fields given change; `roles` replaces the whole set. */
export const staffChangesBody = z
  .object({
    fullNameFa: fullNameFa.optional(),
    email: emailField.optional(),
    mobile: mobileField.optional(),
    unitId: idField.optional(),
    roles: roles.optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type StaffChanges = z.output<typeof staffChangesBody>;

/** POST /api/admin/staff/:id/password */
export const passwordBody = z.object({ password }).strict();
