// A tiny element builder. Text always goes in as text nodes (never innerHTML), so nothing a
// user typed can become markup: XSS is impossible by construction.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === "class") {
      el.className = value;
    } else if (value === true) {
      el.setAttribute(name, "");
    } else {
      el.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function mount(...children) {
  const main = document.getElementById("main");
  main.replaceChildren(...children);
  main.focus();
}

// Pages that hold something open (the room's socket, timers) register how to let it go; the
// router calls leavePage() before drawing the next page.
let leaving = [];

export function onLeave(fn) {
  leaving.push(fn);
}

export function leavePage() {
  const fns = leaving;
  leaving = [];
  for (const fn of fns) fn();
}

export function announce(text) {
  document.getElementById("status").textContent = text;
}
