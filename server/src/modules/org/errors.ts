import { defineErrors } from '../../platform/errors.js';

export const OrgError = defineErrors({
  ORG_UNIT_NOT_FOUND: { status: 404, zh: '找不到该组织机构', en: 'No such organisation unit' },
  BAD_PARENT: {
    status: 400,
    zh: '{kind}的上级必须是{parentKind}',
    en: 'A {kind} must sit under a {parentKind}',
  },
  CODE_TAKEN: { status: 409, zh: '机构编码「{code}」已被使用', en: 'The unit code "{code}" is taken' },
});
