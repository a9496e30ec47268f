import { describe, expect, it } from 'vitest';
import { checkDeviceCode } from './deviceCode.js';

describe('GB/T 28181 device code (art. 13 registry identification)', () => {
  it.each([
    ['44010600001310000001', 'ok'], // Tianhe, camera 131
    ['44030500051320000042', 'ok'], // Nanshan, IP camera 132
    ['44000000001110000001', 'ok'], // province centre, DVR 111
    ['44010000001995000001', 'ok'], // type 199, public network 5
    ['4401060000131000000', 'length'], // 19 digits
    ['440106000013100000011', 'length'], // 21 digits
    ['', 'length'],
    ['4401060000131000000A', 'digits'],
    ['44010600 01310000001', 'digits'],
    ['４４010600001310000001', 'digits'], // full-width digits
    ['11010500001310000001', 'division'], // Beijing: outside the province
    ['44019900001310000001', 'division'], // well-formed, not a division
    ['44010600001100000001', 'type'], // 110
    ['44010600002000000001', 'type'], // 200: a platform, not a device
  ])('%s → %s', (code, expected) => {
    const r = checkDeviceCode(code);
    expect(r.ok ? 'ok' : r.problem).toBe(expected);
    if (!r.ok) expect(r.zh).toMatch(/设备编码/);
  });

  it('splits a valid code into its parts', () => {
    expect(checkDeviceCode('44010612341320000042')).toEqual({
      ok: true,
      parts: { divisionCode: '440106', baseUnit: '12', industry: '34', typeCode: '132', network: '0', serial: '000042' },
    });
  });
});
