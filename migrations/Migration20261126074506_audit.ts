import { Migration } from '@mikro-orm/migrations';

export class Migration20261126074506_audit extends Migration {

  override name = 'Migration20261126074506_audit';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_event" ("id" bigserial primary key, "hospital_id" uuid null, "seq" bigint not null, "branch_id" uuid null, "actor_user_id" uuid null, "actor_label" varchar(200) not null, "action" varchar(80) not null, "target_type" varchar(60) null, "target_id" varchar(80) null, "before" jsonb null, "after" jsonb null, "ip" varchar(64) null, "user_agent" varchar(400) null, "occurred_at" timestamptz not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null);`);
    this.addSql(`create index "audit_event_hospital_id_occurred_at_index" on "audit_event" ("hospital_id", "occurred_at");`);
    this.addSql(`create index "audit_event_action_index" on "audit_event" ("action");`);
    this.addSql(`create unique index "audit_event_chain_seq" on "audit_event" (coalesce("hospital_id", '00000000-0000-0000-0000-000000000000'::uuid), "seq");`);

    // Append-only: the application's database role can insert audit rows, never change or remove them.
    this.addSql(`create function audit_event_is_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger audit_event_no_update_delete before update or delete on "audit_event"
      for each row execute function audit_event_is_append_only();`);
    this.addSql(`create trigger audit_event_no_truncate before truncate on "audit_event"
      for each statement execute function audit_event_is_append_only();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_event" cascade;`);
    this.addSql(`drop function if exists audit_event_is_append_only();`);
  }

}
