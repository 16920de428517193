-- The SQL that the hot path signals/figures runs on PostgreSQL, statement by statement, with placeholders for the values.
-- Written by `npm run sql:snapshots` (docs/architecture.md, "The hot queries"); a change here is a change of a hot query.

-- signalFigures(coordinator)
with s as materialized (
  select *
  from (
    select to_char("s"."created_at" at time zone 'UTC', 'YYYY-MM') as "bucket",
      "s"."category_id",
      "s"."estate_id",
      case when s.status in ('new', 'accepted', 'in_progress', 'waiting') then 1 else 0 end as "open",
      case when s.status in ('new', 'accepted', 'in_progress', 'waiting') and s.deadline_at < $1 then 1 else 0 end as "overdue",
      case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) then 1 else 0 end as "solved",
      case when s.status = 'rejected' then 1 else 0 end as "rejected",
      case when s.status = 'not_our_task' then 1 else 0 end as "not_our_task",
      case when s.status = 'closed' and s.resolved_at is null then 1 else 0 end as "closed_unsolved",
      case when s.is_help_request then 1 else 0 end as "help_requests",
      case when s.first_response_at is not null then 1 else 0 end as "responded",
      case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) and s.deadline_at is not null then 1 else 0 end as "solved_with_deadline",
      case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) and s.deadline_at is not null and s.resolved_at <= s.deadline_at then 1 else 0 end as "solved_on_time",
      case when not s.is_help_request and coalesce(s.lat, e.lat) is not null and coalesce(s.lon, e.lon) is not null then round(coalesce(s.lat, e.lat) * 1111) end as "cy",
      case when not s.is_help_request and coalesce(s.lat, e.lat) is not null and coalesce(s.lon, e.lon) is not null then round(coalesce(s.lon, e.lon) * 700) end as "cx"
    from "signals" as "s"
    left join "estates" as "e" on "e"."id" = "s"."estate_id"
    where "s"."merged_into_id" is null
      and "s"."created_at" >= $2
      and "s"."created_at" < $3
  ) as q
)
select 'total' as part,
  null as k,
  null as name,
  null as name_fr,
  null as name_en,
  cast(null as double precision) as cy,
  cast(null as double precision) as cx,
  count(*) as total,
  sum(open) as open,
  sum(overdue) as overdue,
  sum(solved) as solved,
  sum(rejected) as rejected,
  sum(not_our_task) as not_our_task,
  sum(closed_unsolved) as closed_unsolved,
  sum(help_requests) as help_requests,
  sum(responded) as responded,
  sum(solved_with_deadline) as solved_with_deadline,
  sum(solved_on_time) as solved_on_time
from s
union all
select 'bucket',
  bucket,
  null as name,
  null as name_fr,
  null as name_en,
  cast(null as double precision) as cy,
  cast(null as double precision) as cx,
  count(*) as total,
  sum(open) as open,
  sum(overdue) as overdue,
  sum(solved) as solved,
  sum(rejected) as rejected,
  sum(not_our_task) as not_our_task,
  sum(closed_unsolved) as closed_unsolved,
  sum(help_requests) as help_requests,
  sum(responded) as responded,
  sum(solved_with_deadline) as solved_with_deadline,
  sum(solved_on_time) as solved_on_time
from s
group by bucket
union all
select 'category',
  g.category_id,
  c.name,
  c.name_fr,
  c.name_en,
  null,
  null,
  g.total,
  g.open,
  g.overdue,
  g.solved,
  g.rejected,
  g.not_our_task,
  g.closed_unsolved,
  g.help_requests,
  g.responded,
  g.solved_with_deadline,
  g.solved_on_time
from (
  select category_id,
    count(*) as total,
    sum(open) as open,
    sum(overdue) as overdue,
    sum(solved) as solved,
    sum(rejected) as rejected,
    sum(not_our_task) as not_our_task,
    sum(closed_unsolved) as closed_unsolved,
    sum(help_requests) as help_requests,
    sum(responded) as responded,
    sum(solved_with_deadline) as solved_with_deadline,
    sum(solved_on_time) as solved_on_time
  from s
  group by category_id
) as g
left join signal_categories as c on c.id = g.category_id
union all
select 'estate',
  g.estate_id,
  e.name,
  null,
  null,
  null,
  null,
  g.total,
  g.open,
  g.overdue,
  g.solved,
  g.rejected,
  g.not_our_task,
  g.closed_unsolved,
  g.help_requests,
  g.responded,
  g.solved_with_deadline,
  g.solved_on_time
