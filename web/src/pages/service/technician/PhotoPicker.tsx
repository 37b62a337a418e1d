import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { App, Button, Image, Space } from 'antd';
import { useRef } from 'react';
import { useT } from '../../../i18n/useT';

export const MAX_PHOTOS = 6;
const MAX_SIDE = 1600;

/** A photo from the camera or the gallery, scaled down on the phone to at most 1600 px as a JPEG data URL. */
async function toDataUrl(file: File): Promise<string> {
  const raw = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
  const img = await new Promise<HTMLImageElement>((resolve, reject) => {
    const el = new window.Image();
    el.onload = () => resolve(el);
    el.onerror = reject;
    el.src = raw;
  });
  const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) return raw;
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/jpeg', 0.85);
}

/** `<input type=file accept=image/* capture=environment>`: the phone opens its camera. */
export function PhotoPicker({ value, onChange }: { value: string[]; onChange: (photos: string[]) => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const picked = async (files: FileList | null) => {
    if (!files) return;
    const next = [...value];
    for (const file of Array.from(files)) {
      if (next.length >= MAX_PHOTOS) break;
      if (!file.type.startsWith('image/')) {
        message.error(t('tech.photos.notImage'));
        continue;
      }
      try {
        next.push(await toDataUrl(file));
      } catch {
        message.error(t('tech.photos.notImage'));
      }
    }
    onChange(next);
    if (input.current) input.current.value = '';
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        hidden
        data-testid="photo-input"
        onChange={(e) => void picked(e.target.files)}
      />
      <Button
        block
        size="large"
        icon={<CameraOutlined />}
        disabled={value.length >= MAX_PHOTOS}
        onClick={() => input.current?.click()}
      >
        {t('tech.photos.add')}（{t('tech.photos.max', { n: MAX_PHOTOS })}）
      </Button>
      <Space wrap>
        {value.map((src, i) => (
          <Space key={src.slice(-32) + String(i)} direction="vertical" size={2} align="center">
            <Image src={src} width={88} height={88} style={{ objectFit: 'cover' }} />
            <Button size="small" icon={<DeleteOutlined />} onClick={() => onChange(value.filter((_, j) => j !== i))} />
          </Space>
        ))}
      </Space>
    </Space>
  );
}
