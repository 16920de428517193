-- The SQL that the hot path signals/intake runs on PostgreSQL, statement by statement, with placeholders for the values.
-- Written by `npm run sql:snapshots` (docs/architecture.md, "The hot queries"); a change here is a change of a hot query.

-- reportSignal(anonymous, { kind: 'home_repair', categoryId, estateId, email })
begin;

-- reportSignal(anonymous, { kind: 'home_repair', categoryId, estateId, email })
select "id",
  "area_id"
from "estates"
where "id" = $1;

-- reportSignal(anonymous, { kind: 'home_repair', categoryId, estateId, email })
select "id",
  "key",
  "kind"
from "signal_categories"
where "is_active" = $1
  and ("id" = $2 or "key" = $3);

-- reportSignal(anonymous, { kind: 'home_repair', categoryId, estateId, email })
with recursive chain(id, parent_id, depth) as (
  select id,
    parent_id,
    0
  from areas
  where id = $1
  union all
  select a.id,
    a.parent_id,
    c.depth + 1
  from areas a
  join chain c on a.id = c.parent_id
  where c.depth < $2
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
  and r.category_id = $3
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
where r.category_id = $4
  and r.area_id is null;

-- reportSignal(anonymous, { kind: 'home_repair', categoryId, estateId, email })
with w0 as (insert into "signals" ("id", "reference", "kind", "category_id", "suggested_category_id", "is_help_request", "description", "status", "status_reason", "area_id", "estate_id", "building_id", "dwelling_id", "location_text", "lon", "lat", "organisation_id", "team_id", "assignee_id", "deadline_at", "source", "channel", "household_id", "resident_id", "consent_id", "open311_client_id", "merged_into_id", "collective_issue_id", "idempotency_key", "created_by", "created_at", "updated_at", "first_response_at", "resolved_at", "closed_at", "priority", "location_kind", "idempotency_fingerprint") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38)),
  w1 as (insert into "signal_reporters" ("id", "signal_id", "is_original", "name", "email", "phone", "language", "token_hash", "created_at", "anonymised_at") values ($39, $40, $41, $42, $43, $44, $45, $46, $47, $48)),
  w2 as (insert into "signal_events" ("id", "signal_id", "at", "actor_id", "actor_label", "kind", "from_status", "to_status", "body", "visibility", "data") values ($49, $50, $51, $52, $53, $54, $55, $56, $57, $58, $59), ($60, $61, $62, $63, $64, $65, $66, $67, $68, $69, $70)),
  w3 as (insert into "outbox" ("id", "kind", "payload", "created_at", "available_at", "attempts", "locked_until", "done_at", "last_error") values ($71, $72, $73, $74, $75, $76, $77, $78, $79)) insert into "audit_log" ("id", "at", "actor_id", "actor_label", "organisation_id", "action", "resource_type", "resource_id", "summary", "request_id")
values ($80, $81, $82, $83, $84, $85, $86, $87, $88, $89);

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
where "min_lon" is not null
  and box(point(min_lon, min_lat), point(max_lon, max_lat)) @> box(point($1, $2), point($3, $4));

-- reportSignal(anonymous, { kind: 'nuisance', locationKind: 'map', lon, lat }), no category
select "id",
  "key",
  "kind",
  (
  select "id"
  from "classifier_models"
  order by "trained_at" desc
  limit $1
) as "model_id"
from "signal_categories"
where "is_active" = $2
  and "kind" = $3
order by "sort_order";

-- reportSignal(anonymous, { kind: 'nuisance', locationKind: 'map', lon, lat }), no category
with recursive chain(id, parent_id, depth) as (
  select id,
    parent_id,
    0
  from areas
  where id = $1
  union all
  select a.id,
    a.parent_id,
    c.depth + 1
  from areas a
  join chain c on a.id = c.parent_id
  where c.depth < $2
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
  and r.category_id = $3
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
where r.category_id = $4
  and r.area_id is null;

-- reportSignal(anonymous, { kind: 'nuisance', locationKind: 'map', lon, lat }), no category
with w0 as (insert into "signals" ("id", "reference", "kind", "category_id", "suggested_category_id", "is_help_request", "description", "status", "status_reason", "area_id", "estate_id", "building_id", "dwelling_id", "location_text", "lon", "lat", "organisation_id", "team_id", "assignee_id", "deadline_at", "source", "channel", "household_id", "resident_id", "consent_id", "open311_client_id", "merged_into_id", "collective_issue_id", "idempotency_key", "created_by", "created_at", "updated_at", "first_response_at", "resolved_at", "closed_at", "priority", "location_kind", "idempotency_fingerprint") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38)),
  w1 as (insert into "signal_reporters" ("id", "signal_id", "is_original", "name", "email", "phone", "language", "token_hash", "created_at", "anonymised_at") values ($39, $40, $41, $42, $43, $44, $45, $46, $47, $48)),
  w2 as (insert into "signal_events" ("id", "signal_id", "at", "actor_id", "actor_label", "kind", "from_status", "to_status", "body", "visibility", "data") values ($49, $50, $51, $52, $53, $54, $55, $56, $57, $58, $59)) insert into "audit_log" ("id", "at", "actor_id", "actor_label", "organisation_id", "action", "resource_type", "resource_id", "summary", "request_id")
