import { expect, test } from 'vitest';
import { CredentialStore } from '../../src/emulator/credentials.js';

test('issued STS credentials are found until they expire, then come back marked expired', () => {
  const store = new CredentialStore([{ accessKeyId: 'AK', accessKeySecret: 's' }]);
  const issued = store.issue({ accountId: '1', roleName: 'r', sessionName: 's', roleId: '9', expiresAt: 1000 });
  expect(issued.securityToken).toBeTruthy();
  expect(store.find(issued.accessKeyId, 999)).toEqual(issued);
  expect(store.find(issued.accessKeyId, 1000)?.expired).toBe(true);
  expect(store.session(issued.accessKeyId)?.roleName).toBe('r');
  expect(store.find('AK', 5000)?.accessKeySecret).toBe('s');
  expect(store.find('nobody', 0)).toBeUndefined();
});
