import { Migration } from '@mikro-orm/migrations';

export class Migration20261127003806_notice_on_board extends Migration {

  override name = 'Migration20261127003806_notice_on_board';

  override up(): void | Promise<void> {
    this.addSql(`alter table "branch_notice" add "on_board" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "branch_notice" drop column "on_board";`);
  }

}
