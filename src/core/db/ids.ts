// UUIDv7 ids (RFC 9562): time-ordered, safe to create offline and on several servers.
import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

// Random bytes are drawn from the system's generator 4 KB at a time: one call per id costs more than the id itself.
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let offset = 0;
function random16(): Buffer {
	if (offset + 16 > POOL_SIZE) {
		pool = randomBytes(POOL_SIZE);
		offset = 0;
	}
	// A copy: the id's bytes are changed below, and the pool must never hand out the same bytes twice.
	const bytes = Buffer.from(pool.subarray(offset, offset + 16));
	offset += 16;
	return bytes;
}

export function newId(now = Date.now()): string {
	// A 12-bit counter in rand_a keeps ids from one process strictly increasing within a millisecond.
	if (now === lastMs) counter = (counter + 1) & 0xfff;
	else {
		lastMs = now;
		counter = random16().readUInt16BE(0) & 0x7ff;
	}
	const bytes = random16();
	bytes.writeUIntBE(now, 0, 6);
	bytes[6] = 0x70 | (counter >> 8);
	bytes[7] = counter & 0xff;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const nowIso = (): string => new Date().toISOString();
