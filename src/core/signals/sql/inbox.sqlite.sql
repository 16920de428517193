-- The SQL that the hot path signals/inbox runs on SQLite, statement by statement, with placeholders for the values.
-- Written by `npm run sql:snapshots` (docs/architecture.md, "The hot queries"); a change here is a change of a hot query.

-- inbox(worker)
select count(*) as "n"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = ?
    and "o"."merged_into_id" is null
    and "o"."status" in (?, ?, ?, ?)
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = ?
    and "m"."merged_into_id" is null
    and "m"."status" in (?, ?, ?, ?)
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = ?
    and "rf"."status" in (?, ?)
    and "r"."merged_into_id" is null
    and "r"."status" in (?, ?, ?, ?)
) as "w";

-- inbox(worker)
select "w"."id"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = ?
    and "o"."merged_into_id" is null
    and "o"."status" in (?, ?, ?, ?)
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = ?
    and "m"."merged_into_id" is null
    and "m"."status" in (?, ?, ?, ?)
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = ?
    and "rf"."status" in (?, ?)
    and "r"."merged_into_id" is null
    and "r"."status" in (?, ?, ?, ?)
) as "w"
order by case when w.deadline_at is null then 1 else 0 end,
  "w"."deadline_at",
  "w"."created_at",
  "w"."id"
limit ?
offset ?;

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
where "s"."id" in (?, ?, ?, ?, ?);

-- inbox(worker, { status: 'all' })
select count(*) as "n"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = ?
    and "o"."merged_into_id" is null
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = ?
    and "m"."merged_into_id" is null
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = ?
    and "rf"."status" in (?, ?)
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
  where "o"."organisation_id" = ?
    and "o"."merged_into_id" is null
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = ?
    and "m"."merged_into_id" is null
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = ?
    and "rf"."status" in (?, ?)
    and "r"."merged_into_id" is null
) as "w"
order by case when w.deadline_at is null then 1 else 0 end,
  "w"."deadline_at",
  "w"."created_at",
  "w"."id"
limit ?
offset ?;

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
where "s"."id" in (?, ?, ?, ?, ?, ?);

-- inbox(worker, { mine, overdue })
select count(*) as "n"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = ?
    and "o"."merged_into_id" is null
    and "o"."status" in (?, ?, ?, ?)
    and "o"."deadline_at" < ?
    and "o"."status" in (?, ?, ?, ?)
    and "o"."assignee_id" = ?
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = ?
    and "m"."merged_into_id" is null
    and "m"."status" in (?, ?, ?, ?)
    and "m"."deadline_at" < ?
    and "m"."status" in (?, ?, ?, ?)
    and "m"."assignee_id" = ?
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = ?
    and "rf"."status" in (?, ?)
    and "r"."merged_into_id" is null
    and "r"."status" in (?, ?, ?, ?)
    and "r"."deadline_at" < ?
    and "r"."status" in (?, ?, ?, ?)
    and "r"."assignee_id" = ?
) as "w";

-- inbox(worker, { mine, overdue })
select "w"."id"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = ?
    and "o"."merged_into_id" is null
    and "o"."status" in (?, ?, ?, ?)
    and "o"."deadline_at" < ?
    and "o"."status" in (?, ?, ?, ?)
    and "o"."assignee_id" = ?
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = ?
    and "m"."merged_into_id" is null
    and "m"."status" in (?, ?, ?, ?)
    and "m"."deadline_at" < ?
    and "m"."status" in (?, ?, ?, ?)
    and "m"."assignee_id" = ?
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = ?
    and "rf"."status" in (?, ?)
    and "r"."merged_into_id" is null
    and "r"."status" in (?, ?, ?, ?)
    and "r"."deadline_at" < ?
    and "r"."status" in (?, ?, ?, ?)
    and "r"."assignee_id" = ?
) as "w"
order by case when w.deadline_at is null then 1 else 0 end,
  "w"."deadline_at",
  "w"."created_at",
  "w"."id"
limit ?
offset ?;

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
where "s"."id" in (?);

