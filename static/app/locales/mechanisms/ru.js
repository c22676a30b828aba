// Strings of the mechanisms pages (see ../../i18n.js, part "mechanisms").
export default {};
