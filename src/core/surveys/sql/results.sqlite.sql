-- The SQL that the hot path surveys/results runs on SQLite, statement by statement, with placeholders for the values.
-- Written by `npm run sql:snapshots` (docs/architecture.md, "The hot queries"); a change here is a change of a hot query.

-- surveyResults(worker, surveyId)
select *
from "surveys"
where "id" = ?;

-- surveyResults(worker, surveyId)
select "organisation_id"
from "survey_partners"
where "survey_id" = ?;

-- surveyResults(worker, surveyId)
select *
from "survey_waves"
where "survey_id" = ?
order by "number";

-- surveyResults(worker, surveyId)
select "id",
  "number",
  "structure",
  "updated_at",
  "created_at"
from "survey_versions"
where "survey_id" = ?
order by "number" desc;

-- surveyResults(worker, surveyId)
select "estate_id",
  "question_key",
  "option_key",
  "number_value",
  count(*) as "n"
from "survey_answers"
where "wave_id" = ?
group by "estate_id",
  "question_key",
  "option_key",
  "number_value";

-- surveyResults(worker, surveyId)
select "question_key",
  "part",
  "estate_id",
  count(*) as "n"
from "survey_open_answers"
where "wave_id" = ?
group by "question_key",
  "part",
  "estate_id";

-- surveyResults(worker, surveyId)
select "estate_id",
  "channel",
  count(*) as "n"
from "survey_responses"
where "wave_id" = ?
group by "estate_id",
  "channel";

-- surveyResults(worker, surveyId)
select "estate_id",
  "households"
from "survey_wave_estates"
where "wave_id" = ?;

-- surveyResults(worker, surveyId)
select "o"."question_key",
  "t"."id",
  "t"."name",
  count(*) as "n"
from "survey_open_answer_themes" as "at"
inner join "survey_themes" as "t" on "t"."id" = "at"."theme_id"
inner join "survey_open_answers" as "o" on "o"."id" = "at"."open_answer_id"
where "t"."survey_id" = ?
  and "o"."wave_id" = ?
group by "o"."question_key",
  "t"."id",
  "t"."name"
order by "t"."name";

-- surveyResults(worker, surveyId)
select "o"."question_key",
  count(distinct "o"."id") as "n"
from "survey_open_answer_themes" as "at"
inner join "survey_themes" as "t" on "t"."id" = "at"."theme_id"
inner join "survey_open_answers" as "o" on "o"."id" = "at"."open_answer_id"
where "t"."survey_id" = ?
  and "o"."wave_id" = ?
group by "o"."question_key";

-- surveyResults(worker, surveyId)
select "id",
  "name",
  "slug",
  "area_id"
from "estates"
where "id" in (?, ?)
order by "name",
  "id";

-- surveyResults(worker, surveyId)
with recursive chain(id, parent_id, depth) as (
  select id,
    parent_id,
    0
  from areas
  where id in (?)
  union all
  select a.id,
    a.parent_id,
    c.depth + 1
  from areas a
  join chain c on a.id = c.parent_id
  where c.depth < ?
)
select distinct a.id,
  a.parent_id,
  a.kind,
  a.name
from chain c
join areas a on a.id = c.id;

-- surveyResults(landlord, surveyId, { waveId, locale: 'fr' })
select *
from "surveys"
where "id" = ?;

-- surveyResults(landlord, surveyId, { waveId, locale: 'fr' })
select "organisation_id"
from "survey_partners"
where "survey_id" = ?;

-- surveyResults(landlord, surveyId, { waveId, locale: 'fr' })
select *
from "survey_waves"
where "survey_id" = ?
order by "number";

-- surveyResults(landlord, surveyId, { waveId, locale: 'fr' })
select "id",
  "number",
  "structure",
  "updated_at",
  "created_at"
from "survey_versions"
where "survey_id" = ?
order by "number" desc;

