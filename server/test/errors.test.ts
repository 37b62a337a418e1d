import { describe, expect, it } from 'vitest';
import { AppError, defineErrors, joinedTexts, refuseAll } from '../src/platform/errors.js';

const FormError = defineErrors({
  NAME_REQUIRED: { status: 400, zh: '请填写姓名', en: 'Fill in the name' },
  TOO_LONG: { status: 400, zh: '{label}过长', en: '{label} is too long' },
  TAKEN: { status: 409, zh: '编号已被占用', en: 'The number is taken' },
  GONE: { status: 404, zh: '找不到该用户', en: 'No such customer' },
  SEVERAL: { status: 400, zh: '有 {count} 处问题：{summary}', en: '{count} problems: {summary}' },
});

describe('bad input: one refusal names every problem on its field', () => {
  it('one problem keeps its own code, status and texts, on its field', () => {
    const err = refuseAll([FormError('TAKEN', { field: 'accountNo' })]);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'TAKEN', status: 409, texts: { zh: '编号已被占用', en: 'The number is taken' } });
    expect(err.details).toEqual({ problems: [{ code: 'TAKEN', field: 'accountNo' }] });
    expect(err.fieldTexts).toEqual([{ path: 'accountNo', text: { zh: '编号已被占用', en: 'The number is taken' } }]);
  });

  it('several are by default the first code, every text joined, 409 when any is a conflict else 400', () => {
    const errors = [
      FormError('NAME_REQUIRED', { field: 'name' }),
      FormError('GONE', { field: 'customerId' }),
      FormError('TOO_LONG', { field: 'address', vars: { label: { zh: '地址', en: 'The address' } } }),
    ];
    const bad = refuseAll(errors);
    expect(bad).toMatchObject({ code: 'NAME_REQUIRED', status: 400 });
    expect(bad.texts).toEqual({
      zh: '请填写姓名；找不到该用户；地址过长',
      en: 'Fill in the name; No such customer; The address is too long',
    });
    expect(bad.details.problems).toEqual([
      { code: 'NAME_REQUIRED', field: 'name' },
      { code: 'GONE', field: 'customerId' },
      { code: 'TOO_LONG', field: 'address' },
    ]);
    expect(bad.fieldTexts.map((f) => f.path)).toEqual(['name', 'customerId', 'address']);
    expect(bad.fieldTexts[2]!.text.en).toBe('The address is too long');

    const conflict = refuseAll([...errors, FormError('TAKEN', { field: 'accountNo' })]);
    expect(conflict).toMatchObject({ code: 'NAME_REQUIRED', status: 409 });
    expect(conflict.fieldTexts.map((f) => f.path)).toEqual(['name', 'customerId', 'address', 'accountNo']);
  });

  it('a module may say what stands for several; the fields and problems are every one of them', () => {
    const combined = (several: readonly AppError[]) =>
      FormError('SEVERAL', { vars: { count: several.length, summary: joinedTexts(several, 2) } });
    const errors = [
      FormError('NAME_REQUIRED', { field: 'name' }),
      FormError('TAKEN', { field: 'accountNo' }),
      FormError('TOO_LONG', { field: 'address', vars: { label: { zh: '地址', en: 'The address' } } }),
    ];
    const err = refuseAll(errors, { combined });
    expect(err).toMatchObject({ code: 'SEVERAL', status: 400 });
    expect(err.texts).toEqual({
      zh: '有 3 处问题：请填写姓名；编号已被占用……',
      en: '3 problems: Fill in the name; The number is taken…',
    });
    expect(err.details.problems).toEqual([
      { code: 'NAME_REQUIRED', field: 'name' },
      { code: 'TAKEN', field: 'accountNo' },
      { code: 'TOO_LONG', field: 'address' },
    ]);
    expect(err.fieldTexts.map((f) => f.path)).toEqual(['name', 'accountNo', 'address']);
    // One problem is never combined.
    expect(refuseAll([errors[1]!], { combined }).code).toBe('TAKEN');
  });

  it('a problem on no field is listed without one; no problem at all is a mistake of the caller', () => {
    const err = refuseAll([FormError('GONE'), FormError('NAME_REQUIRED', { field: 'name' })]);
    expect(err.details.problems).toEqual([{ code: 'GONE' }, { code: 'NAME_REQUIRED', field: 'name' }]);
    expect(err.fieldTexts.map((f) => f.path)).toEqual(['name']);
    expect(() => refuseAll([])).toThrow();
  });
});
