/// <reference lib="dom" />
/** Tiny DOM helpers: text always goes in as text (names come from the database, never as HTML). */
type Child = Node | string | number | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(typeof child === 'number' ? String(child) : child);
  return node;
}

/** Replaces what a panel shows. */
export function fill(id: string, ...children: Child[]): void {
  const panel = document.getElementById(id);
  if (!panel) return;
  panel.replaceChildren();
  for (const child of children) if (child !== null && child !== undefined && child !== false) panel.append(typeof child === 'number' ? String(child) : child);
}

export const fmt = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '–' : x.toFixed(digits));
