// The static list of migrations, in order: it survives the production build (no directory scan at run time).
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';
import * as m202611231900 from './202611231900_foundation';
import * as m202612021800 from './202612021800_signals';
import * as m202612021830 from './202612021830_area_directory';
import * as m202612021930 from './202612021930_signal_inbox_indexes';
import * as m202612021900 from './202612021900_signals_closed_index';
import * as m202612022100 from './202612022100_collective_outcome';
import * as m202612022200 from './202612022200_tracking_links';
import * as m202612022230 from './202612022230_signals_merged_partial_index';
import * as m202612030900 from './202612030900_intake_partial_indexes';
import * as m202612031000 from './202612031000_surveys';
import * as m202612031100 from './202612031100_survey_versions_head';
import * as m202612071000 from './202612071000_auth_throttles';
import * as m202612071100 from './202612071100_idempotency_fingerprints';
import * as m202612071200 from './202612071200_join_words';
import * as m202612071300 from './202612071300_organisation_reach';
import * as m202612071400 from './202612071400_people_list_indexes';
import * as m202612071500 from './202612071500_overdue_digests';
import * as m202612071510 from './202612071510_consent_contact';
import * as m202612071620 from './202612071620_address_and_place_keys';
import * as m202612071720 from './202612071720_survey_code_letters';

export type MigrationModule = { up(db: Kysely<any>, dialect: Dialect): Promise<void> };

export const migrations: Record<string, MigrationModule> = {
	'202611231900_foundation': m202611231900,
	'202612021800_signals': m202612021800,
	'202612021830_area_directory': m202612021830,
	'202612021900_signals_closed_index': m202612021900,
	'202612021930_signal_inbox_indexes': m202612021930,
	'202612022100_collective_outcome': m202612022100,
	'202612022200_tracking_links': m202612022200,
	'202612022230_signals_merged_partial_index': m202612022230,
	'202612030900_intake_partial_indexes': m202612030900,
	'202612031000_surveys': m202612031000,
	'202612031100_survey_versions_head': m202612031100,
	'202612071000_auth_throttles': m202612071000,
	'202612071100_idempotency_fingerprints': m202612071100,
	'202612071200_join_words': m202612071200,
	'202612071300_organisation_reach': m202612071300,
	'202612071400_people_list_indexes': m202612071400,
	'202612071500_overdue_digests': m202612071500,
	'202612071510_consent_contact': m202612071510,
	'202612071620_address_and_place_keys': m202612071620,
	'202612071720_survey_code_letters': m202612071720
};
