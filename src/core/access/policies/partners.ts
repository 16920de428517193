// Organisations, teams and staff accounts: everyone on the staff may see who is who; admins manage accounts.
import { allow, allowPublic } from '../policy';

allow('organisation', ['list', 'read'], 'any-staff');
allow('organisation', ['create', 'update', 'delete'], ['admin']);
allow('team', ['list', 'read'], 'any-staff');
allow('team', ['create', 'update', 'delete', 'manage-members'], ['admin']);
allow('user', ['list', 'read'], ['admin', 'coordinator']);
allow('user', ['create', 'invite', 'update', 'deactivate', 'reactivate'], ['admin']);
// Mailed links: the single-use token in the link is what grants the right, so anyone holding it may use it.
allowPublic('invitation', ['accept']);
allowPublic('password-reset', ['request', 'complete']);