-- surveyResults(landlord, surveyId, { waveId, locale: 'fr' })
select "estate_id",
  "question_key",
  "option_key",
  "number_value",
  count(*) as "n"
from "survey_answers"
where "wave_id" = ?
group by "estate_id",
  "question_key",
  "option_key",
  "number_value";

-- surveyResults(landlord, surveyId, { waveId, locale: 'fr' })
select "question_key",
  "part",
  "estate_id",
  count(*) as "n"
from "survey_open_answers"
where "wave_id" = ?
group by "question_key",
  "part",
  "estate_id";

-- surveyResults(landlord, surveyId, { waveId, locale: 'fr' })
select "estate_id",
  "channel",
  count(*) as "n"
from "survey_responses"
where "wave_id" = ?
group by "estate_id",
  "channel";

-- surveyResults(landlord, surveyId, { waveId, locale: 'fr' })
select "estate_id",
  "households"
from "survey_wave_estates"
where "wave_id" = ?;

-- surveyResults(landlord, surveyId, { waveId, locale: 'fr' })
select "o"."question_key",
  "t"."id",
  "t"."name",
  count(*) as "n"
from "survey_open_answer_themes" as "at"
inner join "survey_themes" as "t" on "t"."id" = "at"."theme_id"
inner join "survey_open_answers" as "o" on "o"."id" = "at"."open_answer_id"
where "t"."survey_id" = ?
  and "o"."wave_id" = ?
group by "o"."question_key",
  "t"."id",
  "t"."name"
order by "t"."name";

-- surveyResults(landlord, surveyId, { waveId, locale: 'fr' })
select "o"."question_key",
  count(distinct "o"."id") as "n"
from "survey_open_answer_themes" as "at"
inner join "survey_themes" as "t" on "t"."id" = "at"."theme_id"
inner join "survey_open_answers" as "o" on "o"."id" = "at"."open_answer_id"
where "t"."survey_id" = ?
  and "o"."wave_id" = ?
group by "o"."question_key";

-- surveyResults(landlord, surveyId, { waveId, locale: 'fr' })
select "id",
  "name",
  "slug",
  "area_id"
from "estates"
where "id" in (?, ?)
order by "name",
  "id";

-- surveyResults(landlord, surveyId, { waveId, locale: 'fr' })
with recursive chain(id, parent_id, depth) as (
  select id,
    parent_id,
    0
  from areas
  where id in (?)
  union all
  select a.id,
    a.parent_id,
    c.depth + 1
  from areas a
  join chain c on a.id = c.parent_id
  where c.depth < ?
)
select distinct a.id,
  a.parent_id,
  a.kind,
  a.name
from chain c
join areas a on a.id = c.id;

-- compareWaves(worker, surveyId)
select *
from "surveys"
where "id" = ?;

-- compareWaves(worker, surveyId)
select "organisation_id"
from "survey_partners"
where "survey_id" = ?;

-- compareWaves(worker, surveyId)
select *
from "survey_waves"
where "survey_id" = ?
order by "number";

-- compareWaves(worker, surveyId)
select "id",
  "number",
  "structure",
  "updated_at",
  "created_at"
from "survey_versions"
where "survey_id" = ?
order by "number" desc;

-- compareWaves(worker, surveyId)
select "estate_id",
  "question_key",
  "option_key",
  "number_value",
  count(*) as "n"
from "survey_answers"
where "wave_id" = ?
group by "estate_id",
  "question_key",
  "option_key",
  "number_value";

-- compareWaves(worker, surveyId)
select "question_key",
  "part",
  "estate_id",
  count(*) as "n"
from "survey_open_answers"
where "wave_id" = ?
group by "question_key",
  "part",
  "estate_id";

-- compareWaves(worker, surveyId)
select "estate_id",
  "channel",
  count(*) as "n"
from "survey_responses"
where "wave_id" = ?
group by "estate_id",
  "channel";

