/**
 * After a pane or a dialog closes with the focus inside it, the focus would fall to <body> and
 * the next Tab would start from the top of the window. This puts it back where work goes on: the
 * page's table (so the arrow keys carry on), or the page itself.
 */
export function restoreFocusIfLost(): void {
  requestAnimationFrame(() => {
    const active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) return;
    const main = document.getElementById('main');
    const table = main?.querySelector<HTMLElement>('[role="table"] [role="rowgroup"][tabindex="0"]');
    (table ?? main)?.focus();
  });
}
