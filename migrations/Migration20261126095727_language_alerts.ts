import { Migration } from '@mikro-orm/migrations';

export class Migration20261126095727_language_alerts extends Migration {

  override name = 'Migration20261126095727_language_alerts';

  override up(): void | Promise<void> {
    this.addSql(`alter table "app_user" add "language" varchar(5) null, add "email_alerts" boolean not null default false;`);

    this.addSql(`alter table "branch_notice" add "urgent" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "app_user" drop column "language", drop column "email_alerts";`);

    this.addSql(`alter table "branch_notice" drop column "urgent";`);
  }

}
