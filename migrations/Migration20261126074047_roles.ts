import { Migration } from '@mikro-orm/migrations';

export class Migration20261126074047_roles extends Migration {

  override name = 'Migration20261126074047_roles';

  override up(): void | Promise<void> {
    this.addSql(`create table "role" ("id" uuid not null, "hospital_id" uuid not null, "name" varchar(80) not null, "description" varchar(280) not null default '', "system_key" varchar(40) null, "permissions" text[] not null, "mfa_required" boolean not null default false, "version" int not null default 1, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "role" add constraint "role_hospital_id_name_unique" unique ("hospital_id", "name");`);

    this.addSql(`create table "role_assignment" ("id" uuid not null, "hospital_id" uuid not null, "user_id" uuid not null, "role_id" uuid not null, "branch_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "role_assignment_user_id_index" on "role_assignment" ("user_id");`);


    // Every hospital gets the system roles (as they were when this migration was written; the
    // app keeps their permissions in step with the code at start-up).
    this.addSql(`insert into "role" ("id", "hospital_id", "name", "description", "system_key", "permissions", "mfa_required", "created_at")
      select gen_random_uuid(), h.id, r.name, r.description, r.key, r.permissions, false, now()
      from "hospital" h cross join (values
      ('admin', 'Hospital admin', 'Runs the hospital: staff, roles, audit, every branch', array['users:read','users:manage','roles:manage','sessions:manage','audit:read','notices:read','notices:post','notices:clear-any']::text[]),
      ('manager', 'Branch manager', 'Runs a branch: sees its staff, clears notices, reads the audit trail', array['users:read','audit:read','notices:read','notices:post','notices:clear-any']::text[]),
      ('doctor', 'Doctor', 'Consults and treats patients', array['notices:read','notices:post']::text[]),
      ('nurse', 'Nurse / therapist', 'Assists and performs procedures', array['notices:read','notices:post']::text[]),
      ('reception', 'Receptionist', 'Registers patients, books, runs the queue', array['notices:read','notices:post']::text[]),
      ('pharmacist', 'Pharmacist', 'Dispenses and keeps stock', array['notices:read','notices:post']::text[]),
      ('accountant', 'Accountant', 'Invoices, payments and reports', array['notices:read','notices:post']::text[])
      ) as r(key, name, description, permissions);`);

    // Memberships become role assignments: an admin's is hospital-wide, the others stay in their branch.
    this.addSql(`insert into "role_assignment" ("id", "hospital_id", "user_id", "role_id", "branch_id", "created_at")
      select distinct on (m.user_id, r.id, case when m.role = 'admin' then null else m.branch_id end)
        gen_random_uuid(), m.hospital_id, m.user_id, r.id, case when m.role = 'admin' then null else m.branch_id end, now()
      from "branch_membership" m join "role" r on r.hospital_id = m.hospital_id and r.system_key = m.role;`);

    this.addSql(`create unique index "role_assignment_once" on "role_assignment" ("user_id", "role_id", coalesce("branch_id", '00000000-0000-0000-0000-000000000000'::uuid));`);
    this.addSql(`create unique index "role_system_key_once" on "role" ("hospital_id", "system_key") where "system_key" is not null;`);

    this.addSql(`drop table if exists "branch_membership" cascade;`);

    this.addSql(`alter table "role" add constraint "role_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);

    this.addSql(`alter table "role_assignment" add constraint "role_assignment_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "role_assignment" add constraint "role_assignment_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);
    this.addSql(`alter table "role_assignment" add constraint "role_assignment_role_id_foreign" foreign key ("role_id") references "role" ("id") on delete cascade;`);
    this.addSql(`alter table "role_assignment" add constraint "role_assignment_branch_id_foreign" foreign key ("branch_id") references "branch" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "role_assignment" drop constraint "role_assignment_role_id_foreign";`);

    this.addSql(`create table "branch_membership" ("branch_id" uuid not null, "hospital_id" uuid not null, "id" uuid not null, "role" varchar(40) not null, "user_id" uuid not null, primary key ("id"));`);
    this.addSql(`alter table "branch_membership" add constraint "branch_membership_user_id_branch_id_unique" unique ("user_id", "branch_id");`);

    this.addSql(`drop table if exists "role" cascade;`);
    this.addSql(`drop table if exists "role_assignment" cascade;`);

    this.addSql(`alter table "branch_membership" add constraint "branch_membership_branch_id_foreign" foreign key ("branch_id") references "branch" ("id") on delete cascade;`);
    this.addSql(`alter table "branch_membership" add constraint "branch_membership_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "branch_membership" add constraint "branch_membership_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);
  }

}