from (
  select estate_id,
    count(*) as total,
    sum(open) as open,
    sum(overdue) as overdue,
    sum(solved) as solved,
    sum(rejected) as rejected,
    sum(not_our_task) as not_our_task,
    sum(closed_unsolved) as closed_unsolved,
    sum(help_requests) as help_requests,
    sum(responded) as responded,
    sum(solved_with_deadline) as solved_with_deadline,
    sum(solved_on_time) as solved_on_time
  from s
  group by estate_id
  order by count(*) desc
  limit 50
) as g
left join estates as e on e.id = g.estate_id
union all
select 'cell',
  null,
  null,
  null,
  null,
  h.cy,
  h.cx,
  h.total,
  h.open,
  h.overdue,
  h.solved,
  h.rejected,
  h.not_our_task,
  h.closed_unsolved,
  h.help_requests,
  h.responded,
  h.solved_with_deadline,
  h.solved_on_time
from (
  select cy,
    cx,
    count(*) as total,
    sum(open) as open,
    sum(overdue) as overdue,
    sum(solved) as solved,
    sum(rejected) as rejected,
    sum(not_our_task) as not_our_task,
    sum(closed_unsolved) as closed_unsolved,
    sum(help_requests) as help_requests,
    sum(responded) as responded,
    sum(solved_with_deadline) as solved_with_deadline,
    sum(solved_on_time) as solved_on_time
  from s
  where cy is not null
  group by cy,
    cx
  order by count(*) desc
  limit 500
) as h;

-- signalFigures(coordinator)
select "s"."category_id",
  "s"."estate_id",
  "s"."created_at",
  "s"."first_response_at",
  case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) then s.resolved_at end as "solved_at",
  case when s.first_response_at is not null then (extract(epoch from ("s"."first_response_at" - "s"."created_at")) / 3600.0) end as "response_hours",
  case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) then (extract(epoch from ("s"."resolved_at" - "s"."created_at")) / 3600.0) end as "solution_hours"
from "signals" as "s"
where "s"."merged_into_id" is null
  and "s"."created_at" >= $1
  and "s"."created_at" < $2
  and ("s"."first_response_at" is not null or (s.resolved_at is not null and s.status in ('resolved', 'closed')));

-- signalFigures(coordinator, { areaId, categoryId, from, to, bucket: 'week' })
with recursive tree(id, depth) as (
  select id,
    0
  from areas
  where id in ($1)
  union all
  select a.id,
    t.depth + 1
  from tree t
  join areas a on a.parent_id = t.id
  where t.depth < $2
)
select id
from tree
group by id
order by min(depth),
  id;