-- compareWaves(worker, surveyId)
select "estate_id",
  "households"
from "survey_wave_estates"
where "wave_id" = ?;

-- compareWaves(worker, surveyId)
select "id",
  "name",
  "slug",
  "area_id"
from "estates"
where "id" in (?, ?)
order by "name",
  "id";

-- compareWaves(worker, surveyId)
with recursive chain(id, parent_id, depth) as (
  select id,
    parent_id,
    0
  from areas
  where id in (?)
  union all
  select a.id,
    a.parent_id,
    c.depth + 1
  from areas a
  join chain c on a.id = c.parent_id
  where c.depth < ?
)
select distinct a.id,
  a.parent_id,
  a.kind,
  a.name
from chain c
join areas a on a.id = c.id;

-- publicSurveyResults(anonymous, slug)
select "id",
  "status"
from "surveys"
where "slug" = ?;

-- publicSurveyResults(anonymous, slug)
select *
from "surveys"
where "id" = ?;

-- publicSurveyResults(anonymous, slug)
select "organisation_id"
from "survey_partners"
where "survey_id" = ?;

-- publicSurveyResults(anonymous, slug)
select *
from "survey_waves"
where "survey_id" = ?
order by "number";

-- publicSurveyResults(anonymous, slug)
select "id",
  "number",
  "structure",
  "updated_at",
  "created_at"
from "survey_versions"
where "survey_id" = ?
order by "number" desc;

-- publicSurveyResults(anonymous, slug)
select "estate_id",
  "question_key",
  "option_key",
  "number_value",
  count(*) as "n"
from "survey_answers"
where "wave_id" = ?
group by "estate_id",
  "question_key",
  "option_key",
  "number_value";

-- publicSurveyResults(anonymous, slug)
select "question_key",
  "part",
  "estate_id",
  count(*) as "n"
from "survey_open_answers"
where "wave_id" = ?
group by "question_key",
  "part",
  "estate_id";

-- publicSurveyResults(anonymous, slug)
select "estate_id",
  "channel",
  count(*) as "n"
from "survey_responses"
where "wave_id" = ?
group by "estate_id",
  "channel";

-- publicSurveyResults(anonymous, slug)
select "estate_id",
  "households"
from "survey_wave_estates"
where "wave_id" = ?;

-- publicSurveyResults(anonymous, slug)
select "id",
  "name",
  "slug",
  "area_id"
from "estates"
where "id" in (?, ?)
order by "name",
  "id";

-- publicSurveyResults(anonymous, slug)
with recursive chain(id, parent_id, depth) as (
  select id,
    parent_id,
    0
  from areas
  where id in (?)
  union all
  select a.id,
    a.parent_id,
    c.depth + 1
  from areas a
  join chain c on a.id = c.parent_id
  where c.depth < ?
)
select distinct a.id,
  a.parent_id,
  a.kind,
  a.name
from chain c
join areas a on a.id = c.id;

-- publicSurveyResults(anonymous, slug)
select "id",
  "question_key",
  "body"
from "survey_open_answers"
where "wave_id" = ?
  and "is_public" = ?
order by "question_key",
  "id"
limit ?;

-- publicSurveyResults(anonymous, slug)
select "t"."name",
  count(*) as "n"
from "survey_open_answer_themes" as "at"
inner join "survey_themes" as "t" on "t"."id" = "at"."theme_id"
inner join "survey_open_answers" as "o" on "o"."id" = "at"."open_answer_id"
where "t"."survey_id" = ?
  and "o"."wave_id" = ?
group by "t"."name"
order by "t"."name";

-- publicSurveyResults(anonymous, slug)
select "at"."open_answer_id",
  "t"."name"
from "survey_open_answer_themes" as "at"
inner join "survey_themes" as "t" on "t"."id" = "at"."theme_id"
where "at"."open_answer_id" in (?)
order by "t"."name";
