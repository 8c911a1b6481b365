/**
 * The `atelier` command. Server commands (dev, gateway, worker, setup,
 * build-workflows) and client commands (submit, status, cancel, pause, resume, download). Each subcommand module is loaded
 * only when used, so `atelier gateway` never loads the worker's native module.
 */
import { ConfigError } from '../config.ts';
import { EXIT_CODE_HELP } from './client/exit-codes.ts';

const COMMANDS: Record<
  string,
  { describe: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }
> = {
  dev: {
    describe:
      'start Temporal dev server + worker + gateway (what `npm start` runs); --storage s3 adds an embedded S3 server',
    load: () => import('./dev.ts'),
  },
  gateway: { describe: 'run the HTTP gateway', load: () => import('./gateway.ts') },
  worker: {
    describe: 'run a worker: --queue orchestration|training|all (default all)',
    load: () => import('./worker.ts'),
  },
  setup: {
    describe: 'register the search attributes on an existing Temporal cluster',
    load: () => import('./setup.ts'),
  },
  'build-workflows': {
    describe: 'prebuild the workflow bundle into dist/ (production)',
    load: () => import('./build-workflows.ts'),
  },
  // Client commands: talk to a gateway at ATELIER_URL with ATELIER_API_KEY (see src/cli/client/).
  submit: {
    describe: 'submit <image> --style NAME [--base-model M] [--param k=v]... [--priority N] [--wait]',
    load: () => import('./client/submit.ts'),
  },
  status: { describe: 'status <job-id> [--json]', load: () => import('./client/status.ts') },
  pack: {
    describe:
      'pack submit <image>... [--param k=v]... [--max-parallel N] [--wait] | pack status <id> | pack cancel <id>',
    load: () => import('./client/pack.ts'),
  },
  cancel: {
    describe: 'cancel <job-id>',
    load: async () => (await import('./client/job-action.ts')).actionCommand('cancel'),
  },
  pause: {
    describe: 'pause <job-id> (frees the training slot, keeps the checkpoint)',
    load: async () => (await import('./client/job-action.ts')).actionCommand('pause'),
  },
  resume: {
    describe: 'resume <job-id>',
    load: async () => (await import('./client/job-action.ts')).actionCommand('resume'),
  },
  download: {
    describe: 'download <job-id> [--out DIR] (artifacts, checksums verified)',
    load: () => import('./client/download.ts'),
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(16)} ${c.describe}`);
  return `usage: atelier <command> [options]\n\ncommands:\n${lines.join('\n')}\n\n${EXIT_CODE_HELP}\n`;
}

const [name, ...rest] = process.argv.slice(2);
const command = name ? COMMANDS[name] : undefined;
if (!command) {
  process.stderr.write(usage());
  process.exit(name && name !== '--help' && name !== '-h' ? 2 : 0);
}
try {
  const mod = await command.load();
  // Exit explicitly: the Temporal runtime's signal handlers and native threads would
  // otherwise keep a finished worker process alive.
  process.exit(await mod.run(rest));
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`atelier: ${err.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`atelier ${name}: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
}
