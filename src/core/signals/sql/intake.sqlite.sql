-- The SQL that the hot path signals/intake runs on SQLite, statement by statement, with placeholders for the values.
-- Written by `npm run sql:snapshots` (docs/architecture.md, "The hot queries"); a change here is a change of a hot query.

-- reportSignal(anonymous, { kind: 'home_repair', categoryId, estateId, email })
begin;

-- reportSignal(anonymous, { kind: 'home_repair', categoryId, estateId, email })
select "id",
  "area_id"
from "estates"
where "id" = ?;

-- reportSignal(anonymous, { kind: 'home_repair', categoryId, estateId, email })
select "id",
  "key",
  "kind"
from "signal_categories"
where "is_active" = ?
  and ("id" = ? or "key" = ?);

-- reportSignal(anonymous, { kind: 'home_repair', categoryId, estateId, email })
with recursive chain(id, parent_id, depth) as (
  select id,
    parent_id,
    0
  from areas
  where id = ?
  union all
  select a.id,
    a.parent_id,
    c.depth + 1
  from areas a
  join chain c on a.id = c.parent_id
  where c.depth < ?
)
select c.id as chain_area_id,
  c.depth as chain_depth,
  r.id,
  r.category_id,
  r.area_id,
  r.organisation_id,
  r.team_id,
  r.deadline_days,
  r.priority,
  r.created_at,
  r.updated_at
from chain c
left join routing_rules r on r.area_id = c.id
  and r.category_id = ?
union all
select null,
  null,
  r.id,
  r.category_id,
  r.area_id,
  r.organisation_id,
  r.team_id,
  r.deadline_days,
  r.priority,
  r.created_at,
  r.updated_at
from routing_rules r
where r.category_id = ?
  and r.area_id is null;

