// Strings of the division pages (see ../../i18n.js, part "division").
export default {};
