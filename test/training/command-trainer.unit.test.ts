/**
 * The command trainer against the real fixture process (no Temporal): the protocol's
 * happy path, resume, log capture, exits, and what cancellation does to the process group.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandTrainer } from '../../src/training/command/command-trainer.ts';
import { decodeState } from '../../src/training/command/state-container.ts';
import { TrainerBadInputError } from '../../src/training/trainer.ts';
import {
  fixturePids,
  fixtureSpec,
  fixtureTrainer,
  isProcessAlive,
  loggedPid,
  recordedRun,
  waitFor,
  type RecordedRun,
} from '../fixtures/command-fixture.ts';

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

describe('command trainer: success, resume and output', () => {
  const trainer = fixtureTrainer();
  /** What the trainer publishes for a run that ended in `finalState`. */
  const artifactsOf = (rec: RecordedRun, finalState: Uint8Array) =>
    trainer.artifacts({ styleName: 's', params: rec.run.params, finalState, pixels: rec.run.pixels });

  it('runs the command, reports progress and checkpoints, and packs its artifacts into the final state', async () => {
    const rec = recordedRun(trainer, 'ok-1', { steps: 12, sleepMs: 5, checkpointEvery: 4 });
    const outcome = await trainer.train(rec.run);
    expect(outcome).toMatchObject({ iterations: 12, total: 12, finalLoss: 1 / 12 });
    expect(rec.progress.map((p) => p.iteration)).toEqual([1, 2, 3, 4, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12]);
    expect(rec.checkpoints.map((c) => c.iteration)).toEqual([4, 8]);
    expect(decodeState(rec.checkpoints[1].data)).toMatchObject({
      kind: 'checkpoint',
      iteration: 8,
      files: [{ name: 'ckpt-000008.json' }],
    });

    const files = await artifactsOf(rec, outcome.finalState);
    expect(files.map((f) => f.name)).toEqual(['result.json', 'weights.bin']);
    const result = JSON.parse(text(files[0].data)) as Record<string, unknown>;
    expect(result).toMatchObject({ resumedFrom: 0, iterations: 12, image: { width: 4, height: 3 } });
    expect(trainer.lossCurve(outcome.finalState)).toEqual(Array.from({ length: 12 }, (_, i) => 1 / (i + 1)));
  });

  it('resumes from its checkpoint: the restored file is handed over and the loss curve continues', async () => {
    const first = recordedRun(trainer, 'resume-1', { steps: 10, sleepMs: 5, checkpointEvery: 3 });
    await trainer.train(first.run);
    const ckpt = first.checkpoints.find((c) => c.iteration === 6)!;

    const second = recordedRun(
      trainer,
      'resume-1',
      { steps: 10, sleepMs: 5, checkpointEvery: 3 },
      { iteration: 6, data: ckpt.data },
    );
    const outcome = await trainer.train(second.run);
    expect(second.progress[0].iteration).toBe(7);
    expect(second.logs).toContainEqual({ level: 'info', message: 'resuming from iteration 6' });
    const [result] = await artifactsOf(second, outcome.finalState);
    expect(JSON.parse(text(result.data))).toMatchObject({ resumedFrom: 6, iterations: 10 });
    expect(trainer.lossCurve(outcome.finalState)).toEqual(Array.from({ length: 10 }, (_, i) => 1 / (i + 1)));
  });

  it('resuming from a final state returns it without running the command again', async () => {
    const first = recordedRun(trainer, 'final-1', { steps: 3, sleepMs: 1 });
    const done = await trainer.train(first.run);
    const again = recordedRun(
      trainer,
      'final-1',
      { steps: 3, sleepMs: 1 },
      { iteration: 3, data: done.finalState },
    );
    expect(await trainer.train(again.run)).toEqual(done);
    expect(again.logs).toEqual([]);
  });

  it('a checkpoint it cannot use (another trainer’s bytes) means starting over, with a warning', async () => {
    const rec = recordedRun(
      trainer,
      'foreign-1',
      { steps: 3, sleepMs: 1 },
      { iteration: 7, data: new Uint8Array([1, 2, 3]) },
    );
    expect(await trainer.train(rec.run)).toMatchObject({ iterations: 3 });
    expect(rec.progress[0].iteration).toBe(1);
    expect(rec.logs[0]).toEqual({
      level: 'warn',
      message: 'latest checkpoint (iteration 7) is not a command-trainer state; starting from scratch',
    });
  });

  it('garbage on stdout is logged as a warning, not fatal; stderr lines reach onLog', async () => {
    const rec = recordedRun(trainer, 'chatty-1', { steps: 2, sleepMs: 1 });
    await trainer.train(rec.run);
    expect(rec.logs).toContainEqual({
      level: 'warn',
      message: 'ignored trainer stdout line (not a JSON object): this line is not JSON, just chatter',
    });
    expect(rec.logs).toContainEqual({ level: 'info', message: 'stderr: fixture: warming up (stderr)' });
  });

  it('an artifact reported outside the output dir is refused (logged), the others are kept', async () => {
    const rec = recordedRun(trainer, 'escape-1', { steps: 2, sleepMs: 1, escape: true });
    const outcome = await trainer.train(rec.run);
    const files = await artifactsOf(rec, outcome.finalState);
    expect(files.map((f) => f.name)).toEqual(['result.json', 'weights.bin']);
    expect(
      rec.logs.some((l) => l.level === 'warn' && /artifact escaped\.png: .* is outside /.test(l.message)),
    ).toBe(true);
  });
});

