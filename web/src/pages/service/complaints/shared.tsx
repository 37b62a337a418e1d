import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { Complaint, ComplaintGrade, ComplaintStatus } from '../../../api/complaints';
import { complaintsKey, searchStaff } from '../../../api/complaints';
import type { MessageKey } from '../../../i18n/translate';
import { useT } from '../../../i18n/useT';
import { TimeLeftTag } from '../TimeLeftTag';

const STATUS_COLOR: Record<ComplaintStatus, string> = {
  received: 'orange',
  handling: 'blue',
  decided: 'cyan',
  closed: 'default',
};

export function ComplaintStatusTag({ status }: { status: ComplaintStatus }) {
  const { t } = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="complaint-status">
      {t(`cmp.status.${status}` as MessageKey)}
    </Tag>
  );
}

const GRADE_COLOR: Record<ComplaintGrade, string> = {
  ordinary: 'default',
  withImpact: 'gold',
  serious: 'volcano',
  media: 'magenta',
};

export function GradeTag({ grade }: { grade: ComplaintGrade }) {
  const { t } = useT();
  return <Tag color={GRADE_COLOR[grade]}>{t(`cmp.grade.${grade}` as MessageKey)}</Tag>;
}

/** SVC-6: the time left to communicate the decision, with the work orders' colours. */
export function ComplaintTimeLeft({ complaint, fetchedAt }: { complaint: Complaint; fetchedAt?: number }) {
  return (
    <TimeLeftTag
      order={{
        id: complaint.id,
        timeLeftMs: complaint.timeLeftMs,
        breached: complaint.breached,
        paused: false,
        promise: { key: 'svc.complaintDecisionWorkingDays', unit: 'workingDays', amount: 3 },
      }}
      fetchedAt={fetchedAt}
    />
  );
}

/** The level's name in the UI language. */
export function useLevelName() {
  const { lang } = useT();
  return (c: Pick<Complaint, 'levelName'>) => (lang === 'en' ? c.levelName.en : c.levelName.zh);
}

/** Finds active staff by name, username or employee number (for complaint.create holders, who may not read users). */
export function StaffSelect(props: Omit<SelectProps<string>, 'options' | 'showSearch' | 'loading'>) {
  const { t } = useT();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const staff = useQuery({ queryKey: [...complaintsKey, 'staff', q], queryFn: () => searchStaff(q || undefined) });
  return (
    <Select<string>
      allowClear
      placeholder={t('common.searchUsers')}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={staff.isFetching}
      options={(staff.data?.items ?? []).map((u) => ({
        value: u.id,
        label: t('common.userOption', { name: u.fullName, username: u.username }),
      }))}
      {...props}
    />
  );
}
