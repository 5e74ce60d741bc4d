// Measurements run inside the page (as strings for page.evaluate: bench code has no DOM types).

/** Frames per second counted with requestAnimationFrame over `ms`. */
export const countFps = (ms: number) => `new Promise((resolve) => {
  let frames = 0; const t0 = performance.now();
  const tick = () => { frames++; if (performance.now() - t0 < ${ms}) requestAnimationFrame(tick); else resolve(frames / ((performance.now() - t0) / 1000)); };
  requestAnimationFrame(tick);
})`;

/** Frames per second while dragging the React Flow pane 3 px a frame for `ms`. */
export const panFps = (ms: number) => `new Promise((resolve) => {
  const pane = document.querySelector('.react-flow__pane');
  const box = pane.getBoundingClientRect();
  let frames = 0; const t0 = performance.now(); let x = box.left + box.width / 2;
  pane.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, clientX: x, clientY: box.top + 200, button: 0 }));
  const tick = () => {
    frames++; x += 3;
    pane.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: x, clientY: box.top + 200, buttons: 1 }));
    if (performance.now() - t0 < ${ms}) requestAnimationFrame(tick);
    else { pane.dispatchEvent(new MouseEvent('mouseup', { bubbles: true })); resolve(frames / ((performance.now() - t0) / 1000)); }
  };
  requestAnimationFrame(tick);
})`;

/** Client-side navigation to `path`; resolves with the ms until `selector` is in a painted frame. */
export const navigateUntil = (path: string, selector: string) => `new Promise((resolve, reject) => {
  const t0 = performance.now();
  history.pushState({}, '', ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent('popstate'));
  const check = () => {
    if (document.querySelector(${JSON.stringify(selector)})) requestAnimationFrame(() => resolve(performance.now() - t0));
    else if (performance.now() - t0 > 30000) reject(new Error('not on screen: ' + ${JSON.stringify(selector)}));
    else requestAnimationFrame(check);
  };
  check();
})`;

/**
 * Records, per keystroke, the time from the keydown's timestamp to (a) the main thread being free
 * again after it (a key with text is one task in Chromium: keydown, beforeinput, input and the
 * page's handlers, React's render included) and (b) the next animation frame after that.
 * Read the figures with `readKeystrokes`.
 */
export const recordKeystrokes = `(() => {
  window.__keys = { work: [], frame: [] };
  document.addEventListener('keydown', (e) => {
    const t0 = e.timeStamp;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      window.__keys.work.push(performance.now() - t0);
      requestAnimationFrame(() => window.__keys.frame.push(performance.now() - t0));
    };
    channel.port2.postMessage(0);
  }, true);
})()`;

export const readKeystrokes = 'window.__keys';
