import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashHex } from './hash.js';
import { SIG_ALGS, keyFiles, keyIdOf, loadOrCreateSigner, publicKeyDer, signerFromPem, verifySignature } from './provider.js';
import { sm2PublicKeyFromDer } from './sm2.js';

const dir = mkdtempSync(join(tmpdir(), 'jifang-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const msg = new TextEncoder().encode('jifang/ledger\n12\nAAAA\n');

// OpenSSL 1.1.1+ verifies GB/T 32918 SM2 signatures; skip that one check where it cannot.
const opensslSm2 = spawnSync('openssl', ['list', '-public-key-algorithms'], { encoding: 'utf8' }).stdout?.includes('SM2') ?? false;

for (const alg of SIG_ALGS) {
  describe(`signing provider: ${alg}`, () => {
    const keysDir = join(dir, alg);

    it('generates the key pair on first use: private 0600, public published, key id = SM3 of the SPKI', () => {
      const signer = loadOrCreateSigner(keysDir, alg);
      const files = keyFiles(keysDir, alg);
      expect(statSync(files.privateKey).mode & 0o777).toBe(0o600);
      expect(readFileSync(files.publicKey, 'utf8')).toBe(signer.publicKeyPem);
      expect(signer.keyId).toBe(hashHex('sm3', publicKeyDer(signer.publicKeyPem, alg)!));
      expect(keyIdOf(signer.publicKeyPem, alg)).toBe(signer.keyId);
      // The same file gives the same key (and id) again: nothing is regenerated.
      const again = signerFromPem(readFileSync(files.privateKey, 'utf8'), alg);
      expect(again.keyId).toBe(signer.keyId);
    });

    it('signs with its algorithm and key id; the signature verifies and nothing else does', () => {
      const signer = loadOrCreateSigner(keysDir, alg);
      const sig = signer.sign(msg);
      expect(sig.alg).toBe(alg);
      expect(sig.keyId).toBe(signer.keyId);
      expect(verifySignature(signer.publicKeyPem, alg, msg, sig.signature)).toBe(true);
      expect(verifySignature(signer.publicKeyPem, alg, msg, Buffer.from(sig.signature, 'base64'))).toBe(true);

      const altered = Uint8Array.from(msg);
      altered[3] ^= 1;
      expect(verifySignature(signer.publicKeyPem, alg, altered, sig.signature)).toBe(false);
      const badSig = Buffer.from(sig.signature, 'base64');
      badSig[badSig.length - 2] ^= 1;
      expect(verifySignature(signer.publicKeyPem, alg, msg, badSig)).toBe(false);
      const other = alg === 'sm2' ? 'ed25519' : 'sm2';
      expect(verifySignature(signer.publicKeyPem, other, msg, sig.signature)).toBe(false);
      expect(verifySignature(signer.publicKeyPem, 'rsa', msg, sig.signature)).toBe(false);
      expect(verifySignature('not a key', alg, msg, sig.signature)).toBe(false);
      expect(verifySignature(signer.publicKeyPem, alg, msg, 'not base64!')).toBe(false);
      expect(verifySignature(signer.publicKeyPem, alg, msg, '')).toBe(false);
      // Another key of the same algorithm does not verify it.
      const stranger = loadOrCreateSigner(join(dir, `${alg}-other`), alg);
      expect(verifySignature(stranger.publicKeyPem, alg, msg, sig.signature)).toBe(false);
    });

    it('accepts the public key as hex as well as PEM', () => {
      const signer = loadOrCreateSigner(keysDir, alg);
      const der = publicKeyDer(signer.publicKeyPem, alg)!;
      const hex = alg === 'sm2' ? sm2PublicKeyFromDer(der)! : der.subarray(der.length - 32).toString('hex');
      const sig = signer.sign(msg);
      expect(verifySignature(hex, alg, msg, sig.signature)).toBe(true);
      expect(keyIdOf(hex, alg)).toBe(signer.keyId);
    });
  });
}

describe('SM2 interoperability', () => {
  it.skipIf(!opensslSm2)('OpenSSL verifies our SM2 signature (id 1234567812345678) and reads our private key', () => {
    const signer = loadOrCreateSigner(join(dir, 'sm2'), 'sm2');
    const files = keyFiles(join(dir, 'sm2'), 'sm2');
    const msgFile = join(dir, 'msg');
    const sigFile = join(dir, 'sig');
    writeFileSync(msgFile, msg);
    writeFileSync(sigFile, Buffer.from(signer.sign(msg).signature, 'base64'));
    const args = ['pkeyutl', '-verify', '-pubin', '-inkey', files.publicKey, '-rawin', '-in', msgFile, '-sigfile', sigFile, '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678'];
    expect(execFileSync('openssl', args, { encoding: 'utf8' })).toMatch(/Verified Successfully/);
    writeFileSync(msgFile, 'tampered');
    expect(spawnSync('openssl', args).status).not.toBe(0);
    // Same public key from OpenSSL's reading of our PKCS#8 private key.
    const pub = execFileSync('openssl', ['pkey', '-in', files.privateKey, '-pubout'], { encoding: 'utf8' });
    expect(keyIdOf(pub, 'sm2')).toBe(signer.keyId);
  });
});

describe('SM2 signature encoding', () => {
  it('refuses out-of-range values (s + n, r = 0) and trailing bytes with false, never an exception', () => {
    const signer = loadOrCreateSigner(join(dir, 'sm2'), 'sm2');
    const der = Buffer.from(signer.sign(msg).signature, 'base64');
    // Decode r, s; re-encode with s + n (same signature mathematically).
    const rLen = der[3];
    const r = der.subarray(4, 4 + rLen);
    const s = BigInt(`0x${der.subarray(6 + rLen).toString('hex')}`);
    const n = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');
    const int = (v: bigint) => {
      let h = v.toString(16);
      if (h.length % 2) h = `0${h}`;
      if (parseInt(h.slice(0, 2), 16) & 0x80) h = `00${h}`;
      return Buffer.concat([Buffer.from([0x02, h.length / 2]), Buffer.from(h, 'hex')]);
    };
    const seq = (...parts: Buffer[]) => Buffer.concat([Buffer.from([0x30, parts.reduce((a, p) => a + p.length, 0)]), ...parts]);
    expect(verifySignature(signer.publicKeyPem, 'sm2', msg, seq(Buffer.concat([Buffer.from([0x02, rLen]), r]), int(s)))).toBe(true);
    expect(verifySignature(signer.publicKeyPem, 'sm2', msg, seq(Buffer.concat([Buffer.from([0x02, rLen]), r]), int(s + n)))).toBe(false);
    expect(verifySignature(signer.publicKeyPem, 'sm2', msg, seq(int(0n), int(s)))).toBe(false);
    expect(verifySignature(signer.publicKeyPem, 'sm2', msg, Buffer.concat([der, Buffer.from([0])]))).toBe(false);
  });
});
