import { Migration } from '@mikro-orm/migrations';

export class Migration20261126102356_patient_files_imports_accounts extends Migration {

  override name = 'Migration20261126102356_patient_files_imports_accounts';

  override up(): void | Promise<void> {
    this.addSql(`create table "patient_import" ("id" uuid not null, "hospital_id" uuid not null, "branch_id" uuid not null, "created_by_id" uuid not null, "status" varchar(12) not null, "source_system" varchar(60) not null, "file_name" varchar(200) not null, "storage_key" varchar(200) not null, "delimiter" varchar(1) null, "mapping" jsonb null, "good_rows_only" boolean not null default false, "total_rows" int not null default 0, "valid_rows" int not null default 0, "error_rows" int not null default 0, "imported_rows" int not null default 0, "skipped_rows" int not null default 0, "report" jsonb null, "cancel_requested" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, "finished_at" timestamptz null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "patient_import_hospital_id_created_at_index" on "patient_import" ("hospital_id", "created_at");`);

    this.addSql(`create table "patient_file" ("id" uuid not null, "hospital_id" uuid not null, "patient_id" uuid not null, "kind" varchar(10) not null, "content_type" varchar(60) not null, "file_name" varchar(200) not null, "byte_size" int not null, "sha256" varchar(64) not null, "storage_key" varchar(200) not null, "thumbnail_key" varchar(200) null, "body_area" varchar(60) null, "view" varchar(20) null, "taken_on" date null, "treatment_session" varchar(120) null, "phase" varchar(10) null, "title" varchar(200) null, "uploaded_by_id" uuid not null, "created_at" timestamptz not null, "deleted_at" timestamptz null, "deleted_by_id" uuid null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "patient_file_patient_id_kind_created_at_index" on "patient_file" ("patient_id", "kind", "created_at");`);

    this.addSql(`alter table "app_user" add "patient_id" uuid null;`);
    this.addSql(`alter table "app_user" add constraint "app_user_patient_id_unique" unique ("patient_id");`);

    this.addSql(`alter table "patient_import" add constraint "patient_import_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "patient_import" add constraint "patient_import_branch_id_foreign" foreign key ("branch_id") references "branch" ("id");`);
    this.addSql(`alter table "patient_import" add constraint "patient_import_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id");`);
    this.addSql(`alter table "patient_import" add constraint "patient_import_status" check (status in ('uploaded', 'checking', 'checked', 'importing', 'completed', 'cancelled', 'failed'));`);

    this.addSql(`alter table "patient_file" add constraint "patient_file_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "patient_file" add constraint "patient_file_patient_id_foreign" foreign key ("patient_id") references "patient" ("id");`);
    this.addSql(`alter table "patient_file" add constraint "patient_file_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id");`);
    this.addSql(`alter table "patient_file" add constraint "patient_file_deleted_by_id_foreign" foreign key ("deleted_by_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "patient_file" add constraint "patient_file_kind" check (kind in ('document', 'photo'));`);
    this.addSql(`alter table "patient_file" add constraint "patient_file_view" check (view in ('front', 'left', 'right', 'back', 'close-up', 'other'));`);
    this.addSql(`alter table "patient_file" add constraint "patient_file_phase" check (phase in ('before', 'after'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "patient_import" cascade;`);
    this.addSql(`drop table if exists "patient_file" cascade;`);

    this.addSql(`alter table "app_user" drop constraint "app_user_patient_id_unique";`);
    this.addSql(`alter table "app_user" drop column "patient_id";`);
  }

}
