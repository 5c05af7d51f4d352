import { describe, expect, it } from 'vitest';
import { classifyError, sanitizeMessage } from '../../src/cloud/call-error.js';

const err = (fields: Record<string, unknown>, message = 'x') => Object.assign(new Error(message), fields);

describe('classifyError', () => {
  it('reads throttling from the code, 429 and 503', () => {
    expect(classifyError(err({ name: 'ThrottlingError', statusCode: 400, code: 'Throttling.User', retryAfter: 300 }))).toMatchObject({
      kind: 'throttle',
      code: 'Throttling.User',
      retryAfterMs: 300,
    });
    expect(classifyError(err({ statusCode: 429, code: 'TooManyRequests' })).kind).toBe('throttle');
    expect(classifyError(err({ name: 'ServerError', statusCode: 503, code: 'ServiceUnavailable' })).kind).toBe('throttle');
  });

  it('takes the missing action from AccessDeniedDetail, else from the message', () => {
    const withDetail = err({
      name: 'ClientError',
      statusCode: 403,
      code: 'Forbidden.RAM',
      accessDeniedDetail: { AuthAction: 'ecs:DescribeDisks', PolicyType: 'AccountLevelIdentityBasedPolicy' },
    });
    expect(classifyError(withDetail)).toMatchObject({ kind: 'denied', code: 'Forbidden.RAM', missingAction: 'ecs:DescribeDisks' });
    const fromText = err({ statusCode: 403, code: 'NoPermission' }, 'code: 403, You are not authorized to do action: ram:ListUsers request id: 1');
    expect(classifyError(fromText)).toMatchObject({ kind: 'denied', missingAction: 'ram:ListUsers' });
  });

  it('tells other client errors, server errors, timeouts, network and malformed bodies apart', () => {
    expect(classifyError(err({ statusCode: 404, code: 'InvalidAction.NotFound' })).kind).toBe('client');
    expect(classifyError(err({ statusCode: 502, code: 'BadGateway' })).kind).toBe('server');
    expect(classifyError(err({ name: 'RequestTimeoutError' }, 'ReadTimeout(10). POST /?a=b failed.'))).toMatchObject({
      kind: 'timeout',
      code: 'Timeout',
    });
    expect(classifyError(err({ code: 'ECONNREFUSED' }, 'connect ECONNREFUSED 127.0.0.1:1'))).toMatchObject({
      kind: 'network',
      code: 'Unreachable',
    });
    expect(classifyError(new SyntaxError('Unexpected token < in JSON'))).toMatchObject({ kind: 'malformed', code: 'Malformed' });
    expect(classifyError(new Error('expect: array, actual: object')).kind).toBe('malformed');
  });
});

describe('sanitizeMessage', () => {
  it('drops query strings, signatures, tokens and key ids', () => {
    const raw =
      'ReadTimeout: 10. POST /?AccessKeyId=LTAI5tSECRETKEYID1234&Signature=abc%3D failed. ' +
      'url http://ecs.aliyuncs.com/?SecurityToken=CAIS.secret x-acs-security-token: CAIStoken LTAI5tAnotherKeyId99';
    const out = sanitizeMessage(raw);
    for (const secret of ['LTAI5tSECRETKEYID1234', 'abc%3D', 'CAIS.secret', 'CAIStoken', 'LTAI5tAnotherKeyId99']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('POST /');
    expect(out.length).toBeLessThanOrEqual(300);
  });
});
