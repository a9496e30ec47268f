import { describe, it, expect } from 'vitest';
import { canonicalJson, digestOf, hashBytes, hashHex, hmacHex, isHashAlg } from './hash.js';

describe('hash provider', () => {
  it('SM3 matches the GB/T 32905-2016 example vectors', () => {
    expect(hashHex('sm3', 'abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    // Example 2: "abcd" repeated 16 times (512 bits).
    expect(hashHex('sm3', 'abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('SHA-256 matches the FIPS 180-2 vectors', () => {
    expect(hashHex('sha256', 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashHex('sha256', '')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes strings as UTF-8 and agrees with the byte form', () => {
    const bytes = new TextEncoder().encode('技防');
    expect(hashHex('sm3', '技防')).toBe(hashHex('sm3', bytes));
    expect(Buffer.from(hashBytes('sm3', bytes)).toString('hex')).toBe(hashHex('sm3', bytes));
    expect(hashBytes('sha256', bytes)).toHaveLength(32);
  });

  it('HMAC-SHA256 matches RFC 4231 test case 2; HMAC-SM3 is keyed', () => {
    expect(hmacHex('sha256', 'Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(hmacHex('sm3', 'k1', 'abc')).not.toBe(hmacHex('sm3', 'k2', 'abc'));
    expect(hmacHex('sm3', 'k1', 'abc')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('recognises only the supported algorithm ids', () => {
    expect(isHashAlg('sm3')).toBe(true);
    expect(isHashAlg('sha256')).toBe(true);
    expect(isHashAlg('md5')).toBe(false);
  });
});

describe('canonical JSON and digests', () => {
  it('is independent of key order at every depth', () => {
    const a = { b: 1, a: { y: [3, { q: 1, p: 2 }], x: 'é' }, c: null };
    const b = { c: null, a: { x: 'é', y: [3, { p: 2, q: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"x":"é","y":[3,{"p":2,"q":1}]},"b":1,"c":null}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(digestOf(a, 'sm3')).toBe(digestOf(b, 'sm3'));
    expect(digestOf(a, 'sm3')).not.toBe(digestOf(a, 'sha256'));
  });

  it('keeps array order and distinguishes different values', () => {
    expect(digestOf([1, 2], 'sm3')).not.toBe(digestOf([2, 1], 'sm3'));
    expect(digestOf({ a: '1' }, 'sm3')).not.toBe(digestOf({ a: 1 }, 'sm3'));
  });

  it('follows JSON.stringify for dates, undefined members and array holes', () => {
    expect(canonicalJson({ at: new Date('2024-01-02T03:04:05Z'), gone: undefined })).toBe(
      '{"at":"2024-01-02T03:04:05.000Z"}',
    );
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  });

  it('refuses values JSON cannot represent unambiguously', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ n: Infinity })).toThrow(/non-finite/);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    expect(() => canonicalJson(new Map([['a', 1]]))).toThrow(/Map/);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