-- inbox(worker, { categoryId, areaId, unassigned })
select count(*) as "n"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = ?
    and "o"."merged_into_id" is null
    and "o"."status" in (?, ?, ?, ?)
    and "o"."category_id" = ?
    and "o"."area_id" = ?
    and "o"."assignee_id" is null
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = ?
    and "m"."merged_into_id" is null
    and "m"."status" in (?, ?, ?, ?)
    and "m"."category_id" = ?
    and "m"."area_id" = ?
    and "m"."assignee_id" is null
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = ?
    and "rf"."status" in (?, ?)
    and "r"."merged_into_id" is null
    and "r"."status" in (?, ?, ?, ?)
    and "r"."category_id" = ?
    and "r"."area_id" = ?
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
  where "o"."organisation_id" = ?
    and "o"."merged_into_id" is null
    and "o"."status" in (?, ?, ?, ?)
    and "o"."category_id" = ?
    and "o"."area_id" = ?
    and "o"."assignee_id" is null
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = ?
    and "m"."merged_into_id" is null
    and "m"."status" in (?, ?, ?, ?)
    and "m"."category_id" = ?
    and "m"."area_id" = ?
    and "m"."assignee_id" is null
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = ?
    and "rf"."status" in (?, ?)
    and "r"."merged_into_id" is null
    and "r"."status" in (?, ?, ?, ?)
    and "r"."category_id" = ?
    and "r"."area_id" = ?
    and "r"."assignee_id" is null
) as "w"
order by case when w.deadline_at is null then 1 else 0 end,
  "w"."deadline_at",
  "w"."created_at",
  "w"."id"
limit ?
offset ?;

