import { Migration } from '@mikro-orm/migrations';

export class Migration20261126080627_mfa extends Migration {

  override name = 'Migration20261126080627_mfa';

  override up(): void | Promise<void> {
    this.addSql(`create table "mfa_totp" ("id" uuid not null, "user_id" uuid not null, "secret_enc" text not null, "confirmed_at" timestamptz null, "last_step" bigint not null default '0', "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "mfa_totp" add constraint "mfa_totp_user_id_unique" unique ("user_id");`);

    this.addSql(`create table "mfa_recovery_code" ("id" uuid not null, "user_id" uuid not null, "code_hash" varchar(64) not null, "used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "mfa_recovery_code_user_id_index" on "mfa_recovery_code" ("user_id");`);

    this.addSql(`alter table "session" add "mfa_pending" boolean not null default false, add "mfa_attempts" int not null default 0;`);

    this.addSql(`alter table "mfa_totp" add constraint "mfa_totp_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);

    this.addSql(`alter table "mfa_recovery_code" add constraint "mfa_recovery_code_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "mfa_totp" cascade;`);
    this.addSql(`drop table if exists "mfa_recovery_code" cascade;`);

    this.addSql(`alter table "session" drop column "mfa_pending", drop column "mfa_attempts";`);
  }

}
