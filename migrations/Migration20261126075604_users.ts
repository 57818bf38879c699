import { Migration } from '@mikro-orm/migrations';

export class Migration20261126075604_users extends Migration {

  override name = 'Migration20261126075604_users';

  override up(): void | Promise<void> {
    this.addSql(`create table "invitation" ("id" uuid not null, "hospital_id" uuid not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "created_by_id" uuid null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "invitation" add constraint "invitation_token_hash_unique" unique ("token_hash");`);

    this.addSql(`alter table "app_user" add "phone" varchar(20) null, add "version" int not null default 1;`);
    this.addSql(`alter table "app_user" alter column "password_hash" drop not null;`);

    this.addSql(`alter table "invitation" add constraint "invitation_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "invitation" add constraint "invitation_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);
    this.addSql(`alter table "invitation" add constraint "invitation_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "invitation" cascade;`);

    this.addSql(`alter table "app_user" drop column "phone", drop column "version";`);
    this.addSql(`alter table "app_user" alter column "password_hash" set not null;`);
  }

}
