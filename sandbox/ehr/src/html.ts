/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1d2733}
header{background:#0b4f6c;color:#fff;padding:.6rem 1rem}main{padding:1rem;max-width:60rem}
label{display:block;margin:.6rem 0 .2rem;font-weight:600}select,input{font-size:1rem;padding:.3rem;min-width:20rem}
button{margin-top:1rem;font-size:1rem;padding:.4rem 1rem}.banner{background:#fff8d6;padding:.5rem 1rem;border-bottom:1px solid #e0d27a}
iframe{width:100%;height:75vh;border:1px solid #ccd;background:#fff}.error{color:#a00}code{background:#eef;padding:0 .2rem}`;

/** A minimal EHR-like page. `body` must already be escaped HTML. */
export function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body><header>Linkwell EHR sandbox — ${escapeHtml(title)}</header>${body}</body></html>`;
}
