import { describe, expect, it } from 'vitest';
import { boolOrNull, num, stringListField, tagMap } from '../../src/cloud/coerce.js';
import { parsePolicyDocument } from '../../src/cloud/normalise-ram.js';
import { nextMarker, nextPageNumber, nextToken, pageSizeWithin } from '../../src/cloud/paging.js';

describe('coerce', () => {
  it('reads booleans and numbers in either wire form', () => {
    expect(boolOrNull('true')).toBe(true);
    expect(boolOrNull('False')).toBe(false);
    expect(boolOrNull(true)).toBe(true);
    expect(boolOrNull(undefined)).toBeNull();
    expect(boolOrNull('yes')).toBeNull();
    expect(num('42')).toBe(42);
    expect(num('', 7)).toBe(7);
    expect(num(undefined, 1)).toBe(1);
  });

  it('parses TimePoints-style JSON strings and comma lists', () => {
    expect(stringListField('["0","1","23"]')).toEqual(['0', '1', '23']);
    expect(stringListField('["1", "7"]')).toEqual(['1', '7']);
    expect(stringListField('1,2')).toEqual(['1', '2']);
    expect(stringListField('')).toEqual([]);
    expect(stringListField(['3'])).toEqual(['3']);
  });

  it('turns ECS and VPC tag lists into a map', () => {
    expect(tagMap({ tag: [{ tagKey: 'owner', tagValue: 'ops' }, { key: 'env', value: 'prod' }] })).toEqual({ owner: 'ops', env: 'prod' });
    expect(tagMap(undefined)).toEqual({});
  });
});

describe('parsePolicyDocument', () => {
  it('parses a document and wraps a single statement', () => {
    const one = parsePolicyDocument('{"Version":"1","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}');
    expect(one).toEqual({ ok: true, document: { Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } });
    const encoded = parsePolicyDocument(encodeURIComponent('{"Statement":[{"Effect":"Deny","Action":["ecs:*"]}]}'));
    expect(encoded.ok).toBe(true);
  });

  it('reports why a document is unusable', () => {
    expect(parsePolicyDocument('')).toEqual({ ok: false, reason: 'empty PolicyDocument' });
    expect(parsePolicyDocument('{not json')).toMatchObject({ ok: false, reason: 'PolicyDocument is not JSON' });
    expect(parsePolicyDocument('{"Version":"1"}')).toMatchObject({ ok: false });
    expect(parsePolicyDocument('{"Statement":[{"Effect":"Allow"}]}')).toMatchObject({ ok: false });
  });
});

describe('paging cursors', () => {
  it('NextToken, Marker and PageNumber styles stop at the right page', () => {
    expect(nextToken('')).toBeUndefined();
    expect(nextToken('abc')).toBe('abc');
    expect(nextMarker(true, 'm')).toBe('m');
    expect(nextMarker('false', 'm')).toBeUndefined();
    expect(nextMarker(true, '')).toBeUndefined();
    expect(nextPageNumber(undefined, 10, 10, 10, 25)).toBe(2);
    expect(nextPageNumber(3, 10, 5, 25, 25)).toBeUndefined();
    expect(nextPageNumber(1, 10, 10, 10, undefined)).toBe(2);
    expect(nextPageNumber(2, 10, 0, 10, undefined)).toBeUndefined();
  });

  it('a page size stays within what the API accepts, whatever the override', () => {
    expect(pageSizeWithin(100)).toBe(100);
    expect(pageSizeWithin(100, 5)).toBe(5);
    expect(pageSizeWithin(100, 500)).toBe(100);
    expect(pageSizeWithin(100, 0)).toBe(1);
    expect(pageSizeWithin(100, 5, 30)).toBe(30);
  });
});
