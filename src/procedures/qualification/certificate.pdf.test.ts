import { describe, expect, it } from 'vitest';
import { findCjkFont, renderCertificatePdf } from './certificate.pdf.js';

describe('art. 15 — the certificate PDF', () => {
  it('finds the first installed CJK font, or none', () => {
    expect(findCjkFont([{ path: '/no/such/font.ttc', family: 'X' }])).toBeNull();
    const here = { path: import.meta.filename, family: 'Y' };
    expect(findCjkFont([{ path: '/no/such/font.ttc', family: 'X' }, here])).toEqual(here);
  });

  it('renders an A4 PDF with the Chinese text in an embedded CJK font', async () => {
    const pdf = await renderCertificatePdf({
      number: 'GD-JFBA-2026-000001',
      companyName: '湖南潇湘安防工程有限公司',
      kind: 'record',
      level: 'II',
      businessScope: '（示例）二级',
      validFrom: '2026-03-02',
      validTo: '2027-03-01',
      status: 'valid',
      issuedBy: '广东省公安厅',
      issuedOn: '2026-03-02',
      verifyUrl: 'http://localhost:3000/verify/GD-JFBA-2026-000001',
    });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+(WenQuanYiMicroHei|NotoSansCJK)/);
  });
});
