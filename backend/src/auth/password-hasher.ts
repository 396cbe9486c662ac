import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/** argon2id with the library's defaults (OWASP-recommended memory cost). */
export const passwordHasher = {
  hash: (password: string) => argon2.hash(password, { type: argon2.argon2id }),
  verify: async (hash: string, password: string) => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  },
};

let dummyHash: Promise<string> | undefined;
/** Verified against when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password. */
export function hashForUnknownUser(): Promise<string> {
  dummyHash ??= passwordHasher.hash(randomBytes(16).toString('hex'));
  return dummyHash;
}
