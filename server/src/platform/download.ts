/**
 * A Content-Disposition header for a file the browser saves: the UTF-8 name (用户列表-2026-11-23.xlsx)
 * for every current browser, an ASCII one for the rest.
 */
export function contentDisposition(
  filename: string,
  asciiFallback: string,
  kind: 'attachment' | 'inline' = 'attachment',
) {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
