// `npm run create-admin -- <email> "<name>"`: the first admin account of a real installation (DEMO_DATA=false).
// The password is read from LEEFBAAR_ADMIN_PASSWORD so it never lands in the shell history as an argument.
import { system } from '../src/core/access';
import { createCore } from '../src/core/app';
import { DomainError } from '../src/core/errors';
import { createUser } from '../src/core/auth';

const [email, name] = process.argv.slice(2);
const password = process.env.LEEFBAAR_ADMIN_PASSWORD;
if (!email || !name || !password) {
	console.error('Usage: LEEFBAAR_ADMIN_PASSWORD=… npm run create-admin -- <email> "<name>"  (password: at least 10 characters)');
	process.exit(2);
}
const core = await createCore(undefined, { sweeps: false });
try {
	const user = await createUser(core.db, system('cli'), { email, name, role: 'admin', password });
	console.log(`Admin account created for ${user.email}. Sign in at /login.`);
} catch (error) {
	console.error(error instanceof DomainError ? `Not created: ${error.message}` : error);
	process.exitCode = 1;
} finally {
	await core.close();
}