values ($60, $61, $62, $63, $64, $65, $66, $67, $68, $69);

-- reportSignal(anonymous, { kind: 'nuisance', locationKind: 'map', lon, lat }), no category
commit;

-- registerSignal(worker, { kind: 'home_repair', categoryId, householdId, channel: 'house_visit' })
begin;

-- registerSignal(worker, { kind: 'home_repair', categoryId, householdId, channel: 'house_visit' })
select "id",
  "dwelling_id"
from "households"
where "id" = $1;

-- registerSignal(worker, { kind: 'home_repair', categoryId, householdId, channel: 'house_visit' })
select "id",
  "key",
  "kind"
from "signal_categories"
where "is_active" = $1
  and ("id" = $2 or "key" = $3);

-- registerSignal(worker, { kind: 'home_repair', categoryId, householdId, channel: 'house_visit' })
with recursive chain(id, parent_id, depth) as (
  select id,
    parent_id,
    0
  from areas
  where id = $1
  union all
  select a.id,
    a.parent_id,
    c.depth + 1
  from areas a
  join chain c on a.id = c.parent_id
  where c.depth < $2
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
  and r.category_id = $3
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
where r.category_id = $4
  and r.area_id is null;

-- registerSignal(worker, { kind: 'home_repair', categoryId, householdId, channel: 'house_visit' })
with w0 as (insert into "signals" ("id", "reference", "kind", "category_id", "suggested_category_id", "is_help_request", "description", "status", "status_reason", "area_id", "estate_id", "building_id", "dwelling_id", "location_text", "lon", "lat", "organisation_id", "team_id", "assignee_id", "deadline_at", "source", "channel", "household_id", "resident_id", "consent_id", "open311_client_id", "merged_into_id", "collective_issue_id", "idempotency_key", "created_by", "created_at", "updated_at", "first_response_at", "resolved_at", "closed_at", "priority", "location_kind", "idempotency_fingerprint") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38)),
  w1 as (insert into "signal_events" ("id", "signal_id", "at", "actor_id", "actor_label", "kind", "from_status", "to_status", "body", "visibility", "data") values ($39, $40, $41, $42, $43, $44, $45, $46, $47, $48, $49), ($50, $51, $52, $53, $54, $55, $56, $57, $58, $59, $60)) insert into "audit_log" ("id", "at", "actor_id", "actor_label", "organisation_id", "action", "resource_type", "resource_id", "summary", "request_id")
values ($61, $62, $63, $64, $65, $66, $67, $68, $69, $70);

-- registerSignal(worker, { kind: 'home_repair', categoryId, householdId, channel: 'house_visit' })
commit;

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
begin;

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
select "household_id"
from "residents"
where "id" = $1;

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
select "id",
  "dwelling_id"
from "households"
where "id" = $1;

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
select "id",
  "key",
  "kind"
from "signal_categories"
where "is_active" = $1
  and ("id" = $2 or "key" = $3);

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
with recursive chain(id, parent_id, depth) as (
  select id,
    parent_id,
    0
  from areas
  where id = $1
  union all
  select a.id,
    a.parent_id,
    c.depth + 1
  from areas a
  join chain c on a.id = c.parent_id
  where c.depth < $2
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
  and r.category_id = $3
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
where r.category_id = $4
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
where "c"."resident_id" = $1
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
where "r"."id" = $1;

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
select "id"
from "organisations"
where "id" = $1;

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
select "id"
from "consents"
where "resident_id" = $1
  and "organisation_id" = $2
  and "scope" = $3
  and "withdrawn_at" is null;

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
insert into "consents" ("id", "resident_id", "organisation_id", "scope", "purpose", "given_at", "recorded_by", "recorded_by_organisation_id", "withdrawn_at", "withdrawn_by", "withdrawal_note", "contact_phone", "contact_email")
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13);

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
insert into "audit_log" ("id", "at", "actor_id", "actor_label", "organisation_id", "action", "resource_type", "resource_id", "summary", "request_id")
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
with w0 as (insert into "signals" ("id", "reference", "kind", "category_id", "suggested_category_id", "is_help_request", "description", "status", "status_reason", "area_id", "estate_id", "building_id", "dwelling_id", "location_text", "lon", "lat", "organisation_id", "team_id", "assignee_id", "deadline_at", "source", "channel", "household_id", "resident_id", "consent_id", "open311_client_id", "merged_into_id", "collective_issue_id", "idempotency_key", "created_by", "created_at", "updated_at", "first_response_at", "resolved_at", "closed_at", "priority", "location_kind", "idempotency_fingerprint") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38)),
  w1 as (insert into "signal_events" ("id", "signal_id", "at", "actor_id", "actor_label", "kind", "from_status", "to_status", "body", "visibility", "data") values ($39, $40, $41, $42, $43, $44, $45, $46, $47, $48, $49), ($50, $51, $52, $53, $54, $55, $56, $57, $58, $59, $60)) insert into "audit_log" ("id", "at", "actor_id", "actor_label", "organisation_id", "action", "resource_type", "resource_id", "summary", "request_id")
values ($61, $62, $63, $64, $65, $66, $67, $68, $69, $70);

-- registerSignal(worker, { kind: 'help', categoryId, residentId, consentGiven, contactPhone })
commit;
