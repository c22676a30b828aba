// My notifications: what Kelisim told me by e-mail (the other side joined, a new offer, a
// signature awaited, deadlines…), newest first, each linking to its page. The texts come from the
// server already in the page's language (GET /api/notifications?language=…); opening one or
// "Mark all as read" marks them read. navEntry() is the menu's link with the unread count.
import { api } from "../api.js";
import { announce, h, mount } from "../dom.js";
import { formatMoment } from "../format.js";
import { language, t, useStrings } from "../i18n.js";
import { currentUser } from "../session.js";
import { loginFirst } from "./auth.js";

function list() {
  return api("GET", `/api/notifications?language=${language()}`);
}

// The menu's "Notifications" link; "(2 unread)" is part of its name for screen readers too.
export async function navEntry() {
  await useStrings("notify");
  let unread = 0;
  try {
    ({ unread } = await list());
  } catch {
    // the menu still works without the count
  }
  return h(
    "a",
    { href: "#/notifications", class: "nav-notifications" },
    t("notify.nav"),
    unread ? h("span", { class: "badge" }, t("notify.nav_unread", { n: unread })) : null,
  );
}

async function markRead(ids) {
  return api("POST", "/api/notifications/read", ids ? { ids } : {});
}

function item(notice) {
  const title = notice.path
    ? h(
        "a",
        {
          href: notice.path,
          onclick: () => {
            if (!notice.read) markRead([notice.id]).catch(() => {});
          },
        },
        notice.subject,
      )
    : notice.subject;
  return h(
    "li",
    { class: notice.read ? "card notice" : "card notice unread" },
    h("h2", {}, title),
    notice.read ? null : h("p", { class: "badge" }, t("notify.unread")),
    h("p", {}, notice.body),
    h("p", { class: "meta" }, h("time", { datetime: notice.created_at }, formatMoment(notice.created_at))),
  );
}

export async function notificationsPage() {
  if (!(await currentUser())) {
    loginFirst();
    return;
  }
  await useStrings("notify");
  const { notifications, unread } = await list();
  const markAll = h(
    "button",
    {
      type: "button",
      class: "button",
      onclick: async () => {
        await markRead(null);
        await notificationsPage();
        announce(t("notify.all_read"));
      },
    },
    t("notify.mark_all"),
  );
  mount(
    h("h1", {}, t("notify.title")),
    notifications.length ? h("ul", { class: "cards" }, notifications.map(item)) : h("p", {}, t("notify.empty")),
    unread ? h("p", { class: "actions" }, markAll) : null,
  );
}
