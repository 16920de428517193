// Areas and places are not personal data: anyone may read an area's public page; coordinators and admins shape them.
import { allow, allowPublic } from '../policy';

allowPublic('area', ['read-public']);
/** Estates by name and street only: the public page of an area lists them (never dwellings or households). */
allowPublic('estate', ['read-public']);
allow('area', ['list', 'read'], 'any-staff');
allow('area', ['create', 'update', 'delete', 'import'], ['admin', 'coordinator']);
allow('estate', ['list', 'read'], 'any-staff');
allow('estate', ['create', 'update', 'delete'], ['admin', 'coordinator', 'community_worker']);
allow('building', ['list', 'read'], 'any-staff');
allow('building', ['create', 'update', 'delete'], ['admin', 'coordinator', 'community_worker']);
allow('dwelling', ['list', 'read'], 'any-staff');
allow('dwelling', ['create', 'update', 'delete'], ['admin', 'coordinator', 'community_worker']);
