import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnv, expandArgs, type RunPaths } from '../../src/training/command/command-line.ts';
import { createLineSplitter } from '../../src/training/command/line-splitter.ts';
import { parseStdoutLine } from '../../src/training/command/protocol.ts';
import { ReportedPathError, resolveReportedFile } from '../../src/training/command/run-dir.ts';
import { RunProgress } from '../../src/training/command/run-progress.ts';

describe('stdout line parser', () => {
  const valid: [string, unknown][] = [
    [
      '{"type":"progress","iteration":3,"total":10,"loss":0.5}',
      { type: 'progress', iteration: 3, total: 10, loss: 0.5 },
    ],
    ['{"type":"progress","iteration":0}', { type: 'progress', iteration: 0 }],
    [
      '  {"type":"progress","iteration":1,"loss":null,"lr":0.001}  ',
      { type: 'progress', iteration: 1, loss: null },
    ],
    [
      '{"type":"checkpoint","iteration":5,"loss":0.2,"path":"c/5.pt"}',
      { type: 'checkpoint', iteration: 5, loss: 0.2, path: 'c/5.pt' },
    ],
    [
      '{"type":"artifact","name":"lora.safetensors","path":"/o/lora.safetensors"}',
      { type: 'artifact', name: 'lora.safetensors', path: '/o/lora.safetensors' },
    ],
    ['{"type":"log","message":"hi"}', { type: 'log', level: 'info', message: 'hi' }],
    [
      '{"type":"log","level":"error","message":"no faces found"}',
      { type: 'log', level: 'error', message: 'no faces found' },
    ],
  ];
  it.each(valid)('accepts %s', (line, message) => {
    expect(parseStdoutLine(line)).toEqual({ ok: true, message });
  });

  const invalid: [string, string][] = [
    ['Epoch 1/10 ━━━━━━ 0.5 loss', 'not a JSON object'],
    ['{"type":"progress",', 'not valid JSON'],
    ['[1,2,3]', 'not a JSON object'],
    ['{"type":"telemetry","x":1}', 'type: Invalid discriminator value'],
    ['{"type":"progress","iteration":-1}', 'iteration: Too small'],
    ['{"type":"progress","iteration":1.5}', 'iteration: Invalid input: expected int'],
    ['{"type":"progress","iteration":1,"total":0}', 'total: Too small'],
    ['{"type":"checkpoint","iteration":1}', 'path: Invalid input'],
    ['{"type":"artifact","name":"../evil","path":"x"}', 'name: must match'],
    ['{"type":"artifact","name":".hidden","path":"x"}', 'name: must match'],
    ['{"type":"artifact","name":"manifest.json","path":"x"}', 'name: is reserved'],
    [`{"type":"artifact","name":"${'a'.repeat(129)}","path":"x"}`, 'name: must match'],
    ['{"type":"log","level":"shout","message":"x"}', 'level: Invalid option'],
  ];
  it.each(invalid)('refuses %s (%s)', (line, reason) => {
    const parsed = parseStdoutLine(line);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toContain(reason);
  });
});

describe('line splitter', () => {
  const split = (chunks: (string | Buffer)[], max?: number) => {
    const lines: [string, boolean][] = [];
    const s = createLineSplitter((l, t) => lines.push([l, t]), max);
    for (const c of chunks) s.push(c);
    s.end();
    return lines;
  };

  it('splits on \\n, \\r\\n and \\r, skipping empty lines and flushing the last one', () => {
    expect(split(['a\nb\r\n', '\nc\rd', 'e'])).toEqual([
      ['a', false],
      ['b', false],
      ['c', false],
      ['de', false],
    ]);
  });

  it('reassembles UTF-8 split across chunks', () => {
    const bytes = Buffer.from('λoss ✓\n');
    expect(split([bytes.subarray(0, 1), bytes.subarray(1, 7), bytes.subarray(7)])).toEqual([
      ['λoss ✓', false],
    ]);
  });

  it('cuts an over-long line and drops the rest of it', () => {
    expect(split(['abcdefgh', 'ijk\nok\n'], 5)).toEqual([
      ['abcde', true],
      ['ok', false],
    ]);
  });
});

