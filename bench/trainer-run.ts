/**
 * `npm run bench:trainer`: only the trainer figures of `npm run bench` (Atelier vs the
 * numpy reference, and the per-job thread cost), printed as a table; nothing is written.
 */
import { loadAverage } from './machine.ts';
import { trainerRows } from './trainer-rows.ts';
import { trainerSpeed } from './trainer-speed.ts';
import { trainerThreadStart } from './trainer-thread-start.ts';

const loadStart = loadAverage();
const speed = await trainerSpeed();
const start = await trainerThreadStart();
const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(v >= 100 ? 0 : 2));
process.stdout.write(
  [
    `Load average (1/5/15 min) ${loadStart.join(' / ')} at the start, ${loadAverage().join(' / ')} at the end.`,
    '',
    '| metric | value | unit | how |',
    '|---|---:|---|---|',
    ...trainerRows(speed, start).map((r) => `| \`${r.name}\` | ${fmt(r.value)} | ${r.unit} | ${r.how} |`),
    '',
    JSON.stringify({ speed, start }, null, 2),
    '',
  ].join('\n'),
);
