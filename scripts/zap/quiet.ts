// zapier-platform-core prints a memory line per invocation unless it believes a test runner loaded it (it reads
// NODE_ENV when first required). Imported first by the scripts so their reports stay readable.
process.env.NODE_ENV ??= 'test';
