// The auth module's public entry: what routes, src/lib, scripts and other modules use of it. Everything else in this
// folder is the module's own (eslint/boundaries.js holds that); model.ts is the second entry, for the browser.
export { createUser, deactivateUser, getUser, listUsers, reactivateUser, staffOverview, updateUser } from './accounts';
export { acceptInvitation, describeInvitation, inviteUser, resendInvitation } from './invitations';
export { describePasswordReset, requestPasswordReset, resetPassword } from './password-reset';
export { activeAccountEmails, activeStaffAccountOf, anyStaffAccount, staffAccountByEmail, staffAccounts } from './lookups';
export type { StaffAccount } from './lookups';
export { signIn, signOut } from './sign-in';
export { resolveSession } from './sessions';
export { Throttled } from './throttle';
export { TokenRejected, hashToken, newToken } from './tokens';