-- signalFigures(coordinator, { areaId, categoryId, from, to, bucket: 'week' })
with s as materialized (
  select *
  from (
    select to_char(date_trunc('week', "s"."created_at" at time zone 'UTC'), 'YYYY-MM-DD') as "bucket",
      "s"."category_id",
      "s"."estate_id",
      case when s.status in ('new', 'accepted', 'in_progress', 'waiting') then 1 else 0 end as "open",
      case when s.status in ('new', 'accepted', 'in_progress', 'waiting') and s.deadline_at < $1 then 1 else 0 end as "overdue",
      case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) then 1 else 0 end as "solved",
      case when s.status = 'rejected' then 1 else 0 end as "rejected",
      case when s.status = 'not_our_task' then 1 else 0 end as "not_our_task",
      case when s.status = 'closed' and s.resolved_at is null then 1 else 0 end as "closed_unsolved",
      case when s.is_help_request then 1 else 0 end as "help_requests",
      case when s.first_response_at is not null then 1 else 0 end as "responded",
      case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) and s.deadline_at is not null then 1 else 0 end as "solved_with_deadline",
      case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) and s.deadline_at is not null and s.resolved_at <= s.deadline_at then 1 else 0 end as "solved_on_time",
      case when not s.is_help_request and coalesce(s.lat, e.lat) is not null and coalesce(s.lon, e.lon) is not null then round(coalesce(s.lat, e.lat) * 1111) end as "cy",
      case when not s.is_help_request and coalesce(s.lat, e.lat) is not null and coalesce(s.lon, e.lon) is not null then round(coalesce(s.lon, e.lon) * 700) end as "cx"
    from "signals" as "s"
    left join "estates" as "e" on "e"."id" = "s"."estate_id"
    where "s"."merged_into_id" is null
      and "s"."area_id" in ($2)
      and "s"."category_id" = $3
      and "s"."created_at" >= $4
      and "s"."created_at" < $5
  ) as q
)
select 'total' as part,
  null as k,
  null as name,
  null as name_fr,
  null as name_en,
  cast(null as double precision) as cy,
  cast(null as double precision) as cx,
  count(*) as total,
  sum(open) as open,
  sum(overdue) as overdue,
  sum(solved) as solved,
  sum(rejected) as rejected,
  sum(not_our_task) as not_our_task,
  sum(closed_unsolved) as closed_unsolved,
  sum(help_requests) as help_requests,
  sum(responded) as responded,
  sum(solved_with_deadline) as solved_with_deadline,
  sum(solved_on_time) as solved_on_time
from s
union all
select 'bucket',
  bucket,
  null as name,
  null as name_fr,
  null as name_en,
  cast(null as double precision) as cy,
  cast(null as double precision) as cx,
  count(*) as total,
  sum(open) as open,
  sum(overdue) as overdue,
  sum(solved) as solved,
  sum(rejected) as rejected,
  sum(not_our_task) as not_our_task,
  sum(closed_unsolved) as closed_unsolved,
  sum(help_requests) as help_requests,
  sum(responded) as responded,
  sum(solved_with_deadline) as solved_with_deadline,
  sum(solved_on_time) as solved_on_time
from s
group by bucket
union all
select 'category',
  g.category_id,
  c.name,
  c.name_fr,
  c.name_en,
  null,
  null,
  g.total,
  g.open,
  g.overdue,
  g.solved,
  g.rejected,
  g.not_our_task,
  g.closed_unsolved,
  g.help_requests,
  g.responded,
  g.solved_with_deadline,
  g.solved_on_time
from (
  select category_id,
    count(*) as total,
    sum(open) as open,
    sum(overdue) as overdue,
    sum(solved) as solved,
    sum(rejected) as rejected,
    sum(not_our_task) as not_our_task,
    sum(closed_unsolved) as closed_unsolved,
    sum(help_requests) as help_requests,
    sum(responded) as responded,
    sum(solved_with_deadline) as solved_with_deadline,
    sum(solved_on_time) as solved_on_time
  from s
  group by category_id
) as g
left join signal_categories as c on c.id = g.category_id
union all
select 'estate',
  g.estate_id,
  e.name,
  null,
  null,
  null,
  null,
  g.total,
  g.open,
  g.overdue,
  g.solved,
  g.rejected,
  g.not_our_task,
  g.closed_unsolved,
  g.help_requests,
  g.responded,
  g.solved_with_deadline,
  g.solved_on_time
from (
  select estate_id,
    count(*) as total,
    sum(open) as open,
    sum(overdue) as overdue,
    sum(solved) as solved,
    sum(rejected) as rejected,
    sum(not_our_task) as not_our_task,
    sum(closed_unsolved) as closed_unsolved,
    sum(help_requests) as help_requests,
    sum(responded) as responded,
    sum(solved_with_deadline) as solved_with_deadline,
    sum(solved_on_time) as solved_on_time
  from s
  group by estate_id
  order by count(*) desc
  limit 50
) as g
left join estates as e on e.id = g.estate_id
union all
select 'cell',
  null,
  null,
  null,
  null,
  h.cy,
  h.cx,
  h.total,
  h.open,
  h.overdue,
  h.solved,
  h.rejected,
  h.not_our_task,
  h.closed_unsolved,
  h.help_requests,
  h.responded,
  h.solved_with_deadline,
  h.solved_on_time
