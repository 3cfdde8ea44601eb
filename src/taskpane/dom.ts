/** A tiny element builder: no framework, text is always set as text (never parsed as HTML). */
type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(name.replace(/^on/, "").toLowerCase(), value);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h(
    "section",
    { id, class: "card", "aria-labelledby": `${id}-title` },
    h("h2", { id: `${id}-title` }, title),
    ...children,
  );
}

export function button(
  label: string,
  onClick: () => void,
  options: { primary?: boolean; testid?: string; title?: string } = {},
): HTMLButtonElement {
  return h(
    "button",
    {
      type: "button",
      class: options.primary ? "btn primary" : "btn",
      "data-testid": options.testid,
      title: options.title,
      onclick: (event: Event) => {
        event.preventDefault();
        onClick();
      },
    },
    label,
  );
}

export const PHONE_KIND_LABEL: Record<string, string> = {
  mobile: "mobile",
  business: "work",
  home: "home",
  other: "other",
};
