-- The SQL that the hot path surveys/results-context runs on PostgreSQL, statement by statement, with placeholders for the values.
-- Written by `npm run sql:snapshots` (docs/architecture.md, "The hot queries"); a change here is a change of a hot query.

-- resultsContext(worker, surveyId)
select *
from "surveys"
where "id" = $1;

-- resultsContext(worker, surveyId)
select "organisation_id"
from "survey_partners"
where "survey_id" = $1;

-- resultsContext(worker, surveyId)
select *
from "survey_waves"
where "survey_id" = $1
order by "number";

-- resultsContext(landlord, surveyId)
select *
from "surveys"
where "id" = $1;

-- resultsContext(landlord, surveyId)
select "organisation_id"
from "survey_partners"
where "survey_id" = $1;

-- resultsContext(landlord, surveyId)
select *
from "survey_waves"
where "survey_id" = $1
order by "number";
