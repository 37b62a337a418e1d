import { forwardRef, useEffect, useRef, useState } from 'react';
import type { Paper } from '../../../api/print';

// The notice page's own width on screen (the sheet plus its margins), and a height showing a page.
const NATURAL: Record<Paper, { width: number; height: number }> = {
  A4: { width: 840, height: 1180 },
  receipt80: { width: 380, height: 640 },
};

/**
 * The notice's page in a sandboxed frame, shrunk to the column it sits in: an A4 sheet is wider
 * than the console leaves it.
 */
export const NoticeFrame = forwardRef<HTMLIFrameElement, { src: string; title: string; paper: Paper }>(
  function NoticeFrame({ src, title, paper }, ref) {
    const box = useRef<HTMLDivElement>(null);
    const [width, setWidth] = useState(0);
    useEffect(() => {
      const el = box.current;
      if (!el) return;
      const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
      observer.observe(el);
      return () => observer.disconnect();
    }, []);
    const natural = NATURAL[paper];
    const scale = width > 0 ? Math.min(1, width / natural.width) : 1;
    return (
      <div ref={box} style={{ width: '100%', height: natural.height * scale, overflow: 'hidden' }}>
        <iframe
          ref={ref}
          title={title}
          src={src}
          sandbox="allow-scripts allow-modals"
          data-testid="print-preview"
          style={{
            width: natural.width,
            height: natural.height,
            border: 0,
            transform: `scale(${scale})`,
            transformOrigin: '0 0',
          }}
        />
      </div>
    );
  },
);
