import { hash, randomBytes } from 'node:crypto';

/** Hex SHA-256: right for high-entropy tokens and keys, which cannot be guessed from their hash. */
export const sha256 = (value: string): string => hash('sha256', value);

/** A random URL-safe token of `bytes` random bytes. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
