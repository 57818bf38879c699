import { Migration } from '@mikro-orm/migrations';

export class Migration20261126115726_idempotency extends Migration {

  override name = 'Migration20261126115726_idempotency';

  override up(): void | Promise<void> {
    this.addSql(`create table "idempotency_record" ("user_id" uuid not null, "key" varchar(200) not null, "scope" varchar(200) not null, "request_hash" varchar(64) not null, "status" int null, "response" text null, "created_at" timestamptz not null, primary key ("user_id", "key"));`);
    this.addSql(`create index "idempotency_record_created_at_index" on "idempotency_record" ("created_at");`);



    this.addSql(`alter table "idempotency_record" add constraint "idempotency_record_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "idempotency_record" cascade;`);


  }

}
