-- The SQL that the hot path surveys/results-context runs on SQLite, statement by statement, with placeholders for the values.
-- Written by `npm run sql:snapshots` (docs/architecture.md, "The hot queries"); a change here is a change of a hot query.

-- resultsContext(worker, surveyId)
select *
from "surveys"
where "id" = ?;

-- resultsContext(worker, surveyId)
select "organisation_id"
from "survey_partners"
where "survey_id" = ?;

-- resultsContext(worker, surveyId)
select *
from "survey_waves"
where "survey_id" = ?
order by "number";

-- resultsContext(landlord, surveyId)
select *
from "surveys"
where "id" = ?;

-- resultsContext(landlord, surveyId)
select "organisation_id"
from "survey_partners"
where "survey_id" = ?;

-- resultsContext(landlord, surveyId)
select *
from "survey_waves"
where "survey_id" = ?
order by "number";
