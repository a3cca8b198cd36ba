import { sqlMigration } from './types.js';

/** The member database (form ME-FR-03-01-01, R-MTG-02, R-MTG-03). */
export default sqlMigration(
  '003_members',
  `
  create table members (
    id integer generated always as identity primary key,
    membership_no text not null
      constraint members__membership_no__format check (membership_no ~ '^[0-9]{4,12}$'),
    membership_valid_until date,
    legal_name text not null constraint members__legal_name__not_blank check (btrim(legal_name) <> ''),
    trade_name text,
    member_type text not null
      constraint members__member_type__known check (member_type in ('company', 'person', 'guild')),
    national_id text constraint members__national_id__format check (
      (member_type = 'person' and national_id ~ '^[0-9]{10}$')
      or (member_type <> 'person' and national_id ~ '^[0-9]{10,11}$')),
    activity_fields text[] not null default '{}',
    products_services text[] not null default '{}',
    import_countries text[] not null default '{}'
      constraint members__import_countries__iso check (array_to_string(import_countries, ',') ~ '^([A-Z]{2}(,[A-Z]{2})*)?$'),
    export_countries text[] not null default '{}'
      constraint members__export_countries__iso check (array_to_string(export_countries, ',') ~ '^([A-Z]{2}(,[A-Z]{2})*)?$'),
    province text,
    city text,
    address text,
    postal_code text constraint members__postal_code__format check (postal_code ~ '^[0-9]{10}$'),
    website text,
    employees integer constraint members__employees__non_negative check (employees >= 0),
    specialist_data jsonb not null default '{}'
      constraint members__specialist_data__object check (jsonb_typeof(specialist_data) = 'object'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint members__membership_no__unique unique (membership_no),
    constraint members__national_id__unique unique (national_id)
  );
  create trigger members_touch before update on members for each row execute function touch_updated_at();
  create index members__legal_name on members (legal_name);
  create index members__activity_fields on members using gin (activity_fields);
  create index members__products_services on members using gin (products_services);
  create index members__import_countries on members using gin (import_countries);
  create index members__export_countries on members using gin (export_countries);

  create table member_contacts (
    id integer generated always as identity primary key,
    member_id integer not null references members (id) on delete cascade,
    kind text not null constraint member_contacts__kind__known check (kind in ('landline', 'mobile', 'email', 'fax')),
    value text not null,
    person_name text,
    position_fa text,
    is_primary boolean not null default false,
    constraint member_contacts__value__format check (
      (kind = 'email' and value ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')
      or (kind = 'mobile' and value ~ '^09[0-9]{9}$')
      or (kind in ('landline', 'fax') and value ~ '^0[1-8][0-9]{9}$')),
    constraint member_contacts__value__unique unique (member_id, kind, value)
  );
  create index member_contacts__value on member_contacts (value);
  `,
  `
  drop table member_contacts;
  drop table members;
  `,
);
