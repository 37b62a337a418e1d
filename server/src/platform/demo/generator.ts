/**
 * Realistic demo data: Chinese names, mobile numbers and addresses down to the room.
 * Deterministic for a seed, so a benchmark or a demo can be rebuilt exactly.
 * Later modules add their own generators (customers, meters, readings) on top of these.
 */

/** mulberry32: small, fast, good enough for demo data. */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, int, pick };
}

export type Rng = ReturnType<typeof createRng>;

// The commonest surnames cover most of the population; weights follow their rough frequency.
export const SURNAMES = [
  ['王', 72],
  ['李', 70],
  ['张', 68],
  ['刘', 54],
  ['陈', 46],
  ['杨', 32],
  ['黄', 25],
  ['赵', 21],
  ['吴', 20],
  ['周', 20],
  ['徐', 15],
  ['孙', 15],
  ['马', 14],
  ['朱', 13],
  ['胡', 12],
  ['郭', 12],
  ['何', 11],
  ['高', 10],
  ['林', 10],
  ['罗', 9],
  ['郑', 9],
  ['梁', 8],
  ['谢', 7],
  ['宋', 6],
  ['唐', 6],
  ['许', 6],
  ['韩', 6],
  ['冯', 5],
  ['邓', 5],
  ['曹', 5],
  ['彭', 5],
  ['曾', 5],
  ['肖', 5],
  ['田', 4],
  ['董', 4],
  ['袁', 4],
  ['潘', 4],
  ['于', 4],
  ['蒋', 4],
  ['蔡', 4],
  ['欧阳', 1],
  ['司马', 1],
  ['诸葛', 1],
] as const;
const SURNAME_TOTAL = SURNAMES.reduce((s, [, w]) => s + w, 0);
export const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建华玉兰志国红梅文博宇轩浩然子涵欣怡晨阳思远雨桐佳怡俊杰嘉怡梓萱一诺子轩浩宇';

export function personName(rng: Rng): string {
  let roll = rng.next() * SURNAME_TOTAL;
  let surname = SURNAMES[0][0] as string;
  for (const [s, w] of SURNAMES) {
    roll -= w;
    if (roll <= 0) {
      surname = s;
      break;
    }
  }
  const given = Array.from({ length: rng.int(1, 2) }, () => GIVEN[rng.int(0, GIVEN.length - 1)]).join('');
  return surname + given;
}

// Mainland mobile prefixes of the three carriers.
export const MOBILE_PREFIXES = [
  '134',
  '135',
  '136',
  '138',
  '139',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '182',
  '187',
  '188',
  '130',
  '131',
  '132',
  '155',
  '156',
  '185',
  '186',
  '133',
  '153',
  '180',
  '181',
  '189',
  '177',
  '199',
];

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

export const DISTRICTS = ['城东区', '城西区', '高新区', '经开区', '滨江区'];
export const ROADS = [
  '人民路',
  '解放路',
  '建设路',
  '和平路',
  '中山路',
  '新华路',
  '长江路',
  '黄河路',
  '友谊路',
  '文化路',
];
export const COMMUNITY_WORDS = [
  '阳光',
  '锦绣',
  '翠苑',
  '金色',
  '幸福',
  '和谐',
  '书香',
  '绿城',
  '龙湖',
  '华府',
  '碧水',
  '御景',
];
export const COMMUNITY_SUFFIX = ['花园', '家园', '小区', '新村', '雅苑', '公寓', '名都'];
export const LANES = ['槐树', '柳条', '石板', '井口', '东关', '西关', '北门'];

/** CUS-2: an apartment address (community / building / unit / room). */
export interface ApartmentAddress {
  kind: 'apartment';
  district: string;
  road: string;
  community: string;
  building: number;
  unit: number;
  room: string;
  text: string;
}

/** CUS-2: a bungalow address (lane / row / number). */
export interface BungalowAddress {
  kind: 'bungalow';
  district: string;
  lane: string;
  row: number;
  number: number;
  text: string;
}

export type Address = ApartmentAddress | BungalowAddress;

export function community(rng: Rng): string {
  return rng.pick(COMMUNITY_WORDS) + rng.pick(COMMUNITY_SUFFIX);
}

export function address(rng: Rng, bungalowShare = 0.1): Address {
  const district = rng.pick(DISTRICTS);
  if (rng.next() < bungalowShare) {
    const lane = `${rng.pick(LANES)}巷`;
    const row = rng.int(1, 12);
    const number = rng.int(1, 40);
    return { kind: 'bungalow', district, lane, row, number, text: `${district}${lane}${row}排${number}号` };
  }
  const road = rng.pick(ROADS);
  const name = community(rng);
  const building = rng.int(1, 30);
  const unit = rng.int(1, 6);
  const floor = rng.int(1, 33);
  const room = `${floor}${String(rng.int(1, 4)).padStart(2, '0')}`;
  return {
    kind: 'apartment',
    district,
    road,
    community: name,
    building,
    unit,
    room,
    text: `${district}${road}${name}${building}号楼${unit}单元${room}室`,
  };
}

export interface DemoPerson {
  name: string;
  mobile: string;
  address: Address;
}

export function person(rng: Rng): DemoPerson {
  return { name: personName(rng), mobile: mobile(rng), address: address(rng) };
}
