import { Migration } from '@mikro-orm/migrations';

export class Migration20261126084517_preferences extends Migration {

  override name = 'Migration20261126084517_preferences';

  override up(): void | Promise<void> {
    this.addSql(`alter table "app_user" add "theme" varchar(10) not null default 'system', add "notice_toasts" boolean not null default true;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "app_user" drop column "theme", drop column "notice_toasts";`);
  }

}