describe('reported paths', () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'atelier-paths-'));
    out = path.join(root, 'output');
    await mkdir(path.join(out, 'sub'), { recursive: true });
    await writeFile(path.join(out, 'a.bin'), 'a');
    await writeFile(path.join(out, 'sub', 'b.bin'), 'b');
    await writeFile(path.join(root, 'secret'), 's');
    await symlink(path.join(root, 'secret'), path.join(out, 'link-out'));
    await symlink(path.join(out, 'a.bin'), path.join(out, 'link-in'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it.each([
    ['a.bin', 'a.bin'],
    ['sub/b.bin', 'sub/b.bin'],
    ['ABS:a.bin', 'a.bin'],
    ['link-in', 'a.bin'],
  ])('accepts %s', async (reported, expected) => {
    const p = reported.startsWith('ABS:') ? path.join(out, reported.slice(4)) : reported;
    expect(path.relative(out, await resolveReportedFile(out, p))).toBe(expected);
  });

  it.each([
    ['../secret', /is outside/],
    ['ABS:/etc/passwd', /is outside/],
    ['link-out', /is outside/],
    ['missing.bin', /does not exist/],
    ['sub', /not a regular file/],
    ['.', /is outside/],
  ])('refuses %s', async (reported, message) => {
    const p = reported.startsWith('ABS:') ? reported.slice(4) : reported;
    await expect(resolveReportedFile(out, p)).rejects.toThrow(ReportedPathError);
    await expect(resolveReportedFile(out, p)).rejects.toThrow(message);
  });
});

describe('run progress', () => {
  it('keeps one loss per iteration, ascending, rewriting history when the trainer goes back', () => {
    const p = new RunProgress({
      iteration: 2,
      total: 10,
      losses: [
        [1, 1],
        [2, 0.5],
        [3, 0.3],
      ],
    });
    expect(p.loss).toBe(0.5);
    expect(p.record(3, undefined, 0.33)).toEqual({ iteration: 3, total: 10, loss: 0.33 });
    expect(p.record(4, 12, null)).toEqual({ iteration: 4, total: 12, loss: 0.33 });
    p.record(5, undefined, 0.2);
    p.record(2, undefined, 0.6); // restarted from an earlier point
    expect(p.lossesUpTo(100)).toEqual([
      [1, 1],
      [2, 0.6],
    ]);
    p.record(3, undefined, 0.4);
    expect(p.lossesUpTo(2)).toEqual([
      [1, 1],
      [2, 0.6],
    ]);
  });
});

describe('command line and environment', () => {
  const paths: RunPaths = {
    workDir: '/w',
    image: '/w/input/image.png',
    outputDir: '/w/output',
    checkpointDir: '/w/checkpoints',
    resumeCheckpoint: null,
  };

  it('expands placeholders, leaving other braces alone', () => {
    const args = [
      'train.py',
      '--image={image}',
      '--out',
      '{outputDir}',
      '--steps',
      '{param:steps}',
      '--rank={param:rank}',
      '{params}',
      '{"k":1}',
      '{other}',
    ];
    expect(expandArgs(args, paths, { steps: 100 })).toEqual([
      'train.py',
      '--image=/w/input/image.png',
      '--out',
      '/w/output',
      '--steps',
      '100',
      '--rank=',
      '{"steps":100}',
      '{"k":1}',
      '{other}',
    ]);
  });

  it('passes the protocol variables, never the worker’s own TEMPORAL_* / ATELIER_* ones', () => {
    const base = {
      PATH: '/bin',
      CUDA_VISIBLE_DEVICES: '0',
      TEMPORAL_API_KEY: 'secret',
      ATELIER_WEBHOOK_SECRETS: 'whsec',
      ATELIER_RESUME_CHECKPOINT: '/stale',
    };
    const input = {
      inherit: true,
      extra: { HF_HOME: '/models' },
      jobId: 'j1',
      params: { a: 1 },
      paths,
      resumeIteration: 0,
      checkpointEveryMs: 2000,
    };
    const env = buildEnv(input, base);
    expect(env).toEqual({
      PATH: '/bin',
      CUDA_VISIBLE_DEVICES: '0',
      HF_HOME: '/models',
      ATELIER_JOB_ID: 'j1',
      ATELIER_WORK_DIR: '/w',
      ATELIER_IMAGE: '/w/input/image.png',
      ATELIER_OUTPUT_DIR: '/w/output',
      ATELIER_CHECKPOINT_DIR: '/w/checkpoints',
      ATELIER_PARAMS: '{"a":1}',
      ATELIER_CHECKPOINT_EVERY_MS: '2000',
      PYTHONUNBUFFERED: '1',
    });
    const resumed = buildEnv(
      {
        ...input,
        inherit: false,
        paths: { ...paths, resumeCheckpoint: '/w/resume/c.pt' },
        resumeIteration: 40,
      },
      base,
    );
    expect(resumed.CUDA_VISIBLE_DEVICES).toBeUndefined();
    expect(resumed).toMatchObject({
      PATH: '/bin',
      ATELIER_RESUME_CHECKPOINT: '/w/resume/c.pt',
      ATELIER_RESUME_ITERATION: '40',
    });
  });
});
