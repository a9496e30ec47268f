import { getDivision } from '../../platform/jurisdictions/divisions.js';

/**
 * GB/T 28181 device codes (20 digits) as the registry checks them.
 *
 * | Positions | Meaning (GB/T 28181 annex D) | What is checked |
 * |---|---|---|
 * | 1–20 | the whole code | exactly 20 ASCII digits, nothing else (no spaces, no letters) |
 * | 1–6 | division code of the centre (GB/T 2260) | a known Guangdong division: the province, a city or a county |
 * | 7–8 | base-level unit within the division | any two digits |
 * | 9–10 | industry code (public security, finance, education …) | any two digits (all values are assigned or reserved) |
 * | 11–13 | type code: 111–199 are devices (e.g. 111 DVR, 118 NVR, 131 camera, 132 IP camera), 200+ are platforms and users | 111–199 |
 * | 14 | network identifier (0–4 private network, 5 public network …) | any digit |
 * | 15–20 | serial number | any six digits |
 *
 * The registry is Guangdong's, so a code naming a division outside the province is refused: the
 * centre code is where the device is registered. Nothing else (e.g. whether the type code is a
 * camera type) is inferred: a camera may legitimately carry 131 or 132, and other device types
 * carry the other codes.
 */
export const DEVICE_CODE_RULES = { length: 20, typeMin: 111, typeMax: 199 } as const;

export interface DeviceCodeParts {
  divisionCode: string;
  baseUnit: string;
  industry: string;
  typeCode: string;
  network: string;
  serial: string;
}

export type DeviceCodeProblem = 'length' | 'digits' | 'division' | 'type';

export type DeviceCodeCheck = { ok: true; parts: DeviceCodeParts } | { ok: false; problem: DeviceCodeProblem; zh: string; en: string };

const MESSAGES: Record<DeviceCodeProblem, { zh: string; en: string }> = {
  length: { zh: '设备编码应为 20 位数字', en: 'A device code has exactly 20 digits' },
  digits: { zh: '设备编码只能包含数字 0–9', en: 'A device code contains only the digits 0–9' },
  division: { zh: '设备编码第 1–6 位应为广东省内的行政区划代码', en: 'Digits 1–6 must be a Guangdong division code' },
  type: { zh: '设备编码第 11–13 位应为设备类型编码（111–199）', en: 'Digits 11–13 must be a device type code (111–199)' },
};

/** Checks one code; the first problem found is reported (in the order of the table above). */
export function checkDeviceCode(code: string): DeviceCodeCheck {
  const fail = (problem: DeviceCodeProblem): DeviceCodeCheck => ({ ok: false, problem, ...MESSAGES[problem] });
  if (!/^[0-9]*$/.test(code)) return fail('digits');
  if (code.length !== DEVICE_CODE_RULES.length) return fail('length');
  const parts: DeviceCodeParts = {
    divisionCode: code.slice(0, 6),
    baseUnit: code.slice(6, 8),
    industry: code.slice(8, 10),
    typeCode: code.slice(10, 13),
    network: code.slice(13, 14),
    serial: code.slice(14, 20),
  };
  if (!getDivision(parts.divisionCode)) return fail('division');
  const type = Number(parts.typeCode);
  if (type < DEVICE_CODE_RULES.typeMin || type > DEVICE_CODE_RULES.typeMax) return fail('type');
  return { ok: true, parts };
}

export function isValidDeviceCode(code: string): boolean {
  return checkDeviceCode(code).ok;
}
