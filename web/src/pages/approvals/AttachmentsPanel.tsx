import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Table, type TableProps, Upload } from 'antd';
import { useState } from 'react';
import {
  type ApprovalAttachment,
  type ApprovalDetail,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  downloadAttachment,
  uploadAttachment,
} from '../../api/approvals';
import { useT } from '../../i18n/useT';
import { errorText } from '../../lib/feedback';
import { formatDateTime } from '../../lib/time';
import { formatBytes } from './format';
import { useApprovalMutation } from './useApprovalMutation';

/** The request's attachments: download any; the requester uploads PDF/JPEG/PNG ≤ 5 MB while pending. */
export function AttachmentsPanel({ request }: { request: ApprovalDetail }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState<string | null>(null);
  const upload = useApprovalMutation((file: File) => uploadAttachment(request.id, file), {
    onSuccess: (attachment) => message.success(t('approvals.attachmentUploaded', { file: attachment.fileName })),
  });

  const download = async (attachment: ApprovalAttachment) => {
    setDownloading(attachment.id);
    try {
      await downloadAttachment(request.id, attachment);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setDownloading(null);
    }
  };

  const beforeUpload = (file: File) => {
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) {
      message.error(t('approvals.attachmentType'));
    } else if (file.size > ATTACHMENT_MAX_BYTES) {
      message.error(t('approvals.attachmentTooLarge'));
    } else {
      upload.mutate(file);
    }
    return Upload.LIST_IGNORE;
  };

  const columns: TableProps<ApprovalAttachment>['columns'] = [
    {
      title: t('approvals.fileName'),
      dataIndex: 'fileName',
      key: 'fileName',
      render: (fileName: string, a) => (
        <Button
          type="link"
          size="small"
          icon={<PaperClipOutlined />}
          loading={downloading === a.id}
          onClick={() => download(a)}
          data-testid={`attachment-download-${a.id}`}
          style={{ paddingInline: 0 }}
        >
          {fileName}
        </Button>
      ),
    },
    { title: t('approvals.fileSize'), dataIndex: 'size', key: 'size', render: (size: number) => formatBytes(size) },
    { title: t('approvals.uploadedBy'), key: 'uploadedBy', render: (_, a) => a.uploadedBy.fullName },
    {
      title: t('approvals.uploadedAt'),
      dataIndex: 'uploadedAt',
      key: 'uploadedAt',
      render: (value: string) => formatDateTime(value),
    },
  ];

  return (
    <div data-testid="approval-attachments">
      {request.canAttach && (
        <Upload
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          beforeUpload={beforeUpload}
          showUploadList={false}
        >
          <Button
            icon={<UploadOutlined />}
            loading={upload.isPending}
            style={{ marginBottom: 12 }}
            data-testid="approval-upload"
          >
            {t('approvals.upload')}
          </Button>
        </Upload>
      )}
      <Table<ApprovalAttachment>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={request.attachments}
        pagination={false}
        locale={{ emptyText: t('approvals.noAttachments') }}
      />
    </div>
  );
}
