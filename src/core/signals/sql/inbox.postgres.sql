-- The SQL that the hot path signals/inbox runs on PostgreSQL, statement by statement, with placeholders for the values.
-- Written by `npm run sql:snapshots` (docs/architecture.md, "The hot queries"); a change here is a change of a hot query.

-- inbox(worker)
select count(*) as "n"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = $1
    and "o"."merged_into_id" is null
    and "o"."status" in ($2, $3, $4, $5)
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = $6
    and "m"."merged_into_id" is null
    and "m"."status" in ($7, $8, $9, $10)
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = $11
    and "rf"."status" in ($12, $13)
    and "r"."merged_into_id" is null
    and "r"."status" in ($14, $15, $16, $17)
) as "w";

-- inbox(worker)
select "w"."id"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = $1
    and "o"."merged_into_id" is null
    and "o"."status" in ($2, $3, $4, $5)
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = $6
    and "m"."merged_into_id" is null
    and "m"."status" in ($7, $8, $9, $10)
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = $11
    and "rf"."status" in ($12, $13)
    and "r"."merged_into_id" is null
    and "r"."status" in ($14, $15, $16, $17)
) as "w"
order by case when w.deadline_at is null then 1 else 0 end,
  "w"."deadline_at",
  "w"."created_at",
  "w"."id"
limit $18
offset $19;

-- inbox(worker)
select "s"."id",
  "s"."reference",
  "s"."kind",
  "s"."status",
  "s"."priority",
  "s"."is_help_request",
  "s"."organisation_id",
  "s"."created_by",
  substr(s.description, 1, 141) as "summary",
  "c"."name" as "category_name",
  "a"."name" as "area_name",
  "e"."name" as "estate_name",
  "u"."name" as "assignee_name",
  "s"."deadline_at",
  "s"."created_at"
from "signals" as "s"
left join "signal_categories" as "c" on "c"."id" = "s"."category_id"
left join "areas" as "a" on "a"."id" = "s"."area_id"
left join "estates" as "e" on "e"."id" = "s"."estate_id"
left join "users" as "u" on "u"."id" = "s"."assignee_id"
where "s"."id" in ($1, $2, $3, $4, $5);

-- inbox(worker, { status: 'all' })
select count(*) as "n"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = $1
    and "o"."merged_into_id" is null
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = $2
    and "m"."merged_into_id" is null
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = $3
    and "rf"."status" in ($4, $5)
    and "r"."merged_into_id" is null
) as "w";

-- inbox(worker, { status: 'all' })
select "w"."id"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = $1
    and "o"."merged_into_id" is null
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = $2
    and "m"."merged_into_id" is null
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = $3
    and "rf"."status" in ($4, $5)
    and "r"."merged_into_id" is null
) as "w"
order by case when w.deadline_at is null then 1 else 0 end,
  "w"."deadline_at",
  "w"."created_at",
  "w"."id"
limit $6
offset $7;

-- inbox(worker, { status: 'all' })
select "s"."id",
  "s"."reference",
  "s"."kind",
  "s"."status",
  "s"."priority",
  "s"."is_help_request",
  "s"."organisation_id",
  "s"."created_by",
  substr(s.description, 1, 141) as "summary",
  "c"."name" as "category_name",
  "a"."name" as "area_name",
  "e"."name" as "estate_name",
  "u"."name" as "assignee_name",
  "s"."deadline_at",
  "s"."created_at"
from "signals" as "s"
left join "signal_categories" as "c" on "c"."id" = "s"."category_id"
left join "areas" as "a" on "a"."id" = "s"."area_id"
left join "estates" as "e" on "e"."id" = "s"."estate_id"
left join "users" as "u" on "u"."id" = "s"."assignee_id"
where "s"."id" in ($1, $2, $3, $4, $5, $6);

-- inbox(worker, { mine, overdue })
select count(*) as "n"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = $1
    and "o"."merged_into_id" is null
    and "o"."status" in ($2, $3, $4, $5)
    and "o"."deadline_at" < $6
    and "o"."status" in ($7, $8, $9, $10)
    and "o"."assignee_id" = $11
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = $12
    and "m"."merged_into_id" is null
    and "m"."status" in ($13, $14, $15, $16)
    and "m"."deadline_at" < $17
    and "m"."status" in ($18, $19, $20, $21)
    and "m"."assignee_id" = $22
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = $23
    and "rf"."status" in ($24, $25)
    and "r"."merged_into_id" is null
    and "r"."status" in ($26, $27, $28, $29)
    and "r"."deadline_at" < $30
    and "r"."status" in ($31, $32, $33, $34)
    and "r"."assignee_id" = $35
) as "w";

