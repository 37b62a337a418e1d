import { defineErrors } from '../../platform/errors.js';

export const IcError = defineErrors({
  ACCOUNT_NOT_FOUND: { status: 404, zh: '没有这个用户', en: 'No such account' },
  CARD_NOT_FOUND: { status: 404, zh: '没有这张 IC 卡', en: 'No such IC card' },
  WRITE_NOT_FOUND: { status: 404, zh: '没有这条写卡记录', en: 'No such card write' },
  PURCHASE_NOT_FOUND: { status: 404, zh: '没有这笔购气记录', en: 'No such purchase' },
  REPLENISHMENT_NOT_FOUND: { status: 404, zh: '没有这条补气记录', en: 'No such replenishment' },
  ACCOUNT_CLOSED: { status: 409, zh: '用户 {accountNo} 已销户', en: 'Account {accountNo} is closed' },
  NOT_IC_METER: {
    status: 400,
    zh: '该用户没有在用的 IC 卡表',
    en: 'The account has no installed IC-card meter',
  },
  NO_CARD_IN_READER: {
    status: 409,
    zh: '读卡器 {deviceId} 中没有卡，请插入 IC 卡后再读卡',
    en: 'There is no card in reader {deviceId}; insert the IC card and read again',
  },
  DEVICE_ERROR: { status: 502, zh: '读写卡器出错：{message}', en: 'The card reader/writer failed: {message}' },
  CARD_UNKNOWN: {
    status: 409,
    zh: '卡号 {cardNo} 不是本系统发行的 IC 卡',
    en: 'Card {cardNo} was not issued by this system',
  },
  CARD_BLACKLISTED: {
    status: 409,
    zh: 'IC 卡 {cardNo} 已挂失（黑名单），不能使用',
    en: 'IC card {cardNo} is blacklisted',
  },
  CARD_WRONG_ACCOUNT: {
    status: 409,
    zh: 'IC 卡 {cardNo} 属于用户 {cardAccountNo}，不是用户 {accountNo}',
    en: 'IC card {cardNo} belongs to account {cardAccountNo}, not {accountNo}',
  },
  CARD_WRONG_METER: {
    status: 409,
    zh: 'IC 卡 {cardNo} 中的表号 {cardMeterNo} 与系统表号 {meterNo} 不符',
    en: 'IC card {cardNo} carries meter {cardMeterNo}, the system has meter {meterNo}',
  },
  LAST_PURCHASE_NOT_LOADED: {
    status: 409,
    zh: '上次购气（{volume} 立方米）尚未输入气表，IC 卡中仍有气量，请用户先将卡插入气表后再购气',
    en: 'The last purchase ({volume} m³) has not reached the meter: the card still holds gas; the customer must insert it into the meter first',
  },
  WRITE_PENDING: {
    status: 409,
    zh: 'IC 卡 {cardNo} 有未完成的写卡（{kind}，{volume} 立方米），请先重写该卡',
    en: 'IC card {cardNo} has an unfinished write ({kind}, {volume} m³); retry that write first',
  },
  VOLUME_DECIMALS: {
    status: 400,
    zh: '气量最多 {decimals} 位小数',
    en: 'The volume has at most {decimals} decimal places',
  },
  VOLUME_BELOW_MIN: {
    status: 400,
    zh: '每次购气至少 {min} 立方米',
    en: 'A purchase is at least {min} m³',
  },
  VOLUME_ABOVE_MAX: {
    status: 400,
    zh: '每次购气最多 {max} 立方米',
    en: 'A purchase is at most {max} m³',
  },
  VOLUME_ABOVE_YEAR: {
    status: 400,
    zh: '本年已购 {bought} 立方米，再购 {volume} 立方米将超过每年上限 {max} 立方米',
    en: 'Bought {bought} m³ this year; {volume} m³ more is above the yearly limit of {max} m³',
  },
  NO_TARIFF: {
    status: 409,
    zh: '用户的用气性质 {nature} 今天没有生效的气价',
    en: 'No tariff of usage nature {nature} is in force today',
  },
  TENDERS_MISMATCH: {
    status: 400,
    zh: '应收 {due} 元（其中购气 {amount} 元，先结清欠费 {arrears} 元），收款合计 {total} 元不符',
    en: 'Due {due} yuan (gas {amount}, arrears settled first {arrears}); the tenders total {total} yuan',
  },
  IDEMPOTENCY_CONFLICT: {
    status: 409,
    zh: '这个 Idempotency-Key 已用于另一笔内容不同的购气 {no}',
    en: 'This Idempotency-Key was used for a different purchase {no}',
  },
  WRITE_FAILED: {
    status: 409,
    zh: '写卡未成功：{message}。可重新写卡（不会重复售气）',
    en: 'The card write failed: {message}. Retry the write (nothing is sold twice)',
  },
  CARD_HAS_GAS: {
    status: 409,
    zh: 'IC 卡 {cardNo} 中仍有 {volume} 立方米未输入气表，不能写入新的气量',
    en: 'IC card {cardNo} still holds {volume} m³ not loaded into the meter; no new volume can be written',
  },
  REPLENISHMENT_ZERO: {
    status: 400,
    zh: '补气量为 0（累计购气量 {purchased} − 基表数 {used} − 卡内未插表气量 {card}），无需补气',
    en: 'The replenishment volume is 0 (purchased {purchased} − meter usage {used} − gas on the card {card}); nothing to replenish',
  },
  CARD_READ_REQUIRED: {
    status: 400,
    zh: '请将用户卡放入读卡器后再申请补气',
    en: 'Put the user card in the reader before filing the replenishment',
  },
  REPLENISHMENT_CARD_NOT_OF_METER: {
    status: 409,
    zh: '读卡器 {deviceId} 中的卡 {cardNo} 不是表 {meterNo} 的用户卡',
    en: 'The card {cardNo} in reader {deviceId} is not the user card of meter {meterNo}',
  },
  READING_BELOW_START: {
    status: 400,
    zh: '基表读数不能小于装表底数 {start}',
    en: 'The meter reading cannot be below the start reading {start}',
  },
  NOT_LINKED: {
    status: 400,
    zh: '补气审批须由补气申请发起（POST /api/ic/replenishments）',
    en: 'A replenishment approval is filed with POST /api/ic/replenishments',
  },
  WRONG_STATUS: {
    status: 409,
    zh: '补气 {no} 当前状态为 {status}',
    en: 'Replenishment {no} is {status}',
  },
  CARD_ACTIVE_EXISTS: {
    status: 409,
    zh: '表 {meterNo} 已有在用的 IC 卡 {cardNo}',
    en: 'Meter {meterNo} already has active IC card {cardNo}',
  },
  NOT_REISSUABLE: {
    status: 409,
    zh: 'IC 卡 {cardNo} 状态为 {status}，不能补卡',
    en: 'IC card {cardNo} is {status}; it cannot be reissued',
  },
  OLD_CARD_USED: {
    status: 409,
    zh: '原卡 {cardNo} 中已无气量（已输入气表或从未写入），不能在新卡中补气',
    en: 'The old card {cardNo} holds no gas (loaded into the meter or never written); nothing to put on the new card',
  },
  // Review fixes (ICC-2/3): a second replenishment while one is open; an old card whose gas the system cannot match.
  REPLENISHMENT_OPEN: {
    status: 409,
    zh: '表 {meterNo} 有未完成的补气 {no} 或未完成的写卡，请先完成后再核算补气',
    en: 'Meter {meterNo} has an open replenishment {no} or an unfinished card write; finish it before another',
  },
  NEVER_USED_NO_REPLENISHMENT: {
    status: 409,
    zh: 'IC 卡 {cardNo} 补发自一张从未使用的卡：只补卡、不补气；原卡找回并验卡确认未使用后，在新卡中补气',
    en: 'Card {cardNo} replaced a never-used card: no replenishment; its gas comes from the old card once found unused',
  },
  ONSITE_CHECK_REQUIRED: {
    status: 409,
    zh: 'IC 卡 {cardNo} 为在用中丢失后补发的卡，须先上门核查（登记 IC 表核查记录）后才能补气',
    en: 'Card {cardNo} replaced a card lost in use: record the on-site check of the meter before any replenishment',
  },
  OLD_CARD_NOT_MATCHED: {
    status: 409,
    zh: '原卡 {cardNo} 中的气量（序号 {seq}，{volume} 立方米）与系统写卡记录不符，不能转入新卡，请核查',
    en: 'The old card {cardNo} (sequence {seq}, {volume} m³) does not match a verified write of the system; check it',
  },
  SAME_METER: { status: 400, zh: '新表不能与原表相同', en: 'The new meter must differ from the old one' },
  METER_NOT_FOUND: { status: 404, zh: '没有这块表', en: 'No such meter' },
  NOT_SIMULATOR: {
    status: 409,
    zh: '本公司未使用设备模拟器（policy icc.cardDevice）',
    en: 'This company does not use the device simulator (policy icc.cardDevice)',
  },
  SIM_NOT_FOUND: { status: 404, zh: '模拟器中没有 {what}', en: 'The simulator has no {what}' },
  SIM_REFUSED: { status: 409, zh: '气表拒绝：{message}', en: 'The meter refused: {message}' },
});
