import { sqlMigration } from './types.js';

/** Units of the chamber, staff (users), their roles (the glossary's role ids) and unit membership. */
export default sqlMigration(
  '002_organisation',
  `
  create table units (
    id integer generated always as identity primary key,
    code text not null
      constraint units__code__format check (code ~ '^[a-z][a-z0-9-]{1,39}$'),
    name_fa text not null constraint units__name_fa__not_blank check (btrim(name_fa) <> ''),
    name_en text,
    parent_id integer references units (id),
    manager_staff_id integer,
    is_active boolean not null default true,
    created_at timestamptz not null default now(),
    constraint units__code__unique unique (code)
  );

  create table staff (
    id integer generated always as identity primary key,
    username text not null
      constraint staff__username__format check (username ~ '^[a-z][a-z0-9._-]{1,39}$'),
    full_name_fa text not null constraint staff__full_name_fa__not_blank check (btrim(full_name_fa) <> ''),
    email text constraint staff__email__format check (email ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'),
    mobile text constraint staff__mobile__format check (mobile ~ '^09[0-9]{9}$'),
    password_hash text,
    is_active boolean not null default true,
    failed_sign_ins integer not null default 0 constraint staff__failed_sign_ins__non_negative check (failed_sign_ins >= 0),
    locked_until timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint staff__username__unique unique (username)
  );
  create trigger staff_touch before update on staff for each row execute function touch_updated_at();

  alter table units add constraint units__manager_staff_id__fkey
    foreign key (manager_staff_id) references staff (id);

  create table staff_units (
    staff_id integer not null references staff (id) on delete cascade,
    unit_id integer not null references units (id),
    is_primary boolean not null default false,
    primary key (staff_id, unit_id)
  );
  create unique index staff_units__one_primary on staff_units (staff_id) where is_primary;

  create table staff_roles (
    id integer generated always as identity primary key,
    staff_id integer not null references staff (id) on delete cascade,
    role text not null constraint staff_roles__role__known check (role in (
      'mcc-manager', 'mcc-expert', 'secretary-general', 'sg-representative', 'president',
      'strategy-manager', 'admin-assistant', 'unit-manager', 'auditor', 'administrator')),
    unit_id integer references units (id),
    constraint staff_roles__unit_id__only_for_unit_manager check ((role = 'unit-manager') = (unit_id is not null)),
    constraint staff_roles__role__unique unique nulls not distinct (staff_id, role, unit_id)
  );
  create index staff_roles__role on staff_roles (role);

  -- The candidate groups a user belongs to, as BPMN user tasks name them (unit managers per unit).
  create view staff_candidate_groups as
    select r.staff_id,
           case when r.role = 'unit-manager' then 'unit-manager:' || u.code else r.role end as group_id
      from staff_roles r left join units u on u.id = r.unit_id;

  -- Thresholds and targets an administrator may change (R-CALL-08, R-ISO-02, R-ISO-06 ...).
  create table settings (
    key text primary key constraint settings__key__format check (key ~ '^[a-z][a-z0-9_.-]*$'),
    value jsonb not null,
    description_fa text,
    updated_at timestamptz not null default now(),
    updated_by_staff_id integer references staff (id)
  );
  `,
  `
  drop table settings;
  drop view staff_candidate_groups;
  drop table staff_roles;
  drop table staff_units;
  alter table units drop constraint units__manager_staff_id__fkey;
  drop table staff;
  drop table units;
  `,
);
