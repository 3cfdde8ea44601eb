/** A tiny element builder: no framework, text is always set as text (never parsed as HTML). */
import { t } from "./text.js";

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  ...children: Child[]
): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
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

/** `text` with `value` shown strong where the translation put it (word order differs between languages). */
export function withStrong(text: (placeholder: string) => string, value: string): Child[] {
  const [before = "", after = ""] = text("\u0000").split("\u0000");
  return [before, h("strong", {}, value), after];
}

/**
 * A value from outside (a name, a number, a note) that may be any length: the stylesheet cuts it to one line
 * (`one-line`) or a few (`few-lines`) with an ellipsis, and its tooltip holds the whole of it.
 */
export function longValue(
  tag: "div" | "span" | "strong",
  className: string,
  value: string,
  attrs: Attrs = {},
): HTMLElement {
  return h(tag, { ...attrs, class: className, title: value }, value);
}

export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h(
    "section",
    { id, class: "card", "aria-labelledby": `${id}-title` },
    h("h2", { id: `${id}-title` }, title),
    ...children,
  );
}

/** A Fluent button (`fluent-button`); its role is also written out for tools that read attributes only. */
export type FluentButton = HTMLElement & { disabled: boolean };

export function button(
  label: string,
  onClick: () => void,
  options: { primary?: boolean; subtle?: boolean; testid?: string; title?: string; label?: string } = {},
): FluentButton {
  const appearance = options.primary ? "primary" : options.subtle ? "subtle" : undefined;
  return h(
    "fluent-button",
    {
      role: "button",
      class: "btn",
      appearance,
      size: "small",
      "data-testid": options.testid,
      title: options.title,
      "aria-label": options.label,
      onclick: (event: Event) => {
        event.preventDefault();
        if (!(event.currentTarget as FluentButton).disabled) onClick();
      },
    },
    label,
  ) as FluentButton;
}

/** The word for a phone's kind in the pane's language (the kind itself when it is unknown). */
export function phoneKindLabel(kind: string): string {
  const keys: Record<string, string> = {
    mobile: "pane.phoneKind.mobile",
    business: "pane.phoneKind.business",
    home: "pane.phoneKind.home",
    other: "pane.phoneKind.other",
  };
  return keys[kind] ? t(keys[kind]) : kind;
}