from (
  select cy,
    cx,
    count(*) as total,
    sum(open) as open,
    sum(overdue) as overdue,
    sum(solved) as solved,
    sum(rejected) as rejected,
    sum(not_our_task) as not_our_task,
    sum(closed_unsolved) as closed_unsolved,
    sum(help_requests) as help_requests,
    sum(responded) as responded,
    sum(solved_with_deadline) as solved_with_deadline,
    sum(solved_on_time) as solved_on_time
  from s
  where cy is not null
  group by cy,
    cx
  order by count(*) desc
  limit 500
) as h;

-- signalFigures(coordinator, { areaId, categoryId, from, to, bucket: 'week' })
select "s"."category_id",
  "s"."estate_id",
  "s"."created_at",
  "s"."first_response_at",
  case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) then s.resolved_at end as "solved_at",
  case when s.first_response_at is not null then (extract(epoch from ("s"."first_response_at" - "s"."created_at")) / 3600.0) end as "response_hours",
  case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) then (extract(epoch from ("s"."resolved_at" - "s"."created_at")) / 3600.0) end as "solution_hours"
from "signals" as "s"
where "s"."merged_into_id" is null
  and "s"."area_id" in ($1)
  and "s"."category_id" = $2
  and "s"."created_at" >= $3
  and "s"."created_at" < $4
  and ("s"."first_response_at" is not null or (s.resolved_at is not null and s.status in ('resolved', 'closed')));

-- signalFigures(landlord, { estateId })
with s as materialized (
  select *
  from (
    select to_char("s"."created_at" at time zone 'UTC', 'YYYY-MM') as "bucket",
      "s"."category_id",
      "s"."estate_id",
      case when s.status in ('new', 'accepted', 'in_progress', 'waiting') then 1 else 0 end as "open",
      case when s.status in ('new', 'accepted', 'in_progress', 'waiting') and s.deadline_at < $1 then 1 else 0 end as "overdue",
      case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) then 1 else 0 end as "solved",
      case when s.status = 'rejected' then 1 else 0 end as "rejected",
      case when s.status = 'not_our_task' then 1 else 0 end as "not_our_task",
      case when s.status = 'closed' and s.resolved_at is null then 1 else 0 end as "closed_unsolved",
      case when s.is_help_request then 1 else 0 end as "help_requests",
      case when s.first_response_at is not null then 1 else 0 end as "responded",
      case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) and s.deadline_at is not null then 1 else 0 end as "solved_with_deadline",
      case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) and s.deadline_at is not null and s.resolved_at <= s.deadline_at then 1 else 0 end as "solved_on_time",
      case when not s.is_help_request and coalesce(s.lat, e.lat) is not null and coalesce(s.lon, e.lon) is not null then round(coalesce(s.lat, e.lat) * 1111) end as "cy",
      case when not s.is_help_request and coalesce(s.lat, e.lat) is not null and coalesce(s.lon, e.lon) is not null then round(coalesce(s.lon, e.lon) * 700) end as "cx"
    from "signals" as "s"
    left join "estates" as "e" on "e"."id" = "s"."estate_id"
    where "s"."merged_into_id" is null
      and "s"."estate_id" = $2
      and "s"."created_at" >= $3
      and "s"."created_at" < $4
  ) as q
)
select 'total' as part,
  null as k,
  null as name,
  null as name_fr,
  null as name_en,
  cast(null as double precision) as cy,
  cast(null as double precision) as cx,
  count(*) as total,
  sum(open) as open,
  sum(overdue) as overdue,
  sum(solved) as solved,
  sum(rejected) as rejected,
  sum(not_our_task) as not_our_task,
  sum(closed_unsolved) as closed_unsolved,
  sum(help_requests) as help_requests,
  sum(responded) as responded,
  sum(solved_with_deadline) as solved_with_deadline,
  sum(solved_on_time) as solved_on_time
