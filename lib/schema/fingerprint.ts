import { createHash } from 'node:crypto';

/**
 * A short, stable fingerprint of the values a user can edit on an object without an "updated" date (tasks, notes):
 * "Updated" triggers emit `${id}:${fingerprint}`, which is new exactly when one of the values changes.
 */
export const fingerprint = (values: readonly unknown[]): string => createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 12);
