// Ownership routing reads tags and resource groups from the Describe calls already made:
// the snapshot must carry them, compactly (no resource group field when the API gives none).

import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/emulator/index.js';
import { collectFrom, withEmulator } from './helpers.js';

describe('tags and resource groups in the demo snapshot', () => {
  it('keeps tag keys and values as the API returns them, and the resource group where there is one', async () => {
    await withEmulator(loadScenario('demo'), async (emu) => {
      const snap = await collectFrom(emu);
      const hz = snap.regionData['cn-hangzhou']!;
      const sg = snap.regionData['ap-southeast-1']!;
      const db = hz.instances!.find((i) => i.instanceId === 'i-bp1db00000001')!;
      expect(db).toMatchObject({ tags: { team: 'data', env: 'prod' }, resourceGroupId: 'rg-aek2data00001' });
      // Planted: a tag key in another case is a different key.
      expect(sg.instances!.find((i) => i.instanceId === 'i-t4ntest000001')!.tags).toEqual({ Team: 'QA' });
      // Planted: no team tag at all.
      const legacy = hz.instances!.find((i) => i.instanceId === 'i-bp1legacy0001')!;
      expect(legacy.tags).toEqual({ env: 'prod' });
      expect('resourceGroupId' in legacy).toBe(false);
      // Planted conflict: the data disk says analytics, its instance says data.
      expect(hz.disks!.find((d) => d.diskId === 'd-bp1db01data001')).toMatchObject({ tags: { team: 'analytics' }, resourceGroupId: 'rg-aek2data00001' });
      expect(hz.securityGroups!.find((g) => g.securityGroupId === 'sg-bp1db0000001')).toMatchObject({ resourceGroupId: 'rg-aek2data00001' });
    });
  });
});
