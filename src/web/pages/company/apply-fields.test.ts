import { describe, expect, it } from 'vitest';
import { APPLICATION_KINDS } from '../../api/types';
import { fieldsFor } from './apply-fields';

describe('fieldsFor', () => {
  it('asks for a level when one is applied for', () => {
    expect(fieldsFor('first').targetLevel).toBe(true);
    expect(fieldsFor('promotion').targetLevel).toBe(true);
    expect(fieldsFor('record').targetLevel).toBe(true);
    expect(fieldsFor('renewal').targetLevel).toBe(false);
  });

  it('asks for the certificate to renew or extend, and the days only for an extension', () => {
    expect(fieldsFor('renewal')).toMatchObject({ certificate: true, extensionDays: false });
    expect(fieldsFor('extension')).toMatchObject({ certificate: true, extensionDays: true });
  });

  it('shows the promotion checklist only for a promotion', () => {
    expect(APPLICATION_KINDS.filter((k) => fieldsFor(k).checklist)).toEqual(['promotion']);
  });
});
