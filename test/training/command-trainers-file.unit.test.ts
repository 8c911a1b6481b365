import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { createCommandTrainer } from '../../src/training/command/command-trainer.ts';
import {
  TrainersFileError,
  parseTrainersFile,
  readTrainersFile,
} from '../../src/training/command/trainers-file.ts';
import { loadTrainers } from '../../src/training/load-trainers.ts';
import { InvalidParamsError } from '../../src/training/trainer.ts';
import { FIXTURE_TRAINERS_FILE } from '../fixtures/command-fixture.ts';

const minimal = (extra: Record<string, unknown> = {}) => ({
  trainers: { lora: { command: ['python3', 'train.py'], totalIterations: 100, ...extra } },
});

describe('trainers file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atelier-trainers-'));
    await writeFile(path.join(dir, 'train.sh'), '#!/bin/sh\n');
    await chmod(path.join(dir, 'train.sh'), 0o755);
    await writeFile(path.join(dir, 'not-executable.sh'), '#!/bin/sh\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const file = () => path.join(dir, 'trainers.json');

  it('reads the fixture file, resolving cwd against the file’s directory', () => {
    const [spec] = readTrainersFile(FIXTURE_TRAINERS_FILE);
    expect(spec).toMatchObject({
      name: 'fixture',
      command: ['node', './fixture-trainer.mjs'],
      iterationsParam: 'steps',
      gracePeriodMs: 1000,
    });
    expect(spec.cwd).toBe(path.dirname(FIXTURE_TRAINERS_FILE));
  });

  it('fills defaults and resolves a path-like command and workDir', () => {
    const [spec] = parseTrainersFile(
      { workDir: '.', trainers: { sh: { command: ['./train.sh', '--x'], totalIterations: 3 } } },
      file(),
    );
    expect(spec).toEqual({
      name: 'sh',
      command: [path.join(dir, 'train.sh'), '--x'],
      description: '',
      version: '1',
      parameters: [],
      totalIterations: 3,
      gracePeriodMs: 10_000,
      env: {},
      inheritEnv: true,
      cwd: dir,
      workDir: dir,
    });
  });

  const bad: [string, unknown, string][] = [
    ['no trainers key', {}, 'trainers: Invalid input'],
    ['an unknown top-level key', { ...minimal(), extra: 1 }, '(root): Unrecognized key: "extra"'],
    [
      'a bad trainer name',
      { trainers: { 'has space': { command: ['x'], totalIterations: 1 } } },
      'trainers.has space: must match',
    ],
    ['an empty command', minimal({ command: [] }), 'trainers.lora.command: Too small'],
    ['a typo in a field', minimal({ gracePeriod: 5 }), 'trainers.lora: Unrecognized key: "gracePeriod"'],
    ['a negative grace period', minimal({ gracePeriodMs: -1 }), 'trainers.lora.gracePeriodMs: Too small'],
    [
      'a reserved env name',
      minimal({ env: { ATELIER_IMAGE: 'x' } }),
      'trainers.lora.env.ATELIER_IMAGE: must be a variable name not starting with ATELIER_',
    ],
    [
      'no iteration count',
      { trainers: { lora: { command: ['x'] } } },
      'trainers.lora: one of iterationsParam or totalIterations is required',
    ],
    [
      'an undeclared iterationsParam',
      minimal({ totalIterations: undefined, iterationsParam: 'steps' }),
      'trainers.lora.iterationsParam: "steps" is not a declared parameter',
    ],
    [
      'a non-integer iterationsParam',
      minimal({
        totalIterations: undefined,
        iterationsParam: 'steps',
        parameters: [{ name: 'steps', type: 'number', default: 1 }],
      }),
      'trainers.lora.iterationsParam: parameter "steps" must be of type integer',
    ],
    [
      'a default out of bounds',
      minimal({ parameters: [{ name: 'rank', type: 'integer', default: 0, minimum: 1 }] }),
      'trainers.lora.parameters.0.default: 0 does not satisfy',
    ],
    [
      'a bad parameter type',
      minimal({ parameters: [{ name: 'rank', type: 'float' }] }),
      'trainers.lora.parameters.0.type: Invalid option',
    ],
    [
      'duplicate parameters',
      minimal({
        parameters: [
          { name: 'a', type: 'integer' },
          { name: 'a', type: 'string' },
        ],
      }),
      'trainers.lora.parameters.1.name: duplicate parameter "a"',
    ],
    [
      'an enum of the wrong type',
      minimal({ parameters: [{ name: 'm', type: 'string', enum: ['a', 2] }] }),
      'trainers.lora.parameters.0.enum.1: 2 is not a valid string here',
    ],
    [
      'an unknown placeholder',
      minimal({ command: ['x', '{imagePath}'] }),
      'trainers.lora.command.1: unknown placeholder {imagePath}',
    ],
    [
      'a placeholder for no parameter',
      minimal({ command: ['x', '--r={param:rank}'] }),
      'trainers.lora.command.1: {param:rank} names no declared parameter',
    ],
    [
      'a missing cwd',
      minimal({ cwd: 'nope' }),
      `trainers.lora.cwd: ${path.join('DIR', 'nope')} does not exist`,
    ],
    [
      'a command that is not executable',
      minimal({ command: ['./not-executable.sh'] }),
      'trainers.lora.command.0: DIR/not-executable.sh is not an executable file',
    ],
  ];
  it.each(bad)('refuses %s, naming the file and the field', (_name, json, message) => {
    let err: unknown;
    try {
      parseTrainersFile(json, file());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TrainersFileError);
    expect(err).toBeInstanceOf(ConfigError); // the CLI prints it as a configuration error, without a stack
    expect((err as Error).message).toContain(`invalid trainers file ${file()}:`);
    expect((err as Error).message).toContain(message.replace('DIR', dir));
  });

  it('refuses unreadable JSON, naming the file', async () => {
    await writeFile(file(), '{ "trainers": ');
    expect(() => readTrainersFile(file())).toThrow(
      new RegExp(`invalid trainers file ${file()}:\\n  \\(file\\): .*JSON`),
    );
  });

  it('loadTrainers adds the file’s trainers to the built-in one, and refuses a built-in’s name', async () => {
    const registry = await loadTrainers({ trainersFile: FIXTURE_TRAINERS_FILE });
    expect(registry.names()).toEqual(['color-lut', 'fixture']);
    await writeFile(
      file(),
      JSON.stringify({ trainers: { 'color-lut': { command: ['x'], totalIterations: 1 } } }),
    );
    await expect(loadTrainers({ trainersFile: file() })).rejects.toThrow(
      `trainers.color-lut: "color-lut" is the name of a built-in trainer`,
    );
    await expect(loadTrainers({ trainersFile: path.join(dir, 'missing.json') })).rejects.toThrow(
      /invalid trainers file .*missing\.json:\n {2}\(file\): ENOENT/,
    );
  });
});

