import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, List, Popconfirm, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import {
  downloadNoticePdf,
  listNotices,
  type NoticeKind,
  noticeHtmlUrl,
  noticesKey,
  resetNoticeTemplate,
} from '../../../api/print';
import { useCan } from '../../../auth/CurrentUserContext';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { notifyError } from '../../../lib/feedback';
import { formatDateTime } from '../../../lib/time';
import { EditNoticeTemplateModal } from './EditNoticeTemplateModal';
import { NoticeFrame } from './NoticeFrame';

/** 打印模板: each notice's preview, printed from the browser or as a PDF, and the company's own template. */
export function PrintPage() {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const canManage = useCan()('print.manage');
  const queryClient = useQueryClient();
  const notices = useQuery({ queryKey: noticesKey, queryFn: listNotices });
  const [code, setCode] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [version, setVersion] = useState(0);
  const [pdfBusy, setPdfBusy] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);

  const items = notices.data?.items ?? [];
  const selected = items.find((n) => n.code === code) ?? items[0];
  const name = (n: NoticeKind) => (lang === 'en' ? n.name.en : n.name.zh);

  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: noticesKey });
    setVersion((v) => v + 1);
  };
  const reset = useMutation({
    mutationFn: (c: string) => resetNoticeTemplate(c),
    onSuccess: () => {
      message.success(t('print.resetDone'));
      refresh();
    },
  });

  const pdf = async (notice: NoticeKind) => {
    setPdfBusy(true);
    try {
      await downloadNoticePdf(notice.code);
    } catch (err) {
      notifyError(err);
    } finally {
      setPdfBusy(false);
    }
  };

  // The notice is a sandboxed page of its own origin: it is asked to print, not reached into.
  const print = () => frame.current?.contentWindow?.postMessage('hearth:print', '*');

  return (
    <PageCard title={t('menu.print')}>
      <Row gutter={16}>
        <Col xs={24} md={7}>
          <Card size="small" title={t('print.notices')}>
            <List<NoticeKind>
              loading={notices.isLoading}
              dataSource={items}
              data-testid="print-notices"
              renderItem={(n) => (
                <List.Item
                  onClick={() => setCode(n.code)}
                  style={{
                    cursor: 'pointer',
                    paddingInline: 8,
                    background: n.code === selected?.code ? 'rgba(22, 119, 255, 0.08)' : undefined,
                  }}
                >
                  <Space orientation="vertical" size={2}>
                    <Typography.Text strong>{name(n)}</Typography.Text>
                    <Space size={4}>
                      <Tag>{t(n.paper === 'A4' ? 'print.paper.A4' : 'print.paper.receipt80')}</Tag>
                      {n.override ? <Tag color="blue">{t('print.custom')}</Tag> : <Tag>{t('print.default')}</Tag>}
                    </Space>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} md={17}>
          {!selected ? (
            <Empty description={t('print.select')} />
          ) : (
            <Card
              size="small"
              title={`${name(selected)} · ${t('print.preview')}`}
              extra={
                <Space wrap>
                  <Button type="primary" onClick={print} data-testid="print-print">
                    {t('print.print')}
                  </Button>
                  <Button onClick={() => window.open(noticeHtmlUrl(selected.code), '_blank', 'noopener')}>
                    {t('print.openWindow')}
                  </Button>
                  <Tooltip title={notices.data?.pdfAvailable ? undefined : t('print.pdfUnavailable')}>
                    <Button
                      loading={pdfBusy}
                      disabled={!notices.data?.pdfAvailable}
                      onClick={() => pdf(selected)}
                      data-testid="print-pdf"
                    >
                      {t('print.pdf')}
                    </Button>
                  </Tooltip>
                  {canManage && (
                    <Button onClick={() => setEditing(true)} data-testid="print-edit">
                      {t('print.edit')}
                    </Button>
                  )}
                  {canManage && selected.override && (
                    <Popconfirm title={t('print.resetConfirm')} onConfirm={() => reset.mutate(selected.code)}>
                      <Button danger loading={reset.isPending}>
                        {t('print.reset')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              }
            >
              {selected.override?.problem && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={t('print.problem', { problem: selected.override.problem })}
                />
              )}
              {selected.override && (
                <Typography.Paragraph type="secondary">
                  {t('print.updatedBy', {
                    name: selected.override.updatedByName ?? '—',
                    at: formatDateTime(selected.override.updatedAt),
                  })}
                </Typography.Paragraph>
              )}
              <NoticeFrame
                key={`${selected.code}-${version}`}
                ref={frame}
                title={name(selected)}
                src={noticeHtmlUrl(selected.code)}
                paper={selected.paper}
              />
            </Card>
          )}
        </Col>
      </Row>
      <EditNoticeTemplateModal
        notice={editing ? (selected ?? null) : null}
        onClose={() => setEditing(false)}
        onSaved={refresh}
      />
    </PageCard>
  );
}