-- inbox(worker, { reopened, replied })
select count(*) as "n"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = ?
    and "o"."merged_into_id" is null
    and "o"."status" in (?, ?, ?, ?)
    and "o"."status" in (?, ?, ?, ?)
    and exists (
    select "ro"."id"
    from "signal_events" as "ro"
    where "ro"."signal_id" = "o"."id"
      and "ro"."kind" = ?
      and "ro"."actor_label" = ?
      and "ro"."to_status" = ?
  )
    and "o"."status" in (?, ?, ?, ?)
    and exists (
    select "rp"."id"
    from "signal_events" as "rp"
    where "rp"."signal_id" = "o"."id"
      and "rp"."kind" = ?
      and not exists (
      select "st"."id"
      from "signal_events" as "st"
      where "st"."signal_id" = "rp"."signal_id"
        and "st"."actor_id" is not null
        and "st"."kind" <> ?
        and "st"."at" > "rp"."at"
    )
  )
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = ?
    and "m"."merged_into_id" is null
    and "m"."status" in (?, ?, ?, ?)
    and "m"."status" in (?, ?, ?, ?)
    and exists (
    select "ro"."id"
    from "signal_events" as "ro"
    where "ro"."signal_id" = "m"."id"
      and "ro"."kind" = ?
      and "ro"."actor_label" = ?
      and "ro"."to_status" = ?
  )
    and "m"."status" in (?, ?, ?, ?)
    and exists (
    select "rp"."id"
    from "signal_events" as "rp"
    where "rp"."signal_id" = "m"."id"
      and "rp"."kind" = ?
      and not exists (
      select "st"."id"
      from "signal_events" as "st"
      where "st"."signal_id" = "rp"."signal_id"
        and "st"."actor_id" is not null
        and "st"."kind" <> ?
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
  where "rf"."to_organisation_id" = ?
    and "rf"."status" in (?, ?)
    and "r"."merged_into_id" is null
    and "r"."status" in (?, ?, ?, ?)
    and "r"."status" in (?, ?, ?, ?)
    and exists (
    select "ro"."id"
    from "signal_events" as "ro"
    where "ro"."signal_id" = "r"."id"
      and "ro"."kind" = ?
      and "ro"."actor_label" = ?
      and "ro"."to_status" = ?
  )
    and "r"."status" in (?, ?, ?, ?)
    and exists (
    select "rp"."id"
    from "signal_events" as "rp"
    where "rp"."signal_id" = "r"."id"
      and "rp"."kind" = ?
      and not exists (
      select "st"."id"
      from "signal_events" as "st"
      where "st"."signal_id" = "rp"."signal_id"
        and "st"."actor_id" is not null
        and "st"."kind" <> ?
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
  where "o"."organisation_id" = ?
    and "o"."merged_into_id" is null
    and "o"."status" in (?, ?, ?, ?)
    and "o"."status" in (?, ?, ?, ?)
    and exists (
    select "ro"."id"
    from "signal_events" as "ro"
    where "ro"."signal_id" = "o"."id"
      and "ro"."kind" = ?
      and "ro"."actor_label" = ?
      and "ro"."to_status" = ?
  )
    and "o"."status" in (?, ?, ?, ?)
    and exists (
    select "rp"."id"
    from "signal_events" as "rp"
    where "rp"."signal_id" = "o"."id"
      and "rp"."kind" = ?
      and not exists (
      select "st"."id"
      from "signal_events" as "st"
      where "st"."signal_id" = "rp"."signal_id"
        and "st"."actor_id" is not null
        and "st"."kind" <> ?
        and "st"."at" > "rp"."at"
    )
  )
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = ?
    and "m"."merged_into_id" is null
    and "m"."status" in (?, ?, ?, ?)
    and "m"."status" in (?, ?, ?, ?)
    and exists (
    select "ro"."id"
    from "signal_events" as "ro"
    where "ro"."signal_id" = "m"."id"
      and "ro"."kind" = ?
      and "ro"."actor_label" = ?
      and "ro"."to_status" = ?
  )
    and "m"."status" in (?, ?, ?, ?)
    and exists (
    select "rp"."id"
    from "signal_events" as "rp"
    where "rp"."signal_id" = "m"."id"
      and "rp"."kind" = ?
      and not exists (
      select "st"."id"
      from "signal_events" as "st"
      where "st"."signal_id" = "rp"."signal_id"
        and "st"."actor_id" is not null
        and "st"."kind" <> ?
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
  where "rf"."to_organisation_id" = ?
    and "rf"."status" in (?, ?)
    and "r"."merged_into_id" is null
    and "r"."status" in (?, ?, ?, ?)
    and "r"."status" in (?, ?, ?, ?)
    and exists (
    select "ro"."id"
    from "signal_events" as "ro"
    where "ro"."signal_id" = "r"."id"
      and "ro"."kind" = ?
      and "ro"."actor_label" = ?
      and "ro"."to_status" = ?
  )
    and "r"."status" in (?, ?, ?, ?)
    and exists (
    select "rp"."id"
    from "signal_events" as "rp"
    where "rp"."signal_id" = "r"."id"
      and "rp"."kind" = ?
      and not exists (
      select "st"."id"
      from "signal_events" as "st"
      where "st"."signal_id" = "rp"."signal_id"
        and "st"."actor_id" is not null
        and "st"."kind" <> ?
        and "st"."at" > "rp"."at"
    )
  )
) as "w"
order by case when w.deadline_at is null then 1 else 0 end,
  "w"."deadline_at",
  "w"."created_at",
  "w"."id"
limit ?
offset ?;

-- inbox(worker, { q: 'gang' })
select count(*) as "n"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = ?
    and "o"."merged_into_id" is null
    and "o"."status" in (?, ?, ?, ?)
    and lower("o"."description") like ? escape '\'
    and "o"."is_help_request" = ?
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = ?
    and "m"."merged_into_id" is null
    and "m"."status" in (?, ?, ?, ?)
    and lower("m"."description") like ? escape '\'
    and "m"."is_help_request" = ?
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = ?
    and "rf"."status" in (?, ?)
    and "r"."merged_into_id" is null
    and "r"."status" in (?, ?, ?, ?)
    and lower("r"."description") like ? escape '\'
    and "r"."is_help_request" = ?
) as "w";

-- inbox(worker, { q: 'gang' })
select "w"."id"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = ?
    and "o"."merged_into_id" is null
    and "o"."status" in (?, ?, ?, ?)
    and lower("o"."description") like ? escape '\'
    and "o"."is_help_request" = ?
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = ?
    and "m"."merged_into_id" is null
    and "m"."status" in (?, ?, ?, ?)
    and lower("m"."description") like ? escape '\'
    and "m"."is_help_request" = ?
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = ?
    and "rf"."status" in (?, ?)
    and "r"."merged_into_id" is null
    and "r"."status" in (?, ?, ?, ?)
    and lower("r"."description") like ? escape '\'
    and "r"."is_help_request" = ?
) as "w"
order by case when w.deadline_at is null then 1 else 0 end,
  "w"."deadline_at",
  "w"."created_at",
  "w"."id"
limit ?
offset ?;

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
where "s"."id" in (?);

-- inbox(landlord, { status: 'all', pageSize: 10, page: 2 })
select count(*) as "n"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = ?
    and "o"."merged_into_id" is null
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = ?
    and "m"."merged_into_id" is null
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = ?
    and "rf"."status" in (?, ?)
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
  where "o"."organisation_id" = ?
    and "o"."merged_into_id" is null
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = ?
    and "m"."merged_into_id" is null
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = ?
    and "rf"."status" in (?, ?)
    and "r"."merged_into_id" is null
) as "w"
order by case when w.deadline_at is null then 1 else 0 end,
  "w"."deadline_at",
  "w"."created_at",
  "w"."id"
limit ?
offset ?;
