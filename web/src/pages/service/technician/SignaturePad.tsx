import { Button, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useT } from '../../../i18n/useT';

/**
 * The customer signs on the screen with a finger, a pen or a mouse (pointer events). `onChange` gets the
 * drawing as a PNG data URL after each stroke, or null once cleared.
 */
export function SignaturePad({
  onChange,
  height = 200,
  invalid = false,
}: {
  onChange: (dataUrl: string | null) => void;
  height?: number;
  invalid?: boolean;
}) {
  const { t } = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const inked = useRef(false);

  // The bitmap follows the element's size and the screen's pixel ratio, so strokes stay sharp.
  const fit = useCallback(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = window.devicePixelRatio || 1;
    const { width, height: h } = c.getBoundingClientRect();
    c.width = Math.max(1, Math.round(width * ratio));
    c.height = Math.max(1, Math.round(h * ratio));
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.scale(ratio, ratio);
    // A white sheet, so the signature reads the same on any background it is later shown on.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, h);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
    inked.current = false;
  }, []);
  useEffect(() => {
    fit();
  }, [fit]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    drawing.current = true;
    const p = point(e);
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    e.preventDefault();
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    const p = point(e);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    inked.current = true;
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    if (inked.current && canvas.current) onChange(canvas.current.toDataURL('image/png'));
  };
  const clear = () => {
    fit();
    onChange(null);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('tech.signature.hint')}</Typography.Text>
      <canvas
        ref={canvas}
        data-testid="signature-pad"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerLeave={up}
        onPointerCancel={up}
        style={{
          width: '100%',
          height,
          touchAction: 'none',
          background: '#fff',
          border: `1px ${invalid ? 'solid #ff4d4f' : 'dashed #bbb'}`,
          borderRadius: 8,
          display: 'block',
        }}
      />
      <Button onClick={clear} data-testid="signature-clear">
        {t('tech.signature.clear')}
      </Button>
    </Space>
  );
}
