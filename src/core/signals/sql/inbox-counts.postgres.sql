-- The SQL that the hot path signals/inbox-counts runs on PostgreSQL, statement by statement, with placeholders for the values.
-- Written by `npm run sql:snapshots` (docs/architecture.md, "The hot queries"); a change here is a change of a hot query.

-- inboxStatusCounts(worker)
select "w"."status",
  count(*) as "n"
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
group by "w"."status";

-- inboxStatusCounts(worker, { categoryId, mine })
select "w"."status",
  count(*) as "n"
from (
  select "o"."id" as "id",
    "o"."status" as "status",
    "o"."deadline_at" as "deadline_at",
    "o"."created_at" as "created_at"
  from "signals" as "o"
  where "o"."organisation_id" = $1
    and "o"."merged_into_id" is null
    and "o"."category_id" = $2
    and "o"."assignee_id" = $3
  union
  select "m"."id" as "id",
    "m"."status" as "status",
    "m"."deadline_at" as "deadline_at",
    "m"."created_at" as "created_at"
  from "signals" as "m"
  where "m"."created_by" = $4
    and "m"."merged_into_id" is null
    and "m"."category_id" = $5
    and "m"."assignee_id" = $6
  union
  select "r"."id" as "id",
    "r"."status" as "status",
    "r"."deadline_at" as "deadline_at",
    "r"."created_at" as "created_at"
  from "referrals" as "rf"
  inner join "signals" as "r" on "r"."id" = "rf"."signal_id"
  where "rf"."to_organisation_id" = $7
    and "rf"."status" in ($8, $9)
    and "r"."merged_into_id" is null
    and "r"."category_id" = $10
    and "r"."assignee_id" = $11
) as "w"
group by "w"."status";
