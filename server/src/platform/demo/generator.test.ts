import { describe, expect, it } from 'vitest';
import { address, createRng, mobile, person, personName } from './generator.js';

describe('demo data', () => {
  it('is the same for the same seed', () => {
    expect(person(createRng(7))).toEqual(person(createRng(7)));
    expect(person(createRng(7))).not.toEqual(person(createRng(8)));
  });

  it('names are Chinese, mobiles are 11 digits with a carrier prefix', () => {
    const rng = createRng(1);
    for (let i = 0; i < 200; i++) {
      expect(personName(rng)).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(mobile(rng)).toMatch(/^1[3-9]\d{9}$/);
    }
  });

  it('CUS-2 addresses are apartments (community/building/unit/room) or bungalows (lane/row/number)', () => {
    const rng = createRng(3);
    const kinds = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const a = address(rng);
      kinds.add(a.kind);
      if (a.kind === 'apartment') expect(a.text).toMatch(/\d+号楼\d单元\d{3,4}室$/);
      else expect(a.text).toMatch(/巷\d+排\d+号$/);
    }
    expect(kinds).toEqual(new Set(['apartment', 'bungalow']));
  });
});
