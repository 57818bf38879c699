import { Migration } from '@mikro-orm/migrations';

export class Migration20261126155807_patient_name_words extends Migration {

  override name = 'Migration20261126155807_patient_name_words';

  override up(): void | Promise<void> {
    this.addSql(`create table "patient_name_word" ("hospital_id" uuid not null, "word" varchar(200) not null, primary key ("hospital_id", "word"));`);
    this.addSql(`create index "patient_name_word_trgm" on "patient_name_word" using gin ("word" gin_trgm_ops);`);
    this.addSql(`alter table "patient_name_word" add constraint "patient_name_word_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id");`);

    // Written by hand (the diff does not know functions or triggers): every word of a name that is
    // stored, by any path (registration, edit, import, portal), joins its hospital's vocabulary.
    // Words in one order, so two registrations adding the same new words cannot deadlock.
    this.addSql(`create function "patient_name_words_keep"() returns trigger language plpgsql as $$
      begin
        insert into patient_name_word (hospital_id, word)
        select distinct new.hospital_id, w from regexp_split_to_table(lower(new.full_name), '\\s+') as w where w <> '' order by 2
        on conflict do nothing;
        return null;
      end $$;`);
    this.addSql(`create trigger "patient_name_words_keep" after insert or update of "full_name" on "patient" for each row execute function "patient_name_words_keep"();`);
    this.addSql(`insert into patient_name_word (hospital_id, word)
      select distinct hospital_id, w from patient, regexp_split_to_table(lower(full_name), '\\s+') as w where w <> ''
      on conflict do nothing;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "patient_name_words_keep" on "patient";`);
    this.addSql(`drop function if exists "patient_name_words_keep"();`);
    this.addSql(`drop table if exists "patient_name_word" cascade;`);
  }

}
