/**
 * Shows a followed job on stderr. On a terminal: a live bar (cli-progress) with
 * iteration, loss and the server's ETA, with the job's events printed above it. Not on
 * a terminal (pipes, CI logs): one plain line per event and per progress sample.
 */
import cliProgress from 'cli-progress';
import { type JobEvent } from '../../events/job-event.ts';
import { type ProgressSample } from '../../jobs/api-job.ts';
import { type FollowHandlers } from './follow-job.ts';

export interface ProgressView extends FollowHandlers {
  stop(): void;
}

function etaText(eta: string | null): string {
  if (!eta) return '--';
  const s = Math.max(0, Math.round((Date.parse(eta) - Date.now()) / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

const lossText = (loss: number | null) => (loss === null ? '--' : loss.toPrecision(4));

export function createProgressView(stream: NodeJS.WriteStream = process.stderr): ProgressView {
  const line = (e: JobEvent) => `[${e.at.slice(11, 19)}] ${e.message}`;
  if (!stream.isTTY) {
    return {
      onEvent: (e) => stream.write(`${line(e)}\n`),
      onProgress: (p: ProgressSample) =>
        stream.write(
          `progress ${p.iteration}/${p.total} (${p.percent}%) loss ${lossText(p.loss)} eta ${etaText(p.eta)}\n`,
        ),
      stop: () => undefined,
    };
  }
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: ' {bar} {percentage}% | iteration {value}/{total} | loss {loss} | ETA {etaText}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let bar: cliProgress.SingleBar | undefined;
  return {
    onEvent: (e) => bars.log(`${line(e)}\n`),
    onProgress(p) {
      const payload = { loss: lossText(p.loss), etaText: etaText(p.eta) };
      bar ??= bars.create(p.total, 0, payload);
      bar.setTotal(p.total);
      bar.update(p.iteration, payload);
    },
    stop: () => bars.stop(),
  };
}
