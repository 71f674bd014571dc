// Aggregates one file in a process of its own and prints its peak RSS, so that runs over
// different sizes can be compared without sharing a heap.
import { Observations } from '../src/observed/aggregate.ts';
import { readRecordsFile } from '../src/sources/file.ts';

const file = process.argv[2]!;
const obs = new Observations();
await readRecordsFile(file, file, obs, {});
console.log(JSON.stringify({ records: obs.records.accepted, maxRssKiB: process.resourceUsage().maxRSS }));
