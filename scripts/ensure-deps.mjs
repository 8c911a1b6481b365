// Runs before `npm start` and `npm test`: installs npm dependencies when they are
// missing or older than package-lock.json, so a fresh clone needs nothing by hand.
// Only Node built-ins here: this runs before node_modules exists.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  console.error('atelier: installing npm dependencies (npm ci)…');
  const res = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (res.status !== 0) {
    console.error('atelier: `npm ci` failed; fix the error above and run the command again.');
    process.exit(res.status ?? 1);
  }
}