from s
union all
select 'bucket',
  bucket,
  null as name,
  null as name_fr,
  null as name_en,
  cast(null as double precision) as cy,
  cast(null as double precision) as cx,
  count(*) as total,
  sum(open) as open,
  sum(overdue) as overdue,
  sum(solved) as solved,
  sum(rejected) as rejected,
  sum(not_our_task) as not_our_task,
  sum(closed_unsolved) as closed_unsolved,
  sum(help_requests) as help_requests,
  sum(responded) as responded,
  sum(solved_with_deadline) as solved_with_deadline,
  sum(solved_on_time) as solved_on_time
from s
group by bucket
union all
select 'category',
  g.category_id,
  c.name,
  c.name_fr,
  c.name_en,
  null,
  null,
  g.total,
  g.open,
  g.overdue,
  g.solved,
  g.rejected,
  g.not_our_task,
  g.closed_unsolved,
  g.help_requests,
  g.responded,
  g.solved_with_deadline,
  g.solved_on_time
from (
  select category_id,
    count(*) as total,
    sum(open) as open,
    sum(overdue) as overdue,
    sum(solved) as solved,
    sum(rejected) as rejected,
    sum(not_our_task) as not_our_task,
    sum(closed_unsolved) as closed_unsolved,
    sum(help_requests) as help_requests,
    sum(responded) as responded,
    sum(solved_with_deadline) as solved_with_deadline,
    sum(solved_on_time) as solved_on_time
  from s
  group by category_id
) as g
left join signal_categories as c on c.id = g.category_id
union all
select 'estate',
  g.estate_id,
  e.name,
  null,
  null,
  null,
  null,
  g.total,
  g.open,
  g.overdue,
  g.solved,
  g.rejected,
  g.not_our_task,
  g.closed_unsolved,
  g.help_requests,
  g.responded,
  g.solved_with_deadline,
  g.solved_on_time
from (
  select estate_id,
    count(*) as total,
    sum(open) as open,
    sum(overdue) as overdue,
    sum(solved) as solved,
    sum(rejected) as rejected,
    sum(not_our_task) as not_our_task,
    sum(closed_unsolved) as closed_unsolved,
    sum(help_requests) as help_requests,
    sum(responded) as responded,
    sum(solved_with_deadline) as solved_with_deadline,
    sum(solved_on_time) as solved_on_time
  from s
  group by estate_id
  order by count(*) desc
  limit 50
) as g
left join estates as e on e.id = g.estate_id
union all
select 'cell',
  null,
  null,
  null,
  null,
  h.cy,
  h.cx,
  h.total,
  h.open,
  h.overdue,
  h.solved,
  h.rejected,
  h.not_our_task,
  h.closed_unsolved,
  h.help_requests,
  h.responded,
  h.solved_with_deadline,
  h.solved_on_time
from (
  select cy,
    cx,
    count(*) as total,
    sum(open) as open,
    sum(overdue) as overdue,
    sum(solved) as solved,
    sum(rejected) as rejected,
    sum(not_our_task) as not_our_task,
    sum(closed_unsolved) as closed_unsolved,
    sum(help_requests) as help_requests,
    sum(responded) as responded,
    sum(solved_with_deadline) as solved_with_deadline,
    sum(solved_on_time) as solved_on_time
  from s
  where cy is not null
  group by cy,
    cx
  order by count(*) desc
  limit 500
) as h;

-- signalFigures(landlord, { estateId })
select "s"."category_id",
  "s"."estate_id",
  "s"."created_at",
  "s"."first_response_at",
  case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) then s.resolved_at end as "solved_at",
  case when s.first_response_at is not null then (extract(epoch from ("s"."first_response_at" - "s"."created_at")) / 3600.0) end as "response_hours",
  case when (s.resolved_at is not null and s.status in ('resolved', 'closed')) then (extract(epoch from ("s"."resolved_at" - "s"."created_at")) / 3600.0) end as "solution_hours"
from "signals" as "s"
where "s"."merged_into_id" is null
  and "s"."estate_id" = $1
  and "s"."created_at" >= $2
  and "s"."created_at" < $3
  and ("s"."first_response_at" is not null or (s.resolved_at is not null and s.status in ('resolved', 'closed')));