describe('command trainer: exits', () => {
  const trainer = fixtureTrainer();

  it('exit 65 → TrainerBadInputError carrying the trainer’s last message', async () => {
    const rec = recordedRun(trainer, 'bad-1', { fail: 'bad-input' });
    const err = await trainer.train(rec.run).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainerBadInputError);
    expect((err as Error).message).toBe(
      'trainer fixture rejected its input: reference image rejected: fixture asked to fail with bad input',
    );
  });

  it('any other exit → a plain (retryable) Error with the tail of stderr', async () => {
    const rec = recordedRun(trainer, 'crash-1', { fail: 'crash' });
    const err = await trainer.train(rec.run).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(TrainerBadInputError);
    expect((err as Error).message).toBe(
      'trainer fixture exited with code 3; stderr:\nfixture: warming up (stderr)\nfixture: simulated crash',
    );
  });

  it('a command that cannot be started → a retryable Error saying so', async () => {
    const missing = createCommandTrainer({ ...fixtureSpec(), command: ['atelier-no-such-trainer-command'] });
    const err = await missing.train(recordedRun(missing, 'missing-1', {}).run).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(TrainerBadInputError);
    expect((err as Error).message).toMatch(
      /^cannot start trainer command "atelier-no-such-trainer-command": spawn .* ENOENT$/,
    );
  });

  it('a helper left running after exit 0 is killed, and the run still succeeds', async () => {
    const rec = recordedRun(trainer, 'leftover-1', { steps: 3, sleepMs: 1, leaveGrandchild: true });
    const outcome = await trainer.train(rec.run);
    expect(outcome.iterations).toBe(3);
    expect(await isProcessAlive(loggedPid(rec.logs, 'grandchild')!)).toBe(false);
    expect(rec.logs.some((l) => l.level === 'warn' && /exited leaving 1 process/.test(l.message))).toBe(true);
  });
});

