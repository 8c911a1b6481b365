// Bootstrap of a colour-LUT training thread. Worker threads do not inherit a TypeScript
// loader in every setup (vitest transforms only its own module graph, never worker
// files), so this plain-JS file registers tsx in the thread itself, then loads the
// TypeScript entry point.
import { register } from 'tsx/esm/api';

register();
await import('./thread-main.ts');
