import { Migration } from '@mikro-orm/migrations';

export class Migration20261126100312_patients extends Migration {

  override name = 'Migration20261126100312_patients';

  override up(): void | Promise<void> {
    // Typo-tolerant name search. pg_trgm is a trusted extension: the database owner may create it.
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create table "mrn_counter" ("hospital_id" uuid not null, "prefix" varchar(10) not null, "last_value" int not null, primary key ("hospital_id", "prefix"));`);

    this.addSql(`create table "patient" ("id" uuid not null, "hospital_id" uuid not null, "mrn" varchar(20) not null, "registered_at_branch_id" uuid not null, "full_name" varchar(200) not null, "preferred_name" varchar(120) null, "date_of_birth" date null, "date_of_birth_estimated" boolean not null default false, "sex" varchar(10) not null, "phone_enc" text null, "phone_idx" varchar(64) null, "email_enc" text null, "email_idx" varchar(64) null, "address_enc" text null, "emergency_contact_enc" text null, "government_id_enc" text null, "government_id_idx" varchar(64) null, "occupation" varchar(120) null, "referral_source" varchar(120) null, "preferred_language" varchar(40) null, "fitzpatrick_type" smallint null, "skin_concerns" text[] not null default '{}', "allergies_enc" text null, "medications_enc" text null, "conditions_enc" text null, "previous_procedures_enc" text null, "consent_photography" boolean not null default false, "consent_marketing" boolean not null default false, "consent_sms" boolean not null default false, "consent_email" boolean not null default false, "consent_whatsapp" boolean not null default false, "source_system" varchar(60) null, "source_id" varchar(120) null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "patient_phone_idx" on "patient" ("hospital_id", "phone_idx");`);
    this.addSql(`create index "patient_email_idx" on "patient" ("hospital_id", "email_idx");`);
    this.addSql(`create index "patient_government_id_idx" on "patient" ("hospital_id", "government_id_idx");`);
    this.addSql(`create index "patient_name_trgm" on "patient" using gin (lower("full_name") gin_trgm_ops);`);
    this.addSql(`create index "patient_recent" on "patient" ("hospital_id", "updated_at");`);
    this.addSql(`create unique index "patient_source_once" on "patient" ("hospital_id", "source_system", "source_id") where "source_id" is not null;`);
    this.addSql(`alter table "patient" add constraint "patient_mrn_once" unique ("hospital_id", "mrn");`);

    this.addSql(`create table "patient_history_entry" ("id" uuid not null, "hospital_id" uuid not null, "patient_id" uuid not null, "entry_date" date not null, "note_enc" text not null, "author_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "patient_history_entry_patient_id_entry_date_index" on "patient_history_entry" ("patient_id", "entry_date");`);

    this.addSql(`alter table "mrn_counter" add constraint "mrn_counter_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);

    this.addSql(`alter table "patient" add constraint "patient_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "patient" add constraint "patient_registered_at_branch_id_foreign" foreign key ("registered_at_branch_id") references "branch" ("id");`);
    this.addSql(`alter table "patient" add constraint "patient_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "patient" add constraint "patient_sex_known" check (sex in ('female', 'male', 'other', 'unknown'));`);
    this.addSql(`alter table "patient" add constraint "patient_fitzpatrick_range" check (fitzpatrick_type between 1 and 6);`);

    this.addSql(`alter table "patient_history_entry" add constraint "patient_history_entry_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "patient_history_entry" add constraint "patient_history_entry_patient_id_foreign" foreign key ("patient_id") references "patient" ("id");`);
    this.addSql(`alter table "patient_history_entry" add constraint "patient_history_entry_author_id_foreign" foreign key ("author_id") references "app_user" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "patient_history_entry" drop constraint "patient_history_entry_patient_id_foreign";`);

    this.addSql(`drop table if exists "mrn_counter" cascade;`);
    this.addSql(`drop table if exists "patient" cascade;`);
    this.addSql(`drop table if exists "patient_history_entry" cascade;`);
  }

}