describe('command trainer: cancellation stops the whole process group', () => {
  let pidDir: string;
  let workRoot: string;
  beforeAll(async () => {
    pidDir = await mkdtemp(path.join(os.tmpdir(), 'atelier-cmd-pids-'));
    workRoot = await mkdtemp(path.join(os.tmpdir(), 'atelier-cmd-work-'));
  });
  afterAll(async () => {
    await rm(pidDir, { recursive: true, force: true });
    await rm(workRoot, { recursive: true, force: true });
  });

  it('SIGTERM: trainer and grandchild are gone before train() rejects with the abort reason', async () => {
    const trainer = fixtureTrainer({ pidDir, workDir: workRoot, gracePeriodMs: 5_000 });
    const rec = recordedRun(trainer, 'cancel-1', { steps: 10_000, sleepMs: 10, grandchild: true });
    const running = trainer.train(rec.run);
    await waitFor(() => rec.progress.length >= 3);
    const pids = await fixturePids(pidDir, 'cancel-1');
    expect(pids.map((p) => p.role)).toEqual(['trainer', 'grandchild']);
    const reason = new Error('cancelled by test');
    rec.abort.abort(reason);
    await expect(running).rejects.toBe(reason);
    for (const { pid } of pids) expect(await isProcessAlive(pid)).toBe(false);
    expect(await readdir(workRoot)).toEqual([]);
    // The fixture honours SIGTERM: it stopped within the grace period, so no SIGKILL was needed.
    expect(rec.logs).toContainEqual({ level: 'warn', message: 'SIGTERM: stopping' });
    expect(rec.logs.some((l) => /SIGKILL/.test(l.message))).toBe(false);
  });

  it('a checkpoint the trainer writes on SIGTERM is stored before train() rejects', async () => {
    const trainer = fixtureTrainer({ pidDir, workDir: workRoot });
    const params = { steps: 10_000, sleepMs: 10, checkpointEvery: 10_000, checkpointOnSigterm: true };
    const rec = recordedRun(trainer, 'term-ckpt-1', params);
    const running = trainer.train(rec.run);
    await waitFor(() => rec.progress.length >= 7);
    rec.abort.abort(new Error('pause'));
    await expect(running).rejects.toThrow('pause');
    expect(rec.checkpoints).toHaveLength(1);
    expect(rec.checkpoints[0].iteration).toBeGreaterThanOrEqual(7);
    expect(decodeState(rec.checkpoints[0].data).losses).toHaveLength(rec.checkpoints[0].iteration);
  });

  it('a trainer ignoring SIGTERM is SIGKILLed (with its group) after the grace period', async () => {
    const trainer = fixtureTrainer({ pidDir, workDir: workRoot, gracePeriodMs: 700 });
    const rec = recordedRun(trainer, 'stubborn-1', {
      steps: 10_000,
      sleepMs: 10,
      grandchild: true,
      ignoreSigterm: true,
    });
    const running = trainer.train(rec.run);
    await waitFor(() => rec.progress.length >= 3);
    const pids = await fixturePids(pidDir, 'stubborn-1');
    const asked = Date.now();
    rec.abort.abort(new Error('stop'));
    await expect(running).rejects.toThrow('stop');
    const took = Date.now() - asked;
    console.log(`SIGTERM-ignoring trainer gone ${took} ms after abort (grace 700 ms)`);
    expect(took).toBeGreaterThanOrEqual(700); // the grace period is honoured; the SIGKILL itself is in the log below
    for (const { pid } of pids) expect(await isProcessAlive(pid)).toBe(false);
    expect(rec.logs).toContainEqual({ level: 'warn', message: 'ignoring SIGTERM' });
    expect(rec.logs.some((l) => /did not exit within 700 ms of SIGTERM; sent SIGKILL/.test(l.message))).toBe(
      true,
    );
  });

  it('the work dir is removed after every run; an already-aborted run starts nothing', async () => {
    const trainer = fixtureTrainer({ pidDir, workDir: workRoot });
    await trainer.train(recordedRun(trainer, 'tidy-1', { steps: 2, sleepMs: 1 }).run);
    await expect(trainer.train(recordedRun(trainer, 'tidy-2', { fail: 'crash' }).run)).rejects.toThrow(
      'exited with code 3',
    );
    const rec = recordedRun(trainer, 'pre-aborted', { steps: 3 });
    rec.abort.abort(new Error('too late'));
    await expect(trainer.train(rec.run)).rejects.toThrow('too late');
    expect(await fixturePids(pidDir, 'pre-aborted')).toEqual([]);
    expect(await readdir(workRoot)).toEqual([]);
  });
});
