// A list a person puts in order of importance: drag a row by its handle (mouse or finger, via
// pointer events, so it works on phones), or use the Up / Down buttons (keyboard and screen
// readers). Each move is announced ("Amount is now 1 of 3").
import { announce, h } from "../dom.js";
import { t } from "../i18n.js";
import { labelIn } from "../issues.js";

export function importanceList(issues) {
  const list = h("ol", {
    class: "importance",
    "aria-labelledby": "importance-title",
    "aria-describedby": "importance-hint",
  });

  const rows = () => [...list.children];
  const tell = (row) =>
    announce(
      t("interests.moved", {
        label: row.dataset.label,
        position: rows().indexOf(row) + 1,
        total: rows().length,
      }),
    );

  const move = (row, delta, button) => {
    const index = rows().indexOf(row);
    const target = index + delta;
    if (target < 0 || target >= rows().length) {
      announce(t(delta < 0 ? "interests.already_first" : "interests.already_last", { label: row.dataset.label }));
      return;
    }
    if (delta < 0) list.insertBefore(row, rows()[target]);
    else list.insertBefore(row, rows()[target].nextSibling);
    renumber();
    button.focus(); // the focus stays with the row that moved
    tell(row);
  };

  const renumber = () =>
    rows().forEach((row, n) => {
      row.querySelector(".rank").textContent = String(n + 1);
    });

  for (const issue of issues) {
    const label = labelIn(issue); // in the reader's language when the claimant gave it
    const handle = h("span", { class: "handle", "aria-hidden": "true", title: t("interests.drag") }, "⠿");
    const row = h(
      "li",
      { class: "importance-row", "data-name": issue.name, "data-label": label },
      handle,
      h("span", { class: "rank", "aria-hidden": "true" }),
      h("span", { class: "importance-label" }, label),
    );
    const up = h("button", { type: "button", class: "move", "aria-label": t("interests.move_up", { label }) }, "↑");
    const down = h("button", { type: "button", class: "move", "aria-label": t("interests.move_down", { label }) }, "↓");
    up.addEventListener("click", () => move(row, -1, up));
    down.addEventListener("click", () => move(row, 1, down));
    row.append(h("span", { class: "moves" }, up, down));
    dragWith(handle, row, list, () => {
      renumber();
      tell(row);
    });
    list.append(row);
  }
  renumber();
  return { element: list, order: () => rows().map((row) => row.dataset.name) };
}

function dragWith(handle, row, list, done) {
  let dragging = false;
  handle.addEventListener("pointerdown", (event) => {
    dragging = true;
    handle.setPointerCapture?.(event.pointerId);
    row.classList.add("dragging");
    event.preventDefault();
  });
  handle.addEventListener("pointermove", (event) => {
    if (!dragging) return;
    for (const other of [...list.children]) {
      if (other === row) continue;
      const box = other.getBoundingClientRect();
      const middle = box.top + box.height / 2;
      const before = row.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_PRECEDING;
      if (before && event.clientY < middle) {
        list.insertBefore(row, other);
        break;
      }
      if (!before && event.clientY > middle) {
        list.insertBefore(row, other.nextSibling);
      }
    }
  });
  const stop = () => {
    if (!dragging) return;
    dragging = false;
    row.classList.remove("dragging");
    done();
  };
  handle.addEventListener("pointerup", stop);
  handle.addEventListener("pointercancel", stop);
}
