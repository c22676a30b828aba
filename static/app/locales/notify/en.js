// Strings of the notifications page and its menu link (see ../../i18n.js, part "notify").
export default {
  "notify.nav": "Notifications",
  "notify.nav_unread": "{n} new",
  "notify.title": "Notifications",
  "notify.empty": "No notifications yet. We will tell you here and by e-mail when something happens in your cases.",
  "notify.unread": "New",
  "notify.mark_all": "Mark all as read",
  "notify.all_read": "All notifications are marked as read.",
};
