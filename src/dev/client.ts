/**
 * The script the dev server adds to every page: it reloads the page after a good rebuild and
 * shows an overlay with the problems after a bad one. It builds the overlay with textContent
 * only, so a message can never become markup.
 */
export const CLIENT_SCRIPT = `(() => {
  const source = new EventSource('/__disclosed/events');
  let broken = false;
  const overlayId = '__disclosed_overlay';
  const clear = () => document.getElementById(overlayId)?.remove();
  const el = (tag, text, style) => { const e = document.createElement(tag); if (text) e.textContent = text; if (style) e.style.cssText = style; return e; };
  source.addEventListener('reload', () => { location.reload(); });
  source.addEventListener('ok', () => { if (broken) location.reload(); broken = false; clear(); });
  source.addEventListener('problem', (event) => {
    broken = true;
    clear();
    const data = JSON.parse(event.data);
    const box = el('div', '', 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.96);color:#f5f5f7;font:14px/1.5 ui-monospace,monospace;padding:2rem');
    box.id = overlayId;
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-label', 'The last save broke the build');
    box.append(el('h2', data.title, 'color:#ff8a80;font:600 1.25rem system-ui,sans-serif;margin:0 0 .5rem'));
    box.append(el('p', 'The page shows the last good build. Fix the file and save: this clears by itself.', 'font-family:system-ui,sans-serif;margin:0 0 1rem'));
    for (const p of data.problems) {
      box.append(el('p', p.location + ': ' + p.severity + ': ' + p.message + ' [' + p.rule + ']', 'color:#ffcc80;margin:1rem 0 .25rem'));
      if (p.frame) box.append(el('pre', p.frame, 'background:#000;padding:.75rem;margin:0;overflow:auto'));
    }
    document.body.append(box);
  });
})();
`;
