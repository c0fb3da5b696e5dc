// The package version, as a constant so that the browser entry needs no package.json read.
// test/version.test.ts keeps it equal to package.json's.
export const VERSION = '0.1.0';