-- inbox(worker, { mine, overdue })
select "w"."id"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = $1
    and "o"."merged_into_id" is null
    and "o"."status" in ($2, $3, $4, $5)
    and "o"."deadline_at" < $6
    and "o"."status" in ($7, $8, $9, $10)
    and "o"."assignee_id" = $11
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = $12
    and "m"."merged_into_id" is null
    and "m"."status" in ($13, $14, $15, $16)
    and "m"."deadline_at" < $17
    and "m"."status" in ($18, $19, $20, $21)
    and "m"."assignee_id" = $22
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = $23
    and "rf"."status" in ($24, $25)
    and "r"."merged_into_id" is null
    and "r"."status" in ($26, $27, $28, $29)
    and "r"."deadline_at" < $30
    and "r"."status" in ($31, $32, $33, $34)
    and "r"."assignee_id" = $35
) as "w"
order by case when w.deadline_at is null then 1 else 0 end,
  "w"."deadline_at",
  "w"."created_at",
  "w"."id"
limit $36
offset $37;

-- inbox(worker, { mine, overdue })
select "s"."id",
  "s"."reference",
  "s"."kind",
  "s"."status",
  "s"."priority",
  "s"."is_help_request",
  "s"."organisation_id",
  "s"."created_by",
  substr(s.description, 1, 141) as "summary",
  "c"."name" as "category_name",
  "a"."name" as "area_name",
  "e"."name" as "estate_name",
  "u"."name" as "assignee_name",
  "s"."deadline_at",
  "s"."created_at"
from "signals" as "s"
left join "signal_categories" as "c" on "c"."id" = "s"."category_id"
left join "areas" as "a" on "a"."id" = "s"."area_id"
left join "estates" as "e" on "e"."id" = "s"."estate_id"
left join "users" as "u" on "u"."id" = "s"."assignee_id"
where "s"."id" in ($1);

-- inbox(worker, { categoryId, areaId, unassigned })
select count(*) as "n"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = $1
    and "o"."merged_into_id" is null
    and "o"."status" in ($2, $3, $4, $5)
    and "o"."category_id" = $6
    and "o"."area_id" = $7
    and "o"."assignee_id" is null
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = $8
    and "m"."merged_into_id" is null
    and "m"."status" in ($9, $10, $11, $12)
    and "m"."category_id" = $13
    and "m"."area_id" = $14
    and "m"."assignee_id" is null
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = $15
    and "rf"."status" in ($16, $17)
    and "r"."merged_into_id" is null
    and "r"."status" in ($18, $19, $20, $21)
    and "r"."category_id" = $22
    and "r"."area_id" = $23
    and "r"."assignee_id" is null
) as "w";

-- inbox(worker, { categoryId, areaId, unassigned })
select "w"."id"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = $1
    and "o"."merged_into_id" is null
    and "o"."status" in ($2, $3, $4, $5)
    and "o"."category_id" = $6
    and "o"."area_id" = $7
    and "o"."assignee_id" is null
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = $8
    and "m"."merged_into_id" is null
    and "m"."status" in ($9, $10, $11, $12)
    and "m"."category_id" = $13
    and "m"."area_id" = $14
    and "m"."assignee_id" is null
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = $15
    and "rf"."status" in ($16, $17)
    and "r"."merged_into_id" is null
    and "r"."status" in ($18, $19, $20, $21)
    and "r"."category_id" = $22
    and "r"."area_id" = $23
    and "r"."assignee_id" is null
) as "w"
order by case when w.deadline_at is null then 1 else 0 end,
  "w"."deadline_at",
  "w"."created_at",
  "w"."id"
limit $24
offset $25;

