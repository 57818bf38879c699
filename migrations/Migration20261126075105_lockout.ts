import { Migration } from '@mikro-orm/migrations';

export class Migration20261126075105_lockout extends Migration {

  override name = 'Migration20261126075105_lockout';

  override up(): void | Promise<void> {
    this.addSql(`alter table "app_user" add "failed_attempts" int not null default 0, add "locked_until" timestamptz null, add "lock_count" int not null default 0;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "app_user" drop column "failed_attempts", drop column "locked_until", drop column "lock_count";`);
  }

}
