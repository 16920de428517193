// The mail module's public entry: what routes, src/lib, scripts and other modules use of it. Everything else in this
// folder is the module's own (eslint/boundaries.js holds that); model.ts is the second entry, for the browser.
export { enqueueMail, outboxInsert, sweepOutbox } from './outbox';
export type { Mail } from './outbox';
export { invitationMail, passwordResetMail, signInBlockedMail } from './templates';
export { createMailTransport, maskSecretLinks, readFileMailbox } from './transport';
export type { MailTransport } from './transport';