-- reportSignal(anonymous, { kind: 'home_repair', categoryId, estateId, email })
insert into "signals" ("id", "reference", "kind", "category_id", "suggested_category_id", "is_help_request", "description", "status", "status_reason", "area_id", "estate_id", "building_id", "dwelling_id", "location_text", "lon", "lat", "organisation_id", "team_id", "assignee_id", "deadline_at", "source", "channel", "household_id", "resident_id", "consent_id", "open311_client_id", "merged_into_id", "collective_issue_id", "idempotency_key", "created_by", "created_at", "updated_at", "first_response_at", "resolved_at", "closed_at", "priority", "location_kind", "idempotency_fingerprint")
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- reportSignal(anonymous, { kind: 'home_repair', categoryId, estateId, email })
insert into "signal_reporters" ("id", "signal_id", "is_original", "name", "email", "phone", "language", "token_hash", "created_at", "anonymised_at")
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- reportSignal(anonymous, { kind: 'home_repair', categoryId, estateId, email })
insert into "signal_events" ("id", "signal_id", "at", "actor_id", "actor_label", "kind", "from_status", "to_status", "body", "visibility", "data")
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?),
  (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- reportSignal(anonymous, { kind: 'home_repair', categoryId, estateId, email })
insert into "outbox" ("id", "kind", "payload", "created_at", "available_at", "attempts", "locked_until", "done_at", "last_error")
values (?, ?, ?, ?, ?, ?, ?, ?, ?);

-- reportSignal(anonymous, { kind: 'home_repair', categoryId, estateId, email })
insert into "audit_log" ("id", "at", "actor_id", "actor_label", "organisation_id", "action", "resource_type", "resource_id", "summary", "request_id")
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- reportSignal(anonymous, { kind: 'home_repair', categoryId, estateId, email })
commit;

-- reportSignal(anonymous, { kind: 'nuisance', locationKind: 'map', lon, lat }), no category
begin;

-- reportSignal(anonymous, { kind: 'nuisance', locationKind: 'map', lon, lat }), no category
select "id",
  "slug",
  "min_lon",
  "min_lat",
  "max_lon",
  "max_lat"
from "areas"
where rowid IN (
  SELECT rid
  FROM area_rtree
  WHERE min_lon <= ?
    AND max_lon >= ?
    AND min_lat <= ?
    AND max_lat >= ?
);

-- reportSignal(anonymous, { kind: 'nuisance', locationKind: 'map', lon, lat }), no category
select "id",
  "key",
  "kind",
  (
  select "id"
  from "classifier_models"
  order by "trained_at" desc
  limit ?
) as "model_id"
from "signal_categories"
where "is_active" = ?
  and "kind" = ?
order by "sort_order";

-- reportSignal(anonymous, { kind: 'nuisance', locationKind: 'map', lon, lat }), no category
with recursive chain(id, parent_id, depth) as (
  select id,
    parent_id,
    0
  from areas
  where id = ?
  union all
  select a.id,
    a.parent_id,
    c.depth + 1
  from areas a
  join chain c on a.id = c.parent_id
  where c.depth < ?
)
select c.id as chain_area_id,
  c.depth as chain_depth,
  r.id,
  r.category_id,
  r.area_id,
  r.organisation_id,
  r.team_id,
  r.deadline_days,
  r.priority,
  r.created_at,
  r.updated_at
from chain c
left join routing_rules r on r.area_id = c.id
  and r.category_id = ?
union all
select null,
  null,
  r.id,
  r.category_id,
  r.area_id,
  r.organisation_id,
  r.team_id,
  r.deadline_days,
  r.priority,
  r.created_at,
  r.updated_at
from routing_rules r
where r.category_id = ?
  and r.area_id is null;

-- reportSignal(anonymous, { kind: 'nuisance', locationKind: 'map', lon, lat }), no category
insert into "signals" ("id", "reference", "kind", "category_id", "suggested_category_id", "is_help_request", "description", "status", "status_reason", "area_id", "estate_id", "building_id", "dwelling_id", "location_text", "lon", "lat", "organisation_id", "team_id", "assignee_id", "deadline_at", "source", "channel", "household_id", "resident_id", "consent_id", "open311_client_id", "merged_into_id", "collective_issue_id", "idempotency_key", "created_by", "created_at", "updated_at", "first_response_at", "resolved_at", "closed_at", "priority", "location_kind", "idempotency_fingerprint")
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- reportSignal(anonymous, { kind: 'nuisance', locationKind: 'map', lon, lat }), no category
insert into "signal_reporters" ("id", "signal_id", "is_original", "name", "email", "phone", "language", "token_hash", "created_at", "anonymised_at")
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- reportSignal(anonymous, { kind: 'nuisance', locationKind: 'map', lon, lat }), no category
insert into "signal_events" ("id", "signal_id", "at", "actor_id", "actor_label", "kind", "from_status", "to_status", "body", "visibility", "data")
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- reportSignal(anonymous, { kind: 'nuisance', locationKind: 'map', lon, lat }), no category
insert into "audit_log" ("id", "at", "actor_id", "actor_label", "organisation_id", "action", "resource_type", "resource_id", "summary", "request_id")
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- reportSignal(anonymous, { kind: 'nuisance', locationKind: 'map', lon, lat }), no category
commit;

-- registerSignal(worker, { kind: 'home_repair', categoryId, householdId, channel: 'house_visit' })
begin;

-- registerSignal(worker, { kind: 'home_repair', categoryId, householdId, channel: 'house_visit' })
select "id",
  "dwelling_id"
from "households"
where "id" = ?;

-- registerSignal(worker, { kind: 'home_repair', categoryId, householdId, channel: 'house_visit' })
select "id",
  "key",
  "kind"
from "signal_categories"
where "is_active" = ?
  and ("id" = ? or "key" = ?);

-- registerSignal(worker, { kind: 'home_repair', categoryId, householdId, channel: 'house_visit' })
with recursive chain(id, parent_id, depth) as (
  select id,
    parent_id,
    0
  from areas
  where id = ?
  union all
  select a.id,
    a.parent_id,
    c.depth + 1
  from areas a
  join chain c on a.id = c.parent_id
  where c.depth < ?
)
select c.id as chain_area_id,
  c.depth as chain_depth,
  r.id,
  r.category_id,
  r.area_id,
  r.organisation_id,
  r.team_id,
  r.deadline_days,
  r.priority,
  r.created_at,
  r.updated_at
from chain c
left join routing_rules r on r.area_id = c.id
  and r.category_id = ?
union all
select null,
  null,
  r.id,
  r.category_id,
  r.area_id,
  r.organisation_id,
  r.team_id,
  r.deadline_days,
  r.priority,
  r.created_at,
  r.updated_at
from routing_rules r
where r.category_id = ?
  and r.area_id is null;

-- registerSignal(worker, { kind: 'home_repair', categoryId, householdId, channel: 'house_visit' })
insert into "signals" ("id", "reference", "kind", "category_id", "suggested_category_id", "is_help_request", "description", "status", "status_reason", "area_id", "estate_id", "building_id", "dwelling_id", "location_text", "lon", "lat", "organisation_id", "team_id", "assignee_id", "deadline_at", "source", "channel", "household_id", "resident_id", "consent_id", "open311_client_id", "merged_into_id", "collective_issue_id", "idempotency_key", "created_by", "created_at", "updated_at", "first_response_at", "resolved_at", "closed_at", "priority", "location_kind", "idempotency_fingerprint")
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- registerSignal(worker, { kind: 'home_repair', categoryId, householdId, channel: 'house_visit' })
insert into "signal_events" ("id", "signal_id", "at", "actor_id", "actor_label", "kind", "from_status", "to_status", "body", "visibility", "data")
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?),
  (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- registerSignal(worker, { kind: 'home_repair', categoryId, householdId, channel: 'house_visit' })
insert into "audit_log" ("id", "at", "actor_id", "actor_label", "organisation_id", "action", "resource_type", "resource_id", "summary", "request_id")
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- registerSignal(worker, { kind: 'home_repair', categoryId, householdId, channel: 'house_visit' })
commit;

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
begin;

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
select "household_id"
from "residents"
where "id" = ?;

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
select "id",
  "dwelling_id"
from "households"
where "id" = ?;

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
select "id",
  "key",
  "kind"
from "signal_categories"
where "is_active" = ?
  and ("id" = ? or "key" = ?);

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
with recursive chain(id, parent_id, depth) as (
  select id,
    parent_id,
    0
  from areas
  where id = ?
  union all
  select a.id,
    a.parent_id,
    c.depth + 1
  from areas a
  join chain c on a.id = c.parent_id
  where c.depth < ?
)
select c.id as chain_area_id,
  c.depth as chain_depth,
  r.id,
  r.category_id,
  r.area_id,
  r.organisation_id,
  r.team_id,
  r.deadline_days,
  r.priority,
  r.created_at,
  r.updated_at
from chain c
left join routing_rules r on r.area_id = c.id
  and r.category_id = ?
union all
select null,
  null,
  r.id,
  r.category_id,
  r.area_id,
  r.organisation_id,
  r.team_id,
  r.deadline_days,
  r.priority,
  r.created_at,
  r.updated_at
from routing_rules r
where r.category_id = ?
  and r.area_id is null;

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
select "c"."id",
  "c"."organisation_id",
  "o"."name" as "organisation_name",
  "c"."recorded_by_organisation_id",
  "c"."scope",
  "c"."purpose",
  "c"."given_at",
  "c"."withdrawn_at",
  "c"."withdrawal_note",
  "c"."contact_phone",
  "c"."contact_email",
  "rb"."name" as "recorded_by_name",
  "wb"."name" as "withdrawn_by_name"
from "consents" as "c"
inner join "organisations" as "o" on "o"."id" = "c"."organisation_id"
left join "users" as "rb" on "rb"."id" = "c"."recorded_by"
left join "users" as "wb" on "wb"."id" = "c"."withdrawn_by"
where "c"."resident_id" = ?
  and "c"."withdrawn_at" is null
order by "c"."given_at" desc,
  "c"."id" desc;

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
select "h"."dwelling_id",
  "r"."registered_by_organisation_id" as "registered_by",
  "h"."registered_by_organisation_id" as "household_registered_by",
  "c"."organisation_id",
  "c"."scope"
from "residents" as "r"
left join "households" as "h" on "h"."id" = "r"."household_id"
left join "consents" as "c" on "c"."resident_id" = "r"."id"
  and "c"."withdrawn_at" is null
where "r"."id" = ?;

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
select "id"
from "organisations"
where "id" = ?;

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
select "id"
from "consents"
where "resident_id" = ?
  and "organisation_id" = ?
  and "scope" = ?
  and "withdrawn_at" is null;

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
insert into "consents" ("id", "resident_id", "organisation_id", "scope", "purpose", "given_at", "recorded_by", "recorded_by_organisation_id", "withdrawn_at", "withdrawn_by", "withdrawal_note", "contact_phone", "contact_email")
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
insert into "audit_log" ("id", "at", "actor_id", "actor_label", "organisation_id", "action", "resource_type", "resource_id", "summary", "request_id")
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
insert into "signals" ("id", "reference", "kind", "category_id", "suggested_category_id", "is_help_request", "description", "status", "status_reason", "area_id", "estate_id", "building_id", "dwelling_id", "location_text", "lon", "lat", "organisation_id", "team_id", "assignee_id", "deadline_at", "source", "channel", "household_id", "resident_id", "consent_id", "open311_client_id", "merged_into_id", "collective_issue_id", "idempotency_key", "created_by", "created_at", "updated_at", "first_response_at", "resolved_at", "closed_at", "priority", "location_kind", "idempotency_fingerprint")
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
insert into "signal_events" ("id", "signal_id", "at", "actor_id", "actor_label", "kind", "from_status", "to_status", "body", "visibility", "data")
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?),
  (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
insert into "audit_log" ("id", "at", "actor_id", "actor_label", "organisation_id", "action", "resource_type", "resource_id", "summary", "request_id")
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
commit;
