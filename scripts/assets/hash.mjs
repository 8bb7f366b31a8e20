// Content-hashed file names in cargo-leptos' scheme (base64url MD5, 22 characters), so that the
// server tells every hashed asset by one pattern: `name.<hash>.ext`.
import { createHash } from 'node:crypto';

/** A hash of contentHash as a regular expression source. */
export const HASH = '[A-Za-z0-9_-]{22}';

export function contentHash(bytes) {
  return createHash('md5').update(bytes).digest('base64url');
}

export function hashedName(name, ext, bytes) {
  return `${name}.${contentHash(bytes)}.${ext}`;
}
