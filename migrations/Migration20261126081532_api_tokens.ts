import { Migration } from '@mikro-orm/migrations';

export class Migration20261126081532_api_tokens extends Migration {

  override name = 'Migration20261126081532_api_tokens';

  override up(): void | Promise<void> {
    this.addSql(`create table "api_token" ("id" varchar(32) not null, "hospital_id" uuid not null, "user_id" uuid not null, "name" varchar(80) not null, "secret_hash" varchar(64) not null, "permissions" text[] not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "api_token_user_id_index" on "api_token" ("user_id");`);

    this.addSql(`alter table "api_token" add constraint "api_token_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);
    this.addSql(`alter table "api_token" add constraint "api_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "api_token" cascade;`);
  }

}
