import { Migration } from '@mikro-orm/migrations';

export class Migration20261127004941_job_steps extends Migration {

  override name = 'Migration20261127004941_job_steps';

  override up(): void | Promise<void> {
    this.addSql(`create table "job_step" ("job_id" bigint not null, "step" varchar(40) not null, "state" varchar(10) not null, "started_at" timestamptz not null, "finished_at" timestamptz null, primary key ("job_id", "step"));`);
    this.addSql(`alter table "job_step" add constraint "job_step_job_id_foreign" foreign key ("job_id") references "scheduled_job" ("id") on delete cascade;`);
    this.addSql(`alter table "job_step" add constraint "job_step_state" check (state in ('started', 'done'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "job_step" cascade;`);
  }

}
