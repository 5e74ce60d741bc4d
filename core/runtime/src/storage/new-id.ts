import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A 26-character id that sorts by creation time (ULID layout: 48-bit milliseconds, then 80 random
 * bits, Crockford base32). Ids made in the same millisecond sort randomly among themselves.
 */
export function newId(now: number = Date.now()): string {
  const time = timePart(now);
  if (offset + 16 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  let tail = '';
  for (let i = 0; i < 16; i++) tail += ALPHABET[pool[offset + i]! % 32];
  offset += 16;
  return time + tail;
}

// One call to the system's random source per 256 ids instead of one per id.
const POOL_BYTES = 16 * 256;
let pool = Buffer.alloc(0);
let offset = 0;

/** The smallest id `newId` makes at `ms`: ids made at or after that time compare >= it. */
export function firstIdAt(ms: number): string {
  return timePart(Math.max(0, Math.floor(ms))) + '0000000000000000';
}

function timePart(ms: number): string {
  let time = '';
  for (let rest = ms, i = 0; i < 10; i++, rest = Math.floor(rest / 32)) time = ALPHABET[rest % 32] + time;
  return time;
}
