import { randomBytes } from 'node:crypto';
import { hashHex } from '../crypto/hash.js';

/** 256-bit random tokens; only their SM3 digest is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenDigest(token: string): string {
  return hashHex('sm3', token);
}
