import { Migration } from '@mikro-orm/migrations';

export class Migration20261126104257_scheduling extends Migration {

  override name = 'Migration20261126104257_scheduling';

  override up(): void | Promise<void> {
    // Exclusion constraints compare uuids with = beside time ranges: that needs btree_gist (a trusted extension).
    this.addSql(`create extension if not exists btree_gist;`);
    this.addSql(`create table "clinic_service" ("id" uuid not null, "hospital_id" uuid not null, "name" varchar(120) not null, "category" varchar(20) not null, "duration_minutes" int not null, "buffer_minutes" int not null default 0, "price_paise" int not null, "tax_rate_bp" int not null default 0, "room_type" varchar(30) not null, "device_types" text[] not null default '{}', "active" boolean not null default true, "created_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "clinic_service" add constraint "clinic_service_hospital_id_name_unique" unique ("hospital_id", "name");`);

    this.addSql(`create table "branch_holiday" ("id" uuid not null, "hospital_id" uuid not null, "branch_id" uuid not null, "day" date not null, "name" varchar(120) not null, primary key ("id"));`);
    this.addSql(`alter table "branch_holiday" add constraint "branch_holiday_branch_id_day_unique" unique ("branch_id", "day");`);

    this.addSql(`create table "room" ("id" uuid not null, "hospital_id" uuid not null, "branch_id" uuid not null, "name" varchar(60) not null, "type" varchar(30) not null, "in_service" boolean not null default true, "out_of_service_reason" varchar(200) null, "sort_order" int not null default 0, "created_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "room" add constraint "room_branch_id_name_unique" unique ("branch_id", "name");`);

    this.addSql(`create table "device" ("id" uuid not null, "hospital_id" uuid not null, "branch_id" uuid not null, "name" varchar(80) not null, "type" varchar(40) not null, "room_id" uuid null, "in_service" boolean not null default true, "out_of_service_reason" varchar(200) null, "created_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "device" add constraint "device_branch_id_name_unique" unique ("branch_id", "name");`);

    this.addSql(`create table "slot_hold" ("id" uuid not null, "hospital_id" uuid not null, "branch_id" uuid not null, "practitioner_id" uuid not null, "room_id" uuid not null, "service_id" uuid not null, "starts_at" timestamptz not null, "busy_until" timestamptz not null, "held_by_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "slot_hold_branch_id_starts_at_index" on "slot_hold" ("branch_id", "starts_at");`);
    this.addSql(`create index "slot_hold_expires_at_index" on "slot_hold" ("expires_at");`);

    this.addSql(`create table "service_practitioner" ("service_id" uuid not null, "user_id" uuid not null, primary key ("service_id", "user_id"));`);

    this.addSql(`create table "leave" ("id" uuid not null, "hospital_id" uuid not null, "branch_id" uuid null, "user_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "reason" varchar(200) null, primary key ("id"));`);
    this.addSql(`create index "leave_user_id_starts_at_index" on "leave" ("user_id", "starts_at");`);

    this.addSql(`create table "appointment" ("id" uuid not null, "hospital_id" uuid not null, "branch_id" uuid not null, "patient_id" uuid not null, "service_id" uuid not null, "practitioner_id" uuid not null, "room_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "busy_until" timestamptz not null, "status" varchar(16) not null default 'booked', "cancel_reason" varchar(200) null, "notes" varchar(500) null, "series_id" uuid null, "created_by_id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "appointment_branch_id_starts_at_index" on "appointment" ("branch_id", "starts_at");`);
    this.addSql(`create index "appointment_patient_id_starts_at_index" on "appointment" ("patient_id", "starts_at");`);

    this.addSql(`create table "appointment_event" ("id" bigserial primary key, "appointment_id" uuid not null, "kind" varchar(20) not null, "before" jsonb null, "after" jsonb null, "by_id" uuid null, "at" timestamptz not null);`);
    this.addSql(`create index "appointment_event_appointment_id_at_index" on "appointment_event" ("appointment_id", "at");`);

    this.addSql(`create table "appointment_device" ("appointment_id" uuid not null, "device_id" uuid not null, "starts_at" timestamptz not null, "busy_until" timestamptz not null, "active" boolean not null default true, primary key ("appointment_id", "device_id"));`);

    this.addSql(`create table "working_hours" ("id" uuid not null, "hospital_id" uuid not null, "branch_id" uuid not null, "user_id" uuid not null, "weekday" smallint not null, "starts_at" time(0) not null, "ends_at" time(0) not null, "kind" varchar(8) not null default 'work', primary key ("id"));`);
    this.addSql(`create index "working_hours_branch_id_user_id_weekday_index" on "working_hours" ("branch_id", "user_id", "weekday");`);

    this.addSql(`alter table "clinic_service" add constraint "clinic_service_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "clinic_service" add constraint "clinic_service_category" check (category in ('consultation', 'laser', 'injectable', 'peel', 'facial', 'surgery', 'follow-up'));`);
    this.addSql(`alter table "clinic_service" add constraint "clinic_service_duration" check (duration_minutes > 0 and duration_minutes <= 720 and buffer_minutes >= 0 and buffer_minutes <= 240);`);
    this.addSql(`alter table "clinic_service" add constraint "clinic_service_money" check (price_paise >= 0 and tax_rate_bp >= 0 and tax_rate_bp <= 10000);`);

    this.addSql(`alter table "branch_holiday" add constraint "branch_holiday_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "branch_holiday" add constraint "branch_holiday_branch_id_foreign" foreign key ("branch_id") references "branch" ("id");`);

    this.addSql(`alter table "room" add constraint "room_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "room" add constraint "room_branch_id_foreign" foreign key ("branch_id") references "branch" ("id");`);

    this.addSql(`alter table "device" add constraint "device_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "device" add constraint "device_branch_id_foreign" foreign key ("branch_id") references "branch" ("id");`);
    this.addSql(`alter table "device" add constraint "device_room_id_foreign" foreign key ("room_id") references "room" ("id") on delete set null;`);

    this.addSql(`alter table "slot_hold" add constraint "slot_hold_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "slot_hold" add constraint "slot_hold_branch_id_foreign" foreign key ("branch_id") references "branch" ("id");`);
    this.addSql(`alter table "slot_hold" add constraint "slot_hold_practitioner_id_foreign" foreign key ("practitioner_id") references "app_user" ("id");`);
    this.addSql(`alter table "slot_hold" add constraint "slot_hold_room_id_foreign" foreign key ("room_id") references "room" ("id");`);
    this.addSql(`alter table "slot_hold" add constraint "slot_hold_service_id_foreign" foreign key ("service_id") references "clinic_service" ("id");`);
    this.addSql(`alter table "slot_hold" add constraint "slot_hold_held_by_id_foreign" foreign key ("held_by_id") references "app_user" ("id");`);

    this.addSql(`alter table "service_practitioner" add constraint "service_practitioner_service_id_foreign" foreign key ("service_id") references "clinic_service" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "service_practitioner" add constraint "service_practitioner_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "leave" add constraint "leave_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "leave" add constraint "leave_branch_id_foreign" foreign key ("branch_id") references "branch" ("id") on delete set null;`);
    this.addSql(`alter table "leave" add constraint "leave_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);
    this.addSql(`alter table "leave" add constraint "leave_order" check (starts_at < ends_at);`);

    this.addSql(`alter table "appointment" add constraint "appointment_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "appointment" add constraint "appointment_branch_id_foreign" foreign key ("branch_id") references "branch" ("id");`);
    this.addSql(`alter table "appointment" add constraint "appointment_patient_id_foreign" foreign key ("patient_id") references "patient" ("id");`);
    this.addSql(`alter table "appointment" add constraint "appointment_service_id_foreign" foreign key ("service_id") references "clinic_service" ("id");`);
    this.addSql(`alter table "appointment" add constraint "appointment_practitioner_id_foreign" foreign key ("practitioner_id") references "app_user" ("id");`);
    this.addSql(`alter table "appointment" add constraint "appointment_room_id_foreign" foreign key ("room_id") references "room" ("id");`);
    this.addSql(`alter table "appointment" add constraint "appointment_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id");`);
    this.addSql(`alter table "appointment" add constraint "appointment_status" check (status in ('booked', 'confirmed', 'checked-in', 'in-consultation', 'completed', 'cancelled', 'no-show'));`);
    this.addSql(`alter table "appointment" add constraint "appointment_order" check (starts_at < ends_at and ends_at <= busy_until);`);

    this.addSql(`alter table "appointment_event" add constraint "appointment_event_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on delete cascade;`);
    this.addSql(`alter table "appointment_event" add constraint "appointment_event_by_id_foreign" foreign key ("by_id") references "app_user" ("id") on delete set null;`);

    this.addSql(`alter table "appointment_device" add constraint "appointment_device_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "appointment_device" add constraint "appointment_device_device_id_foreign" foreign key ("device_id") references "device" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "working_hours" add constraint "working_hours_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "working_hours" add constraint "working_hours_branch_id_foreign" foreign key ("branch_id") references "branch" ("id");`);
    this.addSql(`alter table "working_hours" add constraint "working_hours_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);
    this.addSql(`alter table "working_hours" add constraint "working_hours_weekday" check ((weekday >= 0) AND (weekday <= 6));`);
    this.addSql(`alter table "working_hours" add constraint "working_hours_order" check (starts_at < ends_at);`);
    this.addSql(`alter table "working_hours" add constraint "working_hours_kind" check (kind in ('work', 'break'));`);

    // Written by hand (the schema diff cannot see exclusion constraints, and proposes dropping them:
    // delete such lines from a generated migration). A practitioner, a room or a device can never be
    // booked twice for overlapping time, whatever the application does.
    this.addSql(`alter table "appointment" add constraint "appointment_practitioner_no_overlap" exclude using gist ("practitioner_id" with =, tstzrange("starts_at", "busy_until") with &&) where ("status" not in ('cancelled', 'no-show'));`);
    this.addSql(`alter table "appointment" add constraint "appointment_room_no_overlap" exclude using gist ("room_id" with =, tstzrange("starts_at", "busy_until") with &&) where ("status" not in ('cancelled', 'no-show'));`);
    this.addSql(`alter table "appointment_device" add constraint "appointment_device_no_overlap" exclude using gist ("device_id" with =, tstzrange("starts_at", "busy_until") with &&) where ("active");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "slot_hold" drop constraint "slot_hold_service_id_foreign";`);
    this.addSql(`alter table "service_practitioner" drop constraint "service_practitioner_service_id_foreign";`);
    this.addSql(`alter table "appointment" drop constraint "appointment_service_id_foreign";`);
    this.addSql(`alter table "device" drop constraint "device_room_id_foreign";`);
    this.addSql(`alter table "slot_hold" drop constraint "slot_hold_room_id_foreign";`);
    this.addSql(`alter table "appointment" drop constraint "appointment_room_id_foreign";`);
    this.addSql(`alter table "appointment_device" drop constraint "appointment_device_device_id_foreign";`);
    this.addSql(`alter table "appointment_event" drop constraint "appointment_event_appointment_id_foreign";`);
    this.addSql(`alter table "appointment_device" drop constraint "appointment_device_appointment_id_foreign";`);

    this.addSql(`drop table if exists "clinic_service" cascade;`);
    this.addSql(`drop table if exists "branch_holiday" cascade;`);
    this.addSql(`drop table if exists "room" cascade;`);
    this.addSql(`drop table if exists "device" cascade;`);
    this.addSql(`drop table if exists "slot_hold" cascade;`);
    this.addSql(`drop table if exists "service_practitioner" cascade;`);
    this.addSql(`drop table if exists "leave" cascade;`);
    this.addSql(`drop table if exists "appointment" cascade;`);
    this.addSql(`drop table if exists "appointment_event" cascade;`);
    this.addSql(`drop table if exists "appointment_device" cascade;`);
    this.addSql(`drop table if exists "working_hours" cascade;`);
  }

}
