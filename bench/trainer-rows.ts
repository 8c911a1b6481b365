/** The trainer's figures: Atelier vs the numpy reference per lattice size, and what a job pays for its thread. */
import { type MetricRow } from './results.ts';
import { type TrainerSpeedResult } from './trainer-speed.ts';
import { type ThreadStartResult } from './trainer-thread-start.ts';

const num = (v: number | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) / 100 : null;

export function trainerRows(speed?: TrainerSpeedResult, start?: ThreadStartResult): MetricRow[] {
  const photo = `1024×768 photo (${speed?.targetSamples ?? '?'} target samples), one thread, best of alternating rounds`;
  const rows: MetricRow[] = [];
  for (const size of [17, 33, 65]) {
    const ours = speed?.atelier[size]?.iterationsPerCpuS;
    const numpy = speed?.numpy[size]?.iterationsPerCpuS;
    rows.push(
      {
        name: `trainer_iterations_per_s_${size}`,
        value: num(ours),
        unit: 'it/s',
        how: size === 17 ? `Atelier trainer, ${size}³, per CPU second; ${photo}` : `same, ${size}³`,
      },
      {
        name: `numpy_iterations_per_s_${size}`,
        value: num(numpy),
        unit: 'it/s',
        how: `bench/numpy-reference (numpy ${speed?.numpyVersion ?? '?'}), same algorithm and inputs, ${size}³`,
      },
      {
        name: `trainer_vs_numpy_${size}`,
        value: ours && numpy ? num(ours / numpy) : null,
        unit: '×',
        how: `Atelier it/s ÷ numpy it/s, ${size}³ (wall-clock: ${num(speed?.atelier[size]?.iterationsPerS)} vs ${num(speed?.numpy[size]?.iterationsPerS)} it/s)`,
      },
    );
  }
  const small = '1-iteration 17³ job on 64×48 pixels, median of 8';
  rows.push(
    {
      name: 'trainer_job_ms_cold_thread_ts',
      value: num(start?.coldTs.wallMs.p50),
      unit: 'ms',
      how: `${small}: fresh thread + TypeScript loader per job (before); CPU ${num(start?.coldTs.cpuMsPerJob)} ms/job`,
    },
    {
      name: 'trainer_job_ms_cold_thread_js',
      value: num(start?.coldJs.wallMs.p50),
      unit: 'ms',
      how: `same, fresh thread per job running the precompiled bundle; CPU ${num(start?.coldJs.cpuMsPerJob)} ms/job`,
    },
    {
      name: 'trainer_job_ms_warm_pool',
      value: num(start?.warm.wallMs.p50),
      unit: 'ms',
      how: `same, warm pooled thread (now); CPU ${num(start?.warm.cpuMsPerJob)} ms/job`,
    },
    {
      name: 'trainer_job_ms_compute_only',
      value: num(start?.compute.wallMs.p50),
      unit: 'ms',
      how: `same job's training alone, no thread (the floor); CPU ${num(start?.compute.cpuMsPerJob)} ms/job`,
    },
  );
  return rows;
}
