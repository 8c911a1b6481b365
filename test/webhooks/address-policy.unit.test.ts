/**
 * The webhook address filter allows public unicast only: every spelling that reaches
 * our own network, or no single host at all, is refused (issue 10's list included).
 */
import { describe, expect, it } from 'vitest';
import { isPrivateAddress, refusalOf } from '../../src/webhooks/address-policy.ts';

const STRICT = { allowPrivate: false, allowHttp: false };

describe('webhook address policy', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '198.18.0.1',
    '198.19.255.254',
    '224.0.0.1',
    '239.255.255.250',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::127.0.0.1',
    '::ffff:10.0.0.1',
    '64:ff9b::7f00:1',
    '64:ff9b::808:808',
    '2002:7f00:1::',
    '2001::1',
  ])('%s is refused', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111'])('%s is allowed', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it.each([
    'https://[::127.0.0.1]/hook',
    'https://[::ffff:7f00:1]/hook',
    'https://[64:ff9b::a00:1]/hook',
    'https://198.18.0.5/hook',
    'https://224.0.0.251/hook',
    'https://127.1/hook',
    'https://0x7f000001/hook',
  ])('%s is refused before any request', async (url) => {
    expect(await refusalOf(url, STRICT)).toMatch(/private/);
  });

  it('refuses http and credentials, and allows a public https address', async () => {
    expect(await refusalOf('http://8.8.8.8/hook', STRICT)).toMatch(/https/);
    expect(await refusalOf('https://user:pw@8.8.8.8/hook', STRICT)).toMatch(/credentials/);
    expect(await refusalOf('https://8.8.8.8/hook', STRICT)).toBeNull();
  });
});
