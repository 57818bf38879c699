import { Migration } from '@mikro-orm/migrations';

export class Migration20261126125534_queue_boards_jobs extends Migration {

  override name = 'Migration20261126125534_queue_boards_jobs';

  override up(): void | Promise<void> {
    this.addSql(`create table "queue_token_counter" ("branch_id" uuid not null, "day" date not null, "prefix" varchar(2) not null, "last" int not null, primary key ("branch_id", "day", "prefix"));`);

    this.addSql(`create table "scheduled_job" ("id" bigserial primary key, "kind" varchar(40) not null, "dedupe_key" varchar(200) not null, "payload" jsonb not null, "run_at" timestamptz not null, "status" varchar(10) not null default 'pending', "attempts" int not null default 0, "last_error" varchar(500) null, "done_by" varchar(80) null, "created_at" timestamptz not null, "finished_at" timestamptz null);`);
    this.addSql(`alter table "scheduled_job" add constraint "scheduled_job_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create index "scheduled_job_status_run_at_index" on "scheduled_job" ("status", "run_at");`);

    this.addSql(`create table "board_device" ("id" uuid not null, "hospital_id" uuid not null, "branch_id" uuid not null, "name" varchar(80) not null, "pairing_code_hash" varchar(64) null, "pairing_expires_at" timestamptz null, "token_hash" varchar(64) null, "paired_at" timestamptz null, "last_seen_at" timestamptz null, "revoked_at" timestamptz null, "created_by_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "board_device" add constraint "board_device_pairing_code_hash_unique" unique ("pairing_code_hash");`);
    this.addSql(`alter table "board_device" add constraint "board_device_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "board_device_branch_id_index" on "board_device" ("branch_id");`);

    this.addSql(`create table "queue_entry" ("id" uuid not null, "hospital_id" uuid not null, "branch_id" uuid not null, "day" date not null, "token" varchar(12) not null, "prefix" varchar(2) not null, "number" int not null, "patient_id" uuid not null, "appointment_id" uuid null, "service_id" uuid null, "practitioner_id" uuid null, "status" varchar(12) not null default 'waiting', "priority" boolean not null default false, "priority_reason" varchar(200) null, "position" double precision not null, "room_id" uuid null, "called_by_id" uuid null, "checked_in_at" timestamptz not null, "called_at" timestamptz null, "started_at" timestamptz null, "finished_at" timestamptz null, "created_by_id" uuid not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "queue_entry_branch_id_day_status_index" on "queue_entry" ("branch_id", "day", "status");`);
    this.addSql(`alter table "queue_entry" add constraint "queue_entry_branch_id_day_token_unique" unique ("branch_id", "day", "token");`);

    this.addSql(`create table "user_notification" ("id" uuid not null, "hospital_id" uuid not null, "branch_id" uuid null, "user_id" uuid not null, "kind" varchar(40) not null, "params" jsonb not null, "link" varchar(300) null, "created_at" timestamptz not null, "read_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "user_notification_user_id_created_at_index" on "user_notification" ("user_id", "created_at");`);

    this.addSql(`create table "waitlist_entry" ("id" uuid not null, "hospital_id" uuid not null, "branch_id" uuid not null, "patient_id" uuid not null, "service_id" uuid not null, "practitioner_id" uuid null, "time_of_day" varchar(10) not null default 'any', "earliest_day" date null, "latest_day" date null, "notes" varchar(300) null, "status" varchar(10) not null default 'waiting', "booked_appointment_id" uuid null, "created_by_id" uuid not null, "created_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "waitlist_entry_branch_id_service_id_status_index" on "waitlist_entry" ("branch_id", "service_id", "status");`);

    this.addSql(`alter table "hospital" add "reminder_lead_minutes" int null;`);

    // Hand-written: an appointment is checked in once, and a patient waits in one line at a time.
    this.addSql(`create unique index "queue_entry_one_per_appointment" on "queue_entry" ("appointment_id") where appointment_id is not null;`);
    this.addSql(`create unique index "queue_entry_one_active_per_patient" on "queue_entry" ("branch_id", "day", "patient_id") where status in ('waiting', 'called', 'in-service');`);
    // Hand-written: orders a branch's queue snapshots, so a screen keeps the newest it has seen.
    this.addSql(`create sequence "queue_snapshot_seq";`);

    this.addSql(`alter table "branch" add "languages" text[] not null default '{en,hi}';`);



    this.addSql(`alter table "queue_token_counter" add constraint "queue_token_counter_branch_id_foreign" foreign key ("branch_id") references "branch" ("id") on delete cascade;`);

    this.addSql(`alter table "scheduled_job" add constraint "scheduled_job_status" check (status in ('pending', 'done', 'failed', 'skipped'));`);

    this.addSql(`alter table "board_device" add constraint "board_device_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "board_device" add constraint "board_device_branch_id_foreign" foreign key ("branch_id") references "branch" ("id");`);
    this.addSql(`alter table "board_device" add constraint "board_device_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id");`);

    this.addSql(`alter table "queue_entry" add constraint "queue_entry_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "queue_entry" add constraint "queue_entry_branch_id_foreign" foreign key ("branch_id") references "branch" ("id");`);
    this.addSql(`alter table "queue_entry" add constraint "queue_entry_patient_id_foreign" foreign key ("patient_id") references "patient" ("id");`);
    this.addSql(`alter table "queue_entry" add constraint "queue_entry_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on delete set null;`);
    this.addSql(`alter table "queue_entry" add constraint "queue_entry_service_id_foreign" foreign key ("service_id") references "clinic_service" ("id") on delete set null;`);
    this.addSql(`alter table "queue_entry" add constraint "queue_entry_practitioner_id_foreign" foreign key ("practitioner_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "queue_entry" add constraint "queue_entry_room_id_foreign" foreign key ("room_id") references "room" ("id") on delete set null;`);
    this.addSql(`alter table "queue_entry" add constraint "queue_entry_called_by_id_foreign" foreign key ("called_by_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "queue_entry" add constraint "queue_entry_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id");`);
    this.addSql(`alter table "queue_entry" add constraint "queue_entry_status" check (status in ('waiting', 'called', 'in-service', 'done', 'left'));`);
    this.addSql(`alter table "queue_entry" add constraint "queue_entry_number" check (number > 0);`);

    this.addSql(`alter table "user_notification" add constraint "user_notification_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "user_notification" add constraint "user_notification_branch_id_foreign" foreign key ("branch_id") references "branch" ("id") on delete set null;`);
    this.addSql(`alter table "user_notification" add constraint "user_notification_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);

    this.addSql(`alter table "waitlist_entry" add constraint "waitlist_entry_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "waitlist_entry" add constraint "waitlist_entry_branch_id_foreign" foreign key ("branch_id") references "branch" ("id");`);
    this.addSql(`alter table "waitlist_entry" add constraint "waitlist_entry_patient_id_foreign" foreign key ("patient_id") references "patient" ("id");`);
    this.addSql(`alter table "waitlist_entry" add constraint "waitlist_entry_service_id_foreign" foreign key ("service_id") references "clinic_service" ("id");`);
    this.addSql(`alter table "waitlist_entry" add constraint "waitlist_entry_practitioner_id_foreign" foreign key ("practitioner_id") references "app_user" ("id") on delete set null;`);
    this.addSql(`alter table "waitlist_entry" add constraint "waitlist_entry_booked_appointment_id_foreign" foreign key ("booked_appointment_id") references "appointment" ("id") on delete set null;`);
    this.addSql(`alter table "waitlist_entry" add constraint "waitlist_entry_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id");`);
    this.addSql(`alter table "waitlist_entry" add constraint "waitlist_entry_status" check (status in ('waiting', 'booked', 'removed'));`);
    this.addSql(`alter table "waitlist_entry" add constraint "waitlist_entry_time_of_day" check (time_of_day in ('any', 'morning', 'afternoon', 'evening'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop sequence if exists "queue_snapshot_seq";`);
    this.addSql(`drop table if exists "queue_token_counter" cascade;`);
    this.addSql(`drop table if exists "scheduled_job" cascade;`);
    this.addSql(`drop table if exists "board_device" cascade;`);
    this.addSql(`drop table if exists "queue_entry" cascade;`);
    this.addSql(`drop table if exists "user_notification" cascade;`);
    this.addSql(`drop table if exists "waitlist_entry" cascade;`);



    this.addSql(`alter table "branch" drop column "languages";`);

    this.addSql(`alter table "hospital" drop column "reminder_lead_minutes";`);
  }

}
