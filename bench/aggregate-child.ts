// Aggregates one file in a process of its own and prints its peak RSS, so that runs over
// different sizes can be compared without sharing a heap (worker threads included: RSS is the
// process's).
import { Observations } from '../src/observed/aggregate.ts';
import { readFilesInParts } from '../src/sources/file-parts.ts';

const file = process.argv[2]!;
const obs = new Observations();
await readFilesInParts([{ file, name: file }], obs, {});
console.log(JSON.stringify({ records: obs.records.accepted, maxRssKiB: process.resourceUsage().maxRSS }));