describe('command trainer parameters', () => {
  const [spec] = parseTrainersFile(
    minimal({
      totalIterations: undefined,
      iterationsParam: 'steps',
      parameters: [
        { name: 'steps', type: 'integer', description: 'Steps.', default: 500, minimum: 1, maximum: 5000 },
        { name: 'lr', type: 'number', default: 0.0001, minimum: 0 },
        { name: 'prompt', type: 'string', required: true },
        { name: 'mode', type: 'string', enum: ['fast', 'slow'] },
        { name: 'fp16', type: 'boolean', default: true },
      ],
    }),
    path.join(os.tmpdir(), 'trainers.json'),
  );
  const trainer = createCommandTrainer(spec);

  it('lists the declared parameters for GET /v1/base-models', () => {
    expect(trainer.parameters).toEqual([
      { name: 'steps', type: 'integer', description: 'Steps.', default: 500, minimum: 1, maximum: 5000 },
      { name: 'lr', type: 'number', description: '', default: 0.0001, minimum: 0 },
      { name: 'prompt', type: 'string', description: '' },
      { name: 'mode', type: 'string', description: '', enum: ['fast', 'slow'] },
      { name: 'fp16', type: 'boolean', description: '', default: true },
    ]);
  });

  it('fills defaults, leaves optional ones out, and derives the total from iterationsParam', () => {
    const params = trainer.parseParams({ prompt: 'a cat' });
    expect(params).toEqual({ steps: 500, lr: 0.0001, prompt: 'a cat', fp16: true });
    expect(trainer.totalIterations(params)).toBe(500);
    expect(trainer.totalIterations(trainer.parseParams({ prompt: 'x', steps: 7 }))).toBe(7);
  });

  const invalid: [string, Record<string, unknown>, { field: string; message: string }[]][] = [
    [
      'a missing required parameter',
      {},
      [{ field: 'prompt', message: 'Invalid input: expected string, received undefined' }],
    ],
    ['an unknown parameter', { prompt: 'x', stpes: 3 }, [{ field: 'stpes', message: 'unknown parameter' }]],
    [
      'a fraction for an integer',
      { prompt: 'x', steps: 1.5 },
      [{ field: 'steps', message: 'Invalid input: expected int, received number' }],
    ],
    [
      'a value above maximum',
      { prompt: 'x', steps: 5001 },
      [{ field: 'steps', message: 'Too big: expected number to be <=5000' }],
    ],
    [
      'a value outside the enum',
      { prompt: 'x', mode: 'medium' },
      [{ field: 'mode', message: 'must be one of "fast", "slow"' }],
    ],
    [
      'a string for a boolean',
      { prompt: 'x', fp16: 'yes' },
      [{ field: 'fp16', message: 'Invalid input: expected boolean, received string' }],
    ],
  ];
  it.each(invalid)('refuses %s, naming the field', (_name, raw, fields) => {
    let err: unknown;
    try {
      trainer.parseParams(raw);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidParamsError);
    expect((err as InvalidParamsError).fields).toEqual(fields);
  });
});
