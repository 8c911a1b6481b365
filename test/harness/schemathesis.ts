/**
 * A property-based fuzz run of the whole HTTP API with Schemathesis (pinned, in a private
 * venv): requests generated from /openapi.json, positive and negative, against a real
 * gateway on a real port. Checks: no 5xx, and every answer conforms to the document
 * (status code, content type, schema). `npm test` bounds it by examples per operation
 * only, so a seed gives the same cases on every machine however loaded (with a time
 * budget, Schemathesis repeats fuzzing until the time is spent: the cases then depend on
 * the machine's speed). `npm run fuzz` adds a time budget for a long, varied run.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SCHEMATHESIS_VENV, pythonIn } from './python-venvs.ts';

export const FUZZ_CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
];

export interface FuzzBudget {
  maxExamples: number;
  /** Repeat fuzzing until this is spent (a long run); unset, each phase runs once. */
  maxTimeSeconds?: number;
  seed: number;
}

/** Kills a run that exceeds its budget by this much (shrinking, a hung request). */
const OVERRUN_SECONDS = 120;
/** Without a time budget, a count-bound run that takes longer than this is hung. */
export const COUNT_BOUND_LIMIT_SECONDS = 900;

export const runLimitSeconds = (budget: FuzzBudget) =>
  (budget.maxTimeSeconds ?? COUNT_BOUND_LIMIT_SECONDS) + OVERRUN_SECONDS;

export interface FuzzRun {
  code: number | null;
  output: string;
  /** The JUnit report: one test case per operation, failures named. */
  junit: string;
}

export async function runSchemathesis(baseUrl: string, apiKey: string, budget: FuzzBudget): Promise<FuzzRun> {
  const python = await pythonIn(SCHEMATHESIS_VENV);
  const reports = await mkdtemp(path.join(os.tmpdir(), 'atelier-fuzz-'));
  const junitPath = path.join(reports, 'junit.xml');
  const args = [
    '-m',
    'schemathesis.cli',
    'run',
    `${baseUrl}/openapi.json`,
    '--checks',
    FUZZ_CHECKS.join(','),
    '--max-examples',
    String(budget.maxExamples),
    ...(budget.maxTimeSeconds ? ['--max-time', String(budget.maxTimeSeconds)] : []),
    '--generation-database',
    'none',
    '--seed',
    String(budget.seed),
    '--workers',
    '2',
    '--request-timeout',
    '30',
    '--header',
    `Authorization: Bearer ${apiKey}`,
    '--report',
    'junit',
    '--report-junit-path',
    junitPath,
    '--no-color',
  ];
  return new Promise((resolve) => {
    const child = spawn(python, args, {
      cwd: reports, // its cache and reports stay out of the repository
      env: { ...process.env, SCHEMATHESIS_HOOKS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (d: Buffer) => (output = (output + d.toString()).slice(-200_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), runLimitSeconds(budget) * 1000);
    child.on('close', async (code) => {
      clearTimeout(timer);
      resolve({ code, output, junit: await readFile(junitPath, 'utf8').catch(() => '') });
    });
  });
}
