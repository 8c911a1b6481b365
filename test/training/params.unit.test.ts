import { describe, expect, it } from 'vitest';
import {
  ColorLutParamsSchema,
  DEFAULT_COLOR_LUT_PARAMS,
  describeColorLutParams,
} from '../../src/training/color-lut/params.ts';

describe('ColorLutParamsSchema', () => {
  it('fills the documented defaults', () => {
    expect(ColorLutParamsSchema.parse({})).toEqual({
      seed: 42,
      iterations: 100,
      lutSize: 33,
      strength: 1,
      smoothing: 0,
      patience: 10,
    });
    expect(DEFAULT_COLOR_LUT_PARAMS.lutSize).toBe(33);
  });

  it.each([
    ['seed', -1],
    ['seed', 2 ** 31],
    ['seed', 1.5],
    ['iterations', 0],
    ['iterations', 1001],
    ['lutSize', 32],
    ['lutSize', '33'],
    ['strength', 1.01],
    ['smoothing', -0.1],
    ['patience', 0],
    ['patience', 101],
  ])('rejects %s = %j', (field, value) => {
    const result = ColorLutParamsSchema.safeParse({ [field]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual([field]);
  });

  it.each([
    ['seed', 2 ** 31 - 1],
    ['iterations', 1000],
    ['lutSize', 65],
    ['strength', 0],
    ['smoothing', 1],
  ])('accepts %s = %j', (field, value) => {
    expect(ColorLutParamsSchema.parse({ [field]: value })[field as 'seed']).toBe(value);
  });

  it('rejects unknown keys instead of ignoring them', () => {
    const result = ColorLutParamsSchema.safeParse({ iteration: 5 });
    expect(result.error?.issues[0].code).toBe('unrecognized_keys');
  });
});

describe('describeColorLutParams', () => {
  it('lists every parameter with type, default, bounds or allowed values and a description', () => {
    const described = describeColorLutParams();
    expect(described.map((p) => p.name)).toEqual(Object.keys(DEFAULT_COLOR_LUT_PARAMS));
    expect(described.find((p) => p.name === 'lutSize')).toMatchObject({
      type: 'integer',
      default: 33,
      enum: [17, 33, 65],
    });
    expect(described.find((p) => p.name === 'seed')).toMatchObject({
      type: 'integer',
      default: 42,
      minimum: 0,
      maximum: 2 ** 31 - 1,
    });
    expect(described.find((p) => p.name === 'strength')).toMatchObject({
      type: 'number',
      default: 1,
      minimum: 0,
      maximum: 1,
    });
    for (const p of described) {
      expect(p.default).toEqual(DEFAULT_COLOR_LUT_PARAMS[p.name as keyof typeof DEFAULT_COLOR_LUT_PARAMS]);
      expect(p.description.length).toBeGreaterThan(20);
    }
    expect(JSON.parse(JSON.stringify(described))).toEqual(described);
  });
});
