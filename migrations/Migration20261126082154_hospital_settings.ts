import { Migration } from '@mikro-orm/migrations';

export class Migration20261126082154_hospital_settings extends Migration {

  override name = 'Migration20261126082154_hospital_settings';

  override up(): void | Promise<void> {
    this.addSql(`alter table "hospital" add "session_idle_minutes" int null, add "version" int not null default 1;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "hospital" drop column "session_idle_minutes", drop column "version";`);
  }

}
