-- The SQL that the hot path signals/public-figures runs on SQLite, statement by statement, with placeholders for the values.
-- Written by `npm run sql:snapshots` (docs/architecture.md, "The hot queries"); a change here is a change of a hot query.

-- publicSignalFigures(anonymous, areaId)
with recursive tree(id, depth) as (
  select id,
    0
  from areas
  where id in (?)
  union all
  select a.id,
    t.depth + 1
  from tree t
  join areas a on a.parent_id = t.id
  where t.depth < ?
)
select id
from tree
group by id
order by min(depth),
  id;

-- publicSignalFigures(anonymous, areaId)
select "s"."kind",
  count(*) as "reported",
  coalesce(sum(case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) then 1 else 0 end), 0) as "solved",
  coalesce(sum(case when s.status in ('new', 'accepted', 'in_progress', 'waiting') then 1 else 0 end), 0) as "open"
from "signals" as "s"
where "s"."area_id" in (?)
  and "s"."created_at" >= ?
  and "s"."created_at" <= ?
  and "s"."merged_into_id" is null
  and "s"."is_help_request" = ?
group by "s"."kind";

-- publicSignalFigures(anonymous, areaId, { estateId })
select "s"."kind",
  count(*) as "reported",
  coalesce(sum(case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) then 1 else 0 end), 0) as "solved",
  coalesce(sum(case when s.status in ('new', 'accepted', 'in_progress', 'waiting') then 1 else 0 end), 0) as "open"
from "signals" as "s"
where "s"."area_id" in (?)
  and "s"."estate_id" = ?
  and "s"."created_at" >= ?
  and "s"."created_at" <= ?
  and "s"."merged_into_id" is null
  and "s"."is_help_request" = ?
group by "s"."kind";
