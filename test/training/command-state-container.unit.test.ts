import { describe, expect, it } from 'vitest';
import {
  StateContainerError,
  decodeState,
  encodeState,
  isStateContainer,
  type CommandState,
} from '../../src/training/command/state-container.ts';

const bytes = (s: string) => new Uint8Array(Buffer.from(s));
const final: CommandState = {
  kind: 'final',
  iteration: 3,
  total: 3,
  losses: [
    [1, 0.5],
    [2, 0.25],
    [3, 0.125],
  ],
  files: [
    { name: 'weights.bin', data: new Uint8Array([0, 1, 2, 255]) },
    { name: 'lora.safetensors', data: bytes('tensor bytes') },
  ],
};

describe('command-trainer state container', () => {
  it('round-trips, with a final state’s files sorted by name', () => {
    const encoded = encodeState(final);
    expect(isStateContainer(encoded)).toBe(true);
    const decoded = decodeState(encoded);
    expect(decoded).toMatchObject({ kind: 'final', iteration: 3, total: 3, losses: final.losses });
    expect(decoded.files.map((f) => [f.name, Buffer.from(f.data).toString('hex')])).toEqual([
      ['lora.safetensors', Buffer.from('tensor bytes').toString('hex')],
      ['weights.bin', '000102ff'],
    ]);
  });

  it('is deterministic: the same contents give the same bytes whatever the report order', () => {
    const a = encodeState(final);
    const b = encodeState({ ...final, files: [...final.files].reverse() });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('has the documented layout: magic, big-endian header length, JSON header, payload', () => {
    const encoded = Buffer.from(
      encodeState({
        kind: 'checkpoint',
        iteration: 5,
        total: 10,
        losses: [[5, 1]],
        files: [{ name: 'c.pt', data: bytes('xyz') }],
      }),
    );
    expect(encoded.subarray(0, 8).toString('ascii')).toBe('ATLCMDS1');
    const length = encoded.readUInt32BE(8);
    const header = JSON.parse(encoded.subarray(12, 12 + length).toString('utf8'));
    expect(header).toEqual({
      kind: 'checkpoint',
      iteration: 5,
      total: 10,
      losses: [[5, 1]],
      files: [
        {
          name: 'c.pt',
          bytes: 3,
          sha256: '3608bca1e44ea6c4d268eb6db02260269892c0b42b86bbf1e77a6fa16c3c9282',
        },
      ],
    });
    expect(encoded.subarray(12 + length).toString()).toBe('xyz');
  });

  const encoded = Buffer.from(encodeState(final));
  const flipped = Buffer.from(encoded);
  flipped[flipped.length - 1] ^= 0xff;
  const cases: [string, Uint8Array, RegExp][] = [
    ['bad magic', bytes('NOTASTATE-and-more'), /bad magic/],
    ['a truncated header', encoded.subarray(0, 20), /truncated state header/],
    ['a truncated payload', encoded.subarray(0, encoded.length - 2), /is cut short/],
    ['trailing bytes', Buffer.concat([encoded, Buffer.from([0])]), /unexpected trailing bytes/],
    ['a flipped payload byte', flipped, /sha256 of weights.bin does not match/],
  ];
  it.each(cases)('refuses %s', (_name, input, message) => {
    expect(() => decodeState(input)).toThrow(StateContainerError);
    expect(() => decodeState(input)).toThrow(message);
  });
});