-- inbox(worker, { reopened, replied })
select count(*) as "n"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = $1
    and "o"."merged_into_id" is null
    and "o"."status" in ($2, $3, $4, $5)
    and "o"."status" in ($6, $7, $8, $9)
    and exists (
    select "ro"."id"
    from "signal_events" as "ro"
    where "ro"."signal_id" = "o"."id"
      and "ro"."kind" = $10
      and "ro"."actor_label" = $11
      and "ro"."to_status" = $12
  )
    and "o"."status" in ($13, $14, $15, $16)
    and exists (
    select "rp"."id"
    from "signal_events" as "rp"
    where "rp"."signal_id" = "o"."id"
      and "rp"."kind" = $17
      and not exists (
      select "st"."id"
      from "signal_events" as "st"
      where "st"."signal_id" = "rp"."signal_id"
        and "st"."actor_id" is not null
        and "st"."kind" <> $18
        and "st"."at" > "rp"."at"
    )
  )
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = $19
    and "m"."merged_into_id" is null
    and "m"."status" in ($20, $21, $22, $23)
    and "m"."status" in ($24, $25, $26, $27)
    and exists (
    select "ro"."id"
    from "signal_events" as "ro"
    where "ro"."signal_id" = "m"."id"
      and "ro"."kind" = $28
      and "ro"."actor_label" = $29
      and "ro"."to_status" = $30
  )
    and "m"."status" in ($31, $32, $33, $34)
    and exists (
    select "rp"."id"
    from "signal_events" as "rp"
    where "rp"."signal_id" = "m"."id"
      and "rp"."kind" = $35
      and not exists (
      select "st"."id"
      from "signal_events" as "st"
      where "st"."signal_id" = "rp"."signal_id"
        and "st"."actor_id" is not null
        and "st"."kind" <> $36
        and "st"."at" > "rp"."at"
    )
  )
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = $37
    and "rf"."status" in ($38, $39)
    and "r"."merged_into_id" is null
    and "r"."status" in ($40, $41, $42, $43)
    and "r"."status" in ($44, $45, $46, $47)
    and exists (
    select "ro"."id"
    from "signal_events" as "ro"
    where "ro"."signal_id" = "r"."id"
      and "ro"."kind" = $48
      and "ro"."actor_label" = $49
      and "ro"."to_status" = $50
  )
    and "r"."status" in ($51, $52, $53, $54)
    and exists (
    select "rp"."id"
    from "signal_events" as "rp"
    where "rp"."signal_id" = "r"."id"
      and "rp"."kind" = $55
      and not exists (
      select "st"."id"
      from "signal_events" as "st"
      where "st"."signal_id" = "rp"."signal_id"
        and "st"."actor_id" is not null
        and "st"."kind" <> $56
        and "st"."at" > "rp"."at"
    )
  )
) as "w";

-- inbox(worker, { reopened, replied })
select "w"."id"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = $1
    and "o"."merged_into_id" is null
    and "o"."status" in ($2, $3, $4, $5)
    and "o"."status" in ($6, $7, $8, $9)
    and exists (
    select "ro"."id"
    from "signal_events" as "ro"
    where "ro"."signal_id" = "o"."id"
      and "ro"."kind" = $10
      and "ro"."actor_label" = $11
      and "ro"."to_status" = $12
  )
    and "o"."status" in ($13, $14, $15, $16)
    and exists (
    select "rp"."id"
    from "signal_events" as "rp"
    where "rp"."signal_id" = "o"."id"
      and "rp"."kind" = $17
      and not exists (
      select "st"."id"
      from "signal_events" as "st"
      where "st"."signal_id" = "rp"."signal_id"
        and "st"."actor_id" is not null
        and "st"."kind" <> $18
        and "st"."at" > "rp"."at"
    )
  )
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = $19
    and "m"."merged_into_id" is null
    and "m"."status" in ($20, $21, $22, $23)
    and "m"."status" in ($24, $25, $26, $27)
    and exists (
    select "ro"."id"
    from "signal_events" as "ro"
    where "ro"."signal_id" = "m"."id"
      and "ro"."kind" = $28
      and "ro"."actor_label" = $29
      and "ro"."to_status" = $30
  )
    and "m"."status" in ($31, $32, $33, $34)
    and exists (
    select "rp"."id"
    from "signal_events" as "rp"
    where "rp"."signal_id" = "m"."id"
      and "rp"."kind" = $35
      and not exists (
      select "st"."id"
      from "signal_events" as "st"
      where "st"."signal_id" = "rp"."signal_id"
        and "st"."actor_id" is not null
        and "st"."kind" <> $36
        and "st"."at" > "rp"."at"
    )
  )
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = $37
    and "rf"."status" in ($38, $39)
    and "r"."merged_into_id" is null
    and "r"."status" in ($40, $41, $42, $43)
    and "r"."status" in ($44, $45, $46, $47)
    and exists (
    select "ro"."id"
    from "signal_events" as "ro"
    where "ro"."signal_id" = "r"."id"
      and "ro"."kind" = $48
      and "ro"."actor_label" = $49
      and "ro"."to_status" = $50
  )
    and "r"."status" in ($51, $52, $53, $54)
    and exists (
    select "rp"."id"
    from "signal_events" as "rp"
    where "rp"."signal_id" = "r"."id"
      and "rp"."kind" = $55
      and not exists (
      select "st"."id"
      from "signal_events" as "st"
      where "st"."signal_id" = "rp"."signal_id"
        and "st"."actor_id" is not null
        and "st"."kind" <> $56
        and "st"."at" > "rp"."at"
    )
  )
) as "w"
order by case when w.deadline_at is null then 1 else 0 end,
  "w"."deadline_at",
  "w"."created_at",
  "w"."id"
