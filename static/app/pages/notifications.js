// My notifications: what Kelisim told me by e-mail (the other side joined, a new offer, a
// signature awaited, deadlines…), newest first, each linking to its page. The texts come from the
// server already in the page's language (GET /api/notifications?language=…); opening one or
// "Mark all as read" marks them read. Below, how I want to be told: e-mail, SMS or both, and
// quiet hours (GET/PUT /api/notifications/settings). navEntry() is the menu's link with the
// unread count.
import { api } from "../api.js";
import { announce, h, mount } from "../dom.js";
import { formatMoment } from "../format.js";
import { language, t, useStrings } from "../i18n.js";
import { plural } from "../refusals.js";
import { currentUser } from "../session.js";
import { loginFirst } from "./auth.js";
import { control, field, problemBox, sayProblems, sayRefusal } from "./form.js";

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
  const settings = await api("GET", "/api/notifications/settings");
  mount(
    h("h1", {}, t("notify.title")),
    notifications.length ? h("ul", { class: "cards" }, notifications.map(item)) : h("p", {}, t("notify.empty")),
    unread ? h("p", { class: "actions" }, markAll) : null,
    settingsForm(settings),
  );
}

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

function hourSelect(name, label, chosen) {
  const options = HOURS.map((hour) =>
    h("option", { value: String(hour), selected: hour === chosen }, `${String(hour).padStart(2, "0")}:00`),
  );
  return control("select", name, label, {}, "", options);
}

// The server's refusals of this form, in the reader's words, at their input.
const OWN_WORDS = { phone_invalid: "notify.phone_invalid", phone_required: "notify.phone_required" };

// What "e-mail and SMS" means: the SMS only if the e-mail is still unread after the centre's hours.
function bothHint(hours) {
  return hours > 0 ? plural("notify.channel.both_hint", hours) : t("notify.channel.both_hint_now");
}

function settingsForm(settings) {
  const channel = (value) =>
    h(
      "label",
      { class: "radio" },
      h("input", { type: "radio", name: "channel", value, checked: settings.channel === value }),
      t(`notify.channel.${value}`),
    );
  const quiet = settings.quiet_hours;
  const quietBox = h("input", { type: "checkbox", id: "f-quiet", name: "quiet", checked: Boolean(quiet) });
  const form = h(
    "form",
    { novalidate: true, "aria-labelledby": "notify-settings" },
    h("h2", { id: "notify-settings" }, t("notify.settings_title")),
    problemBox(),
    h(
      "fieldset",
      { class: "issue", "data-field": "channel" },
      h("legend", {}, t("notify.channel")),
      ["email", "sms", "both"].map(channel),
      h("p", { class: "hint", id: "channel-both-hint" }, bothHint(settings.sms_after_unread_hours)),
      h("span", { class: "error", role: "alert" }),
    ),
    field(
      "phone",
      t("notify.phone"),
      { type: "tel", autocomplete: "tel", value: settings.phone ?? "" },
      t("notify.phone_hint"),
    ),
    h("p", { class: "check" }, quietBox, h("label", { for: "f-quiet" }, t("notify.quiet"))),
    hourSelect("quiet_start", t("notify.quiet_start"), quiet ? quiet.start : 22),
    hourSelect("quiet_end", t("notify.quiet_end"), quiet ? quiet.end : 8),
    h("p", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("notify.save"))),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const phone = String(data.get("phone") || "").trim();
    const body = {
      channel: data.get("channel") || "email",
      quiet_hours: quietBox.checked
        ? { start: Number(data.get("quiet_start")), end: Number(data.get("quiet_end")) }
        : null,
    };
    if (phone) body.phone = phone;
    try {
      const saved = await api("PUT", "/api/notifications/settings", body);
      sayProblems(form, []);
      form.elements.phone.value = saved.phone ?? "";
      announce(t("notify.saved"));
    } catch (error) {
      const own = error.fields?.find((refused) => Object.hasOwn(OWN_WORDS, refused.code));
      if (own) sayProblems(form, [["phone", t(OWN_WORDS[own.code])]]);
      else sayRefusal(form, error, { "quiet_hours.start": "quiet_start", "quiet_hours.end": "quiet_end" });
    }
  });
  return form;
}
