import { z } from 'zod';
import { businessToday } from '../../platform/calendar/workdays.js';
import { registerNotice } from '../../platform/print/registry.js';
import { findCompany } from '../org/service.js';
import { getUser } from './users-service.js';

const variables = z.object({
  companyName: z.string().min(1).max(100).describe('公司名称 Company'),
  fullName: z.string().min(1).max(64).describe('姓名 Name'),
  username: z.string().min(1).max(64).describe('用户名 User name'),
  employeeNo: z.string().max(32).optional().describe('工号 Employee number'),
  orgUnitName: z.string().max(100).optional().describe('所属机构 Organisation unit'),
  roles: z
    .array(z.object({ name: z.string().max(100).describe('角色名称 Role') }))
    .max(50)
    .describe('角色 Roles'),
  date: z.string().max(40).describe('日期 Date'),
});

/**
 * IAM-1/IAM-2: the notice handed to a new colleague with their account. The one-time password is
 * written on it by hand: it is never stored, so it cannot be printed.
 */
registerNotice({
  code: 'accountOpening',
  name: { zh: '账号开通通知书', en: 'Account opening notice' },
  paper: 'A4',
  variables,
  sample: {
    companyName: '演示市燃气有限公司',
    fullName: '王小明',
    username: 'wang.xiaoming',
    employeeNo: 'D0101',
    orgUnitName: '城东营业厅',
    roles: [{ name: '营业厅受理员' }],
    date: '2026-11-23',
  },
  subject: {
    permission: 'iam.user.read',
    async load(db, principal, id) {
      const [user, company] = await Promise.all([
        getUser(db, principal.companyId, id),
        findCompany(db, principal.companyId),
      ]);
      return {
        companyName: company?.name ?? '',
        fullName: user.fullName,
        username: user.username,
        employeeNo: user.employeeNo ?? undefined,
        orgUnitName: user.orgUnitName ?? undefined,
        roles: user.roles.map((r) => ({ name: r.nameZh })),
        date: businessToday(),
      };
    },
  },
  template: `<style>
  .roles span + span::before { content: "、"; }
  ol.notes { padding-left: 1.4em; }
</style>
<h1>账号开通通知书</h1>
<p class="right muted">{{companyName}}　　{{date}}</p>
<p>{{fullName}}　同志：</p>
<p>　　您在{{companyName}}客户信息系统中的工作账号已开通，账号信息如下：</p>
<table class="grid">
  <tr><th>姓名</th><td>{{fullName}}</td></tr>
  <tr><th>工号</th><td>{{employeeNo}}</td></tr>
  <tr><th>用户名</th><td class="strong">{{username}}</td></tr>
  <tr><th>所属机构</th><td>{{orgUnitName}}</td></tr>
  <tr><th>角色</th><td class="roles">{{#each roles}}<span>{{name}}</span>{{/each}}</td></tr>
  <tr><th>一次性初始密码</th><td style="height: 3em;"><span class="blank" style="min-width: 16em;"></span><br><span class="small muted">（由管理员当面填写，系统不保存明文密码）</span></td></tr>
</table>
<h2>须知</h2>
<ol class="notes">
  <li>初始密码只能使用一次，首次登录后系统会要求您立即修改密码。</li>
  <li>账号仅限本人使用，不得转借、共用；密码不得告知他人。</li>
  <li>您能使用的功能由所授角色决定；如需调整，请通过账号申请办理。</li>
  <li>调岗或离职时，账号将按规定及时调整或停用。</li>
  <li>本通知书填写密码后请妥善保管，修改密码后即行销毁。</li>
</ol>
<div class="signatures">
  <div>领取人签字：<div class="line"></div>日期：</div>
  <div>经办管理员签字：<div class="line"></div>日期：</div>
</div>`,
});
