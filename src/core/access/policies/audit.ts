// The audit log answers "who looked at whom": coordinators (and admins, for account matters) may search it.
import { allow } from '../policy';

allow('audit', ['search'], ['admin', 'coordinator']);
