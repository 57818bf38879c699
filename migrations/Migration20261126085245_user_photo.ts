import { Migration } from '@mikro-orm/migrations';

export class Migration20261126085245_user_photo extends Migration {

  override name = 'Migration20261126085245_user_photo';

  override up(): void | Promise<void> {
    this.addSql(`create table "user_photo" ("user_id" uuid not null, "content_type" varchar(20) not null, "data" bytea not null, "updated_at" timestamptz not null, primary key ("user_id"));`);

    this.addSql(`alter table "user_photo" add constraint "user_photo_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "user_photo" cascade;`);
  }

}
