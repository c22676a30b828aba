// Strings of the bidding pages (see ../../i18n.js, part "bidding").
export default {};
