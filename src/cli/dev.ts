/**
 * `atelier dev [--storage fs|s3]` (= `npm start`): Temporal dev server, one worker on
 * both queues and the gateway (with `--storage s3` also an embedded SeaweedFS), then a
 * banner with the URLs. First Ctrl-C stops in order — gateway, worker (drains),
 * storage, Temporal — and exits 0; a second Ctrl-C kills everything.
 */
import { mkdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { logFormatOf } from '../log-format.ts';
import { resolveTemporalTarget } from '../temporal/connection.ts';
import { killNow, startAtelierChild, type Supervised } from '../dev/child-process.ts';
import { storageForDev } from '../dev/storage-for-dev.ts';
import { temporalForDev } from '../dev/temporal-for-dev.ts';
import { waitForReady } from '../dev/wait-for-ready.ts';
import { waitForPollers } from '../dev/wait-for-pollers.ts';
import { TaskQueue } from '../../workflows/task-queues.ts';

const say = (msg: string) => process.stderr.write(`atelier dev: ${msg}\n`);

export async function run(argv: string[] = []): Promise<number> {
  const started = Date.now();
  const { values } = parseArgs({ args: argv, options: { storage: { type: 'string' } } });
  const config = loadConfig();
  const mode = values.storage ?? config.devStorage;
  if (mode !== 'fs' && mode !== 's3') throw new Error('--storage must be fs or s3');
  await mkdir(config.dataDir, { recursive: true });
  const target = resolveTemporalTarget();
  const explicitAddress = process.env.TEMPORAL_ADDRESS;
  const temporal = await temporalForDev(config, explicitAddress, target.namespace, say);
  say(temporal.how);
  const storage = await storageForDev(config, mode, say).catch(async (err: unknown) => {
    await temporal.stop();
    throw err;
  });
  say(storage.how);

  const env = {
    ...process.env,
    // Decided here, where the terminal is, and handed down: the children write to the same
    // terminal (or pipe) and must agree with it, whatever their own stdout looks like.
    LOG_FORMAT: logFormatOf(config),
    TEMPORAL_ADDRESS: temporal.address,
    ATELIER_DATA_DIR: config.dataDir,
    ...storage.env,
  };
  const children: Supervised[] = [
    startAtelierChild('worker', ['worker', '--queue', 'all'], env),
    startAtelierChild('gateway', ['gateway'], env),
  ];

  let stopping = false;
  const stopAll = async (code: number): Promise<number> => {
    stopping = true;
    say('stopping…');
    await children[1].stop(5_000);
    await children[0].stop(config.shutdownGraceMs + 15_000);
    await storage.stop();
    await temporal.stop();
    say('stopped');
    return code;
  };
  const done = new Promise<number>((resolve) => {
    let signals = 0;
    const onSignal = () => {
      signals += 1;
      if (signals === 1) void stopAll(0).then(resolve);
      else {
        say('forced stop');
        killNow(children);
        storage.killNow();
        process.exit(130);
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    for (const c of children) {
      void c.exited.then((code) => {
        if (stopping) return;
        say(`${c.name} exited unexpectedly (code ${code}); stopping everything`);
        void stopAll(1).then(resolve);
      });
    }
  });

  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const suffix = config.taskQueueSuffix;
  const upAndPolling = async () =>
    (await waitForReady(`${url}/readyz`, 120_000)) &&
    (await waitForPollers(
      temporal.address,
      target.namespace,
      [
        { name: TaskQueue.orchestration + suffix, kind: 'workflow' },
        { name: TaskQueue.training + suffix, kind: 'activity' },
      ],
      120_000,
    ));
  const ready = await Promise.race([upAndPolling(), done.then(() => false)]);
  if (ready) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(
      [
        '',
        `  Atelier is up (${seconds} s)`,
        `  API          ${url}/v1/trainings`,
        `  API docs     ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
        `  Temporal UI  ${temporal.uiUrl ?? '(external server: see its own UI)'}`,
        `  Temporal     ${temporal.address}   data: ${config.dataDir}`,
        `  Storage      ${storage.how.replace(/^storage: /, '')}`,
        '  Ctrl-C stops everything.',
        '',
      ].join('\n') + '\n',
    );
  }
  return done;
}
