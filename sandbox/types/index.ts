/** Shapes of the objects the sandbox stores and serves, and of its API plumbing. */
export * from './api';
export * from './calendar';
export * from './contact';
export * from './location';
export * from './sales';
