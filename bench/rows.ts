/** The named figures of issue 7 (plus a few for context), each with its unit and how it was taken. */
import { type Summary } from './stats.ts';
import { type MetricRow } from './results.ts';
import { type OverheadResult } from './orchestration-overhead.ts';
import { type RecoveryResult } from './recovery.ts';
import { type RssResult } from './rss-queued.ts';
import { type TakeoverResult } from './takeovers-under-load.ts';
import { type SubmitLatency } from './submit-latency.ts';
import { type SustainedResult } from './sustained.ts';
import { storageRows } from './storage-rows.ts';
import { type StorageSpeedResult } from './storage-speed.ts';
import { trainerRows } from './trainer-rows.ts';
import { type TrainerSpeedResult } from './trainer-speed.ts';
import { type ThreadStartResult } from './trainer-thread-start.ts';

type Details = Record<string, unknown>;

const num = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) / 100 : null;

export function rowsOf(d: Details): MetricRow[] {
  const submit = d.submit as SubmitLatency | undefined;
  const queued = d.statusQueued as Summary | undefined;
  const succeeded = d.statusSucceeded as Summary | undefined;
  const succeeded65 = d.statusSucceeded65 as Summary | undefined;
  const overhead = d.overhead as OverheadResult | undefined;
  const recovery = d.recovery as RecoveryResult | undefined;
  const rss = d.rss as RssResult | undefined;
  const takeovers = d.takeovers as TakeoverResult | undefined;
  const sustained = d.sustained as SustainedResult | undefined;
  const decode = d.decode as Record<string, number> | undefined;
  const c20 = 'concurrency 20';
  return [
    {
      name: 'submit_gateway_p50_ms',
      value: num(submit?.gateway.p50),
      unit: 'ms',
      how: `POST /v1/trainings (JSON, 64×48 PNG), ${c20}, ${submit?.gateway.n ?? 0} requests`,
    },
    { name: 'submit_gateway_p99_ms', value: num(submit?.gateway.p99), unit: 'ms', how: 'same requests' },
    {
      name: 'submit_direct_p50_ms',
      value: num(submit?.direct.p50),
      unit: 'ms',
      how: `SDK client starting the same workflow (same input, memo, search attributes), ${c20}`,
    },
    { name: 'submit_direct_p99_ms', value: num(submit?.direct.p99), unit: 'ms', how: 'same starts' },
    {
      name: 'submit_gateway_c1_p50_ms',
      value: num(submit?.gatewaySequential.p50),
      unit: 'ms',
      how: 'POST /v1/trainings one at a time (context)',
    },
    {
      name: 'submit_direct_c1_p50_ms',
      value: num(submit?.directSequential.p50),
      unit: 'ms',
      how: 'SDK start one at a time (context)',
    },
    {
      name: 'orchestration_overhead_p50_ms',
      value: num(overhead?.overheadMs.p50),
      unit: 'ms',
      how: `1-iteration job, end-to-end minus activity time, server history timestamps, ${overhead?.overheadMs.n ?? 0} jobs one at a time`,
    },
    {
      name: 'status_get_p50_ms',
      value: num(queued?.p50),
      unit: 'ms',
      how: `GET /v1/trainings/{id} of a waiting job (queue of 20), ${c20}`,
    },
    { name: 'status_get_p99_ms', value: num(queued?.p99), unit: 'ms', how: 'same requests (context)' },
    {
      name: 'status_get_succeeded_p50_ms',
      value: num(succeeded?.p50),
      unit: 'ms',
      how: `GET of a finished job (describe + artifact list), ${c20} (context)`,
    },
    {
      name: 'status_get_succeeded_65_p50_ms',
      value: num(succeeded65?.p50),
      unit: 'ms',
      how: `GET of a finished lutSize 65 job (8 MB style.cube; hashes cached by file identity), ${c20} (context)`,
    },
    {
      name: 'recovery_after_kill_s',
      value: num(recovery?.recoveryAfterKillS),
      unit: 's',
      how: 'SIGKILL of the training worker mid-job, a second one idle → next attempt running (heartbeat timeout 2.5 s + 0.2 s first retry)',
    },
    {
      name: 'recovery_restart_only_s',
      value: num(recovery?.restartOnly.runningAgainAfterS),
      unit: 's',
      how: `SIGKILL of the only training worker, restarted at once → next attempt running (its start-up: serving after ${num(recovery?.restartOnly.workerServingAfterS)} s)`,
    },
    {
      name: 'noticed_after_kill_s',
      value: num(recovery?.noticedAfterS),
      unit: 's',
      how: 'first kill → the server gave up on the attempt (its attempt number went up)',
    },
    {
      name: 'iterations_redone_after_kill',
      value: num(recovery?.iterationsRedone),
      unit: 'iterations',
      how: 'iteration at the kill (fresh heartbeat) − checkpoint resumed from (lutSize 65, checkpoint every 1 s)',
    },
    {
      name: 'seconds_redone_after_kill',
      value: num(recovery?.secondsRedone),
      unit: 's',
      how: 'training time lost: the kill − when the checkpoint resumed from was written',
    },
    {
      name: 'false_takeovers_loaded',
      value: num(takeovers?.falseTakeovers),
      unit: 'attempts',
      how: `heartbeat timeouts of a training job that nobody killed, ${takeovers?.windowS ?? '?'} s with ${takeovers?.burners ?? '?'} CPU burners (load ${num(takeovers?.loadAverage1m.start)} → ${num(takeovers?.loadAverage1m.end)}), timeout 2.5 s`,
    },
    {
      name: 'heartbeat_gap_max_ms_loaded',
      value: num(takeovers?.heartbeatGapsMs.max),
      unit: 'ms',
      how: `largest gap between heartbeats the server recorded in that window (p99 ${num(takeovers?.heartbeatGapsMs.p99)} ms of ${takeovers?.heartbeatGapsMs.n ?? 0})`,
    },
    ...trainerRows(
      d.trainer as TrainerSpeedResult | undefined,
      d.trainerThreadStart as ThreadStartResult | undefined,
    ),
    {
      name: 'event_loop_delay_p99_ms',
      value: num(recovery?.eventLoop.p99),
      unit: 'ms',
      how: `training worker main loop during 10 s of a lutSize 65 training (max ${num(recovery?.eventLoop.max)} ms)`,
    },
    {
      name: 'worker_rss_mb_200_queued',
      value: num(rss?.orchestrationMb),
      unit: 'MB',
      how: `orchestration worker RSS with ${rss?.jobsWaiting ?? '?'} jobs in training phase, 1 slot (idle ${num(rss?.orchestrationIdleMb)} MB)`,
    },
    {
      name: 'training_worker_rss_mb_200_queued',
      value: num(rss?.trainingMb),
      unit: 'MB',
      how: `training worker RSS at the same moment, one lutSize 65 training running (idle ${num(rss?.trainingIdleMb)} MB) (context)`,
    },
    {
      name: 'decode_mp_per_s',
      value: num(decode?.decode_mp_per_s),
      unit: 'MP/s',
      how: `decodeImage activity on a ${decode?.decode_input_mp ?? 12} MP JPEG (decode + resize to 1 MP + blob write)`,
    },
    {
      name: 'sharp_raw_decode_mp_per_s',
      value: num(decode?.sharp_raw_decode_mp_per_s),
      unit: 'MP/s',
      how: 'sharp(jpeg).raw() on the same file, full size',
    },
    {
      name: 'jobs_per_s_sustained',
      value: num(sustained?.jobsPerS),
      unit: 'jobs/s',
      how: `1-iteration jobs, 20 closed-loop clients via the gateway, ${sustained?.windowS ?? 60} s window, 1 training slot`,
    },
    ...storageRows(d.storage as StorageSpeedResult | undefined),
  ];
}
