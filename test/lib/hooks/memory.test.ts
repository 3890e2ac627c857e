import type { Bundle, ZObject } from 'zapier-platform-core';
import { changedSinceSeen, hookOwnerOf } from '../../../lib/hooks/memory';
import { appTester, authData } from '../../helpers/app';

const seen = (bundle: Record<string, unknown>, id: string, print: string) =>
  appTester((z: ZObject, b: Bundle) => changedSinceSeen(z, b, 'contact_updated_instant', id, print), { authData, ...bundle });

describe('lib/hooks/memory', () => {
  it('remembers per Zap and record: the same fingerprint again is no change, another one is', async () => {
    const zap = { meta: { zap: { id: 'mem-1' } } };
    expect(await seen(zap, 'c1', 'aaa')).toBe(true);
    expect(await seen(zap, 'c1', 'aaa')).toBe(false);
    expect(await seen(zap, 'c2', 'aaa')).toBe(true);
    expect(await seen(zap, 'c1', 'bbb')).toBe(true);
    expect(await seen(zap, 'c1', 'aaa')).toBe(true);
    expect(await seen({ meta: { zap: { id: 'mem-2' } } }, 'c1', 'aaa')).toBe(true);
  });

  it('falls back to the subscription, and without either always reports (a change is never lost)', async () => {
    expect(hookOwnerOf({ subscribeData: { id: 's-1' } } as unknown as Bundle)).toBe('sub:s-1');
    expect(hookOwnerOf({ meta: { zap: { id: 7 } }, subscribeData: { id: 's-1' } } as unknown as Bundle)).toBe('zap:7');
    expect(await seen({}, 'c1', 'aaa')).toBe(true);
    expect(await seen({}, 'c1', 'aaa')).toBe(true);
  });
});
