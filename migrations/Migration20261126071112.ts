import { Migration } from '@mikro-orm/migrations';

export class Migration20261126071112 extends Migration {

  override name = 'Migration20261126071112';

  override up(): void | Promise<void> {
    this.addSql(`create table "hospital" ("id" uuid not null, "name" varchar(200) not null, "is_demo" boolean not null default false, "created_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`create table "branch" ("id" uuid not null, "hospital_id" uuid not null, "name" varchar(120) not null, "code" varchar(8) not null, "time_zone" varchar(64) not null, "address" text null, "phone" varchar(32) null, "tax_registration_number" varchar(32) null, "opening_hours" jsonb not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "branch" add constraint "branch_hospital_id_code_unique" unique ("hospital_id", "code");`);

    this.addSql(`create table "outbox_event" ("id" bigserial primary key, "room" varchar(120) not null, "event" varchar(80) not null, "payload" jsonb not null, "created_at" timestamptz not null default now(), "published_at" timestamptz null);`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("id") where published_at is null;`);

    this.addSql(`create table "app_user" ("id" uuid not null, "hospital_id" uuid not null, "name" varchar(120) not null, "email" varchar(254) not null, "password_hash" text not null, "active" boolean not null default true, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);

    this.addSql(`create table "session" ("id" varchar(32) not null, "user_id" uuid not null, "hospital_id" uuid not null, "secret_hash" varchar(64) not null, "created_at" timestamptz not null, "last_active_at" timestamptz not null, "expires_at" timestamptz not null, "ip" varchar(64) null, "user_agent" varchar(400) null, primary key ("id"));`);
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);

    this.addSql(`create table "branch_notice" ("id" uuid not null, "hospital_id" uuid not null, "branch_id" uuid not null, "message" varchar(280) not null, "posted_by_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz null, "cleared_at" timestamptz null, "cleared_by_id" uuid null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "branch_notice_branch_id_created_at_index" on "branch_notice" ("branch_id", "created_at");`);

    this.addSql(`create table "notice_dismissal" ("id" uuid not null, "notice_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "notice_dismissal" add constraint "notice_dismissal_notice_id_user_id_unique" unique ("notice_id", "user_id");`);

    this.addSql(`create table "branch_membership" ("id" uuid not null, "hospital_id" uuid not null, "user_id" uuid not null, "branch_id" uuid not null, "role" varchar(40) not null, primary key ("id"));`);
    this.addSql(`alter table "branch_membership" add constraint "branch_membership_user_id_branch_id_unique" unique ("user_id", "branch_id");`);

    this.addSql(`alter table "branch" add constraint "branch_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);

    this.addSql(`alter table "app_user" add constraint "app_user_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);

    this.addSql(`alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);
    this.addSql(`alter table "session" add constraint "session_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);

    this.addSql(`alter table "branch_notice" add constraint "branch_notice_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "branch_notice" add constraint "branch_notice_branch_id_foreign" foreign key ("branch_id") references "branch" ("id");`);
    this.addSql(`alter table "branch_notice" add constraint "branch_notice_posted_by_id_foreign" foreign key ("posted_by_id") references "app_user" ("id");`);
    this.addSql(`alter table "branch_notice" add constraint "branch_notice_cleared_by_id_foreign" foreign key ("cleared_by_id") references "app_user" ("id") on delete set null;`);

    this.addSql(`alter table "notice_dismissal" add constraint "notice_dismissal_notice_id_foreign" foreign key ("notice_id") references "branch_notice" ("id") on delete cascade;`);
    this.addSql(`alter table "notice_dismissal" add constraint "notice_dismissal_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);

    this.addSql(`alter table "branch_membership" add constraint "branch_membership_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "branch_membership" add constraint "branch_membership_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);
    this.addSql(`alter table "branch_membership" add constraint "branch_membership_branch_id_foreign" foreign key ("branch_id") references "branch" ("id") on delete cascade;`);
  }

}