limit $57
offset $58;

-- inbox(worker, { q: 'gang' })
select count(*) as "n"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = $1
    and "o"."merged_into_id" is null
    and "o"."status" in ($2, $3, $4, $5)
    and lower("o"."description") like $6 escape '\'
    and "o"."is_help_request" = $7
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = $8
    and "m"."merged_into_id" is null
    and "m"."status" in ($9, $10, $11, $12)
    and lower("m"."description") like $13 escape '\'
    and "m"."is_help_request" = $14
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = $15
    and "rf"."status" in ($16, $17)
    and "r"."merged_into_id" is null
    and "r"."status" in ($18, $19, $20, $21)
    and lower("r"."description") like $22 escape '\'
    and "r"."is_help_request" = $23
) as "w";

-- inbox(worker, { q: 'gang' })
select "w"."id"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = $1
    and "o"."merged_into_id" is null
    and "o"."status" in ($2, $3, $4, $5)
    and lower("o"."description") like $6 escape '\'
    and "o"."is_help_request" = $7
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = $8
    and "m"."merged_into_id" is null
    and "m"."status" in ($9, $10, $11, $12)
    and lower("m"."description") like $13 escape '\'
    and "m"."is_help_request" = $14
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = $15
    and "rf"."status" in ($16, $17)
    and "r"."merged_into_id" is null
    and "r"."status" in ($18, $19, $20, $21)
    and lower("r"."description") like $22 escape '\'
    and "r"."is_help_request" = $23
) as "w"
order by case when w.deadline_at is null then 1 else 0 end,
  "w"."deadline_at",
  "w"."created_at",
  "w"."id"
limit $24
offset $25;

-- inbox(worker, { q: 'gang' })
select "s"."id",
  "s"."reference",
  "s"."kind",
  "s"."status",
  "s"."priority",
  "s"."is_help_request",
  "s"."organisation_id",
  "s"."created_by",
  substr(s.description, 1, 141) as "summary",
  "c"."name" as "category_name",
  "a"."name" as "area_name",
  "e"."name" as "estate_name",
  "u"."name" as "assignee_name",
  "s"."deadline_at",
  "s"."created_at"
from "signals" as "s"
left join "signal_categories" as "c" on "c"."id" = "s"."category_id"
left join "areas" as "a" on "a"."id" = "s"."area_id"
left join "estates" as "e" on "e"."id" = "s"."estate_id"
left join "users" as "u" on "u"."id" = "s"."assignee_id"
where "s"."id" in ($1);

-- inbox(landlord, { status: 'all', pageSize: 10, page: 2 })
select count(*) as "n"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = $1
    and "o"."merged_into_id" is null
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = $2
    and "m"."merged_into_id" is null
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = $3
    and "rf"."status" in ($4, $5)
    and "r"."merged_into_id" is null
) as "w";

-- inbox(landlord, { status: 'all', pageSize: 10, page: 2 })
select "w"."id"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = $1
    and "o"."merged_into_id" is null
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = $2
    and "m"."merged_into_id" is null
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = $3
    and "rf"."status" in ($4, $5)
    and "r"."merged_into_id" is null
) as "w"
order by case when w.deadline_at is null then 1 else 0 end,
  "w"."deadline_at",
  "w"."created_at",
  "w"."id"
limit $6
offset $7;
